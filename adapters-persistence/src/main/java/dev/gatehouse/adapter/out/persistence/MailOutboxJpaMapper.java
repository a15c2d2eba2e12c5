package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.MailTemplate;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.domain.EmailAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Between {@link OutgoingMail} and its {@code mail_outbox} row; values as URL-encoded {@code name=value&…}. */
final class MailOutboxJpaMapper {

    private MailOutboxJpaMapper() {
    }

    static MailOutboxJpaEntity toNewEntity(OutgoingMail mail, Instant at) {
        String values = encode(mail.values());
        if (values.length() > 4000) {
            throw new IllegalArgumentException("a mail's values must fit 4000 characters encoded");
        }
        return new MailOutboxJpaEntity(mail.id(), mail.to().value(), mail.template().name(), values, RefreshTokenJpaMapper.storable(at));
    }

    static OutgoingMail toDomain(MailOutboxJpaEntity row) {
        return new OutgoingMail(row.getId(), new EmailAddress(row.getRecipient()), MailTemplate.valueOf(row.getTemplate()),
                decode(row.getValues()));
    }

    static String encode(Map<String, String> values) {
        return new TreeMap<>(values).entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> decode(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
