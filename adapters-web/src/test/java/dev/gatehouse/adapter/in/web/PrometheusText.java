package dev.gatehouse.adapter.in.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, to hold {@code GET /metrics} to it: every
 * sample belongs to the family whose {@code # TYPE} line precedes it, one block per family, only the suffixes
 * its type allows ({@code _total} for counters; {@code _bucket} with {@code le}, {@code _count}, {@code _sum}
 * for histograms, buckets cumulative up to {@code +Inf} equal to {@code _count}), well-formed labels, no
 * duplicated series, numeric values.
 */
final class PrometheusText {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)( -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"\\s*(,|$)");

    /** One sample line: metric name, labels, value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final Map<String, String> types = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    private PrometheusText() {
    }

    /** Parses {@code text}, failing with the offending line when it breaks the format. */
    static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        String family = null;
        Set<String> closed = new HashSet<>();
        Set<String> series = new HashSet<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                String name = line.substring(7).split(" ", 2)[0];
                require(NAME.matcher(name).matches(), "HELP for a bad name", line);
                if (!name.equals(family)) {
                    require(!closed.contains(name) && !parsed.types.containsKey(name), "family split in two", line);
                }
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                require(parts.length == 2 && NAME.matcher(parts[0]).matches(), "malformed TYPE", line);
                require(Set.of("counter", "gauge", "histogram", "summary", "untyped").contains(parts[1]), "unknown type", line);
                require(!parsed.types.containsKey(parts[0]), "family typed twice", line);
                if (family != null) {
                    closed.add(family);
                }
                family = parts[0];
                parsed.types.put(family, parts[1]);
                continue;
            }
            require(!line.startsWith("#"), "unknown comment", line);
            Matcher sample = SAMPLE.matcher(line);
            require(sample.matches(), "malformed sample", line);
            String name = sample.group(1);
            require(family != null && allowedIn(name, family, parsed.types.get(family)), "sample outside its family " + family, line);
            Map<String, String> labels = labels(sample.group(3) == null ? "" : sample.group(3), line);
            if (name.endsWith("_bucket")) {
                require(labels.containsKey("le"), "bucket without le", line);
            }
            require(series.add(name + labels), "duplicated series", line);
            parsed.samples.add(new Sample(name, labels, value(sample.group(4), line)));
        }
        parsed.checkHistograms();
        return parsed;
    }

    /** The type of the family {@code name}, if declared. */
    Optional<String> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /** The value of the sample named {@code name} whose labels include {@code labels}; empty when none. */
    Optional<Double> value(String name, Map<String, String> labels) {
        List<Double> values = samples.stream()
                .filter(sample -> sample.name().equals(name) && sample.labels().entrySet().containsAll(labels.entrySet()))
                .map(Sample::value)
                .toList();
        if (values.size() > 1) {
            throw new AssertionError("several series of " + name + " match " + labels + ": " + values);
        }
        return values.stream().findFirst();
    }

    List<Sample> samples(String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).toList();
    }

    private static boolean allowedIn(String name, String family, String type) {
        return switch (type) {
            case "counter" -> name.equals(family + "_total") || name.equals(family) && family.endsWith("_total");
            case "histogram" -> name.equals(family + "_bucket") || name.equals(family + "_count") || name.equals(family + "_sum");
            case "summary" -> name.equals(family) || name.equals(family + "_count") || name.equals(family + "_sum");
            default -> name.equals(family);
        };
    }

    private static Map<String, String> labels(String text, String line) {
        Map<String, String> labels = new LinkedHashMap<>();
        Matcher label = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            require(label.find(at) && label.start() == at, "malformed labels", line);
            require(labels.put(label.group(1), label.group(2)) == null, "label repeated", line);
            at = label.end();
        }
        return labels;
    }

    private static double value(String text, String line) {
        try {
            return switch (text) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(text);
            };
        } catch (NumberFormatException notANumber) {
            throw new AssertionError("bad value in: " + line);
        }
    }

    /** Buckets of each series ascend in {@code le}, never decrease, and end at {@code +Inf} with the count. */
    private void checkHistograms() {
        types.forEach((family, type) -> {
            if (!type.equals("histogram")) {
                return;
            }
            Map<Map<String, String>, List<Sample>> bySeries = new LinkedHashMap<>();
            for (Sample bucket : samples(family + "_bucket")) {
                Map<String, String> series = new LinkedHashMap<>(bucket.labels());
                series.remove("le");
                bySeries.computeIfAbsent(series, ignored -> new ArrayList<>()).add(bucket);
            }
            bySeries.forEach((series, buckets) -> {
                double previousBound = Double.NEGATIVE_INFINITY;
                double previousCount = 0;
                for (Sample bucket : buckets) {
                    double bound = value(bucket.labels().get("le"), bucket.toString());
                    require(bound > previousBound && bucket.value() >= previousCount, "buckets out of order", bucket.toString());
                    previousBound = bound;
                    previousCount = bucket.value();
                }
                require(previousBound == Double.POSITIVE_INFINITY, "no +Inf bucket", family + series);
                double count = samples(family + "_count").stream().filter(s -> s.labels().equals(series))
                        .findFirst().orElseThrow(() -> new AssertionError("no _count for " + family + series)).value();
                require(count == previousCount, "+Inf bucket is not the count", family + series);
            });
        });
    }

    private static void require(boolean condition, String problem, String line) {
        if (!condition) {
            throw new AssertionError(problem + ": " + line);
        }
    }
}
