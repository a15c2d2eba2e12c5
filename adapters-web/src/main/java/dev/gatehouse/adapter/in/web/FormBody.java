package dev.gatehouse.adapter.in.web;

import dev.gatehouse.support.json.JsonCodec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An {@code application/x-www-form-urlencoded} body, always UTF-8 (RFC 6749 appendix B). Decoded by hand
 * because {@link java.net.URLDecoder} silently turns invalid UTF-8 into replacement characters.
 */
record FormBody(Map<String, List<String>> fields) {

    FormBody {
        fields = fields.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, field -> List.copyOf(field.getValue())));
    }

    /** The decoded fields, or empty when a {@code %} escape is malformed or the bytes are not UTF-8. */
    static Optional<FormBody> parse(byte[] body) {
        Optional<String> text = JsonCodec.decodeUtf8(body);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String pair : text.get().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            Optional<String> name = decode(equals < 0 ? pair : pair.substring(0, equals));
            Optional<String> value = decode(equals < 0 ? "" : pair.substring(equals + 1));
            if (name.isEmpty() || value.isEmpty()) {
                return Optional.empty();
            }
            fields.computeIfAbsent(name.get(), ignored -> new ArrayList<>()).add(value.get());
        }
        return Optional.of(new FormBody(fields));
    }

    /** The field's value; the first when it was sent more than once. */
    Optional<String> value(String name) {
        return Optional.ofNullable(fields.get(name)).map(List::getFirst);
    }

    boolean isRepeated(String name) {
        return fields.getOrDefault(name, List.of()).size() > 1;
    }

    /** One form-urlencoded name or value, decoded; empty when a {@code %} escape is malformed or the bytes are not UTF-8. */
    static Optional<String> decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        int i = 0;
        while (i < encoded.length()) {
            if (encoded.charAt(i) == '%') {
                if (i + 2 >= encoded.length()
                        || !HexFormat.isHexDigit(encoded.charAt(i + 1)) || !HexFormat.isHexDigit(encoded.charAt(i + 2))) {
                    return Optional.empty();
                }
                bytes.write(HexFormat.fromHexDigits(encoded, i + 1, i + 3));
                i += 3;
            } else {
                int end = encoded.indexOf('%', i);
                end = end < 0 ? encoded.length() : end;
                bytes.writeBytes(encoded.substring(i, end).replace('+', ' ').getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return JsonCodec.decodeUtf8(bytes.toByteArray());
    }
}
