package dev.gatehouse.bootstrap;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kinds of value settings have (whole numbers in a range, durations up to a maximum, switches, words, request
 * rates), each refusing what it cannot read with a message that names the setting and says what it takes.
 */
final class SettingParsers {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})\\s*(s|m|h|d)?");
    private static final Pattern RATE = Pattern.compile("(\\d{1,6})\\s*/\\s*(s|m|h)");

    private SettingParsers() {
    }

    static Setting.Parser<String> text() {
        return (name, text) -> text;
    }

    static Setting.Parser<Integer> wholeNumber(int min, int max) {
        return (name, text) -> {
            try {
                int value = Integer.parseInt(text);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException notANumber) {
                // reported below, with the allowed range
            }
            throw new InvalidSettingException(name + " must be a whole number from " + min + " to " + max
                    + ", got '" + text + "'");
        };
    }

    static Setting.Parser<Boolean> trueOrFalse() {
        return (name, text) -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new InvalidSettingException(name + " must be true or false, got '" + text + "'");
        };
    }

    /** One of two words, in any case: {@code yes} means true ({@code open}/{@code closed}, {@code json}/{@code text}). */
    static Setting.Parser<Boolean> either(String yes, String no) {
        return (name, text) -> {
            String word = text.toLowerCase(Locale.ROOT);
            if (word.equals(yes) || word.equals(no)) {
                return word.equals(yes);
            }
            throw new InvalidSettingException(name + " must be " + yes + " or " + no + ", got '" + text + "'");
        };
    }

    /** Seconds ("900"), a number with s/m/h/d ("15m"), or ISO-8601 ("PT15M"); above zero and at most {@code max}. */
    static Setting.Parser<Duration> duration(Duration max) {
        return (name, text) -> {
            Duration value = null;
            Matcher shortForm = SHORT_DURATION.matcher(text);
            if (shortForm.matches()) {
                long amount = Long.parseLong(shortForm.group(1));
                String unit = shortForm.group(2) == null ? "s" : shortForm.group(2);
                value = switch (unit) {
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "d" -> Duration.ofDays(amount);
                    default -> Duration.ofSeconds(amount);
                };
            } else {
                try {
                    value = Duration.parse(text);
                } catch (DateTimeParseException notIso) {
                    // reported below
                }
            }
            if (value == null || value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
                throw new InvalidSettingException(name + " must be a duration above zero and at most " + max
                        + " (e.g. 900, 15m, 1h or PT15M), got '" + text + "'");
            }
            return value;
        };
    }

    /** A duration as above, or {@code 0} for none at all. */
    static Setting.Parser<Duration> durationOrZero(Duration max) {
        Setting.Parser<Duration> duration = duration(max);
        return (name, text) -> text.strip().equals("0") ? Duration.ZERO : duration.parse(name, text);
    }

    /**
     * Requests per second, minute or hour ({@code 2/s}, {@code 10/m}, {@code 3/h}) as the interval between two of them,
     * or {@code off}: empty, no budget at all.
     */
    static Setting.Parser<Optional<Duration>> rate() {
        return (name, text) -> {
            if (text.equalsIgnoreCase("off")) {
                return Optional.empty();
            }
            Matcher rate = RATE.matcher(text);
            if (!rate.matches() || Integer.parseInt(rate.group(1)) < 1) {
                throw new InvalidSettingException(name + " must be a number of requests per second, minute or hour such as 2/s or "
                        + "10/m, or off, got '" + text + "'");
            }
            Duration per = switch (rate.group(2)) {
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                default -> Duration.ofSeconds(1);
            };
            return Optional.of(per.dividedBy(Integer.parseInt(rate.group(1))));
        };
    }
}
