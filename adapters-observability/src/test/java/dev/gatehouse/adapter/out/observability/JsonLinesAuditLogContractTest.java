package dev.gatehouse.adapter.out.observability;

import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.testing.AuditLogContract;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientAddress;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/** The JSON-lines audit log keeps to the audit log contract: its lines, read back by an independent JSON parser. */
class JsonLinesAuditLogContractTest extends AuditLogContract {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    protected AuditLog newEmptyLog() {
        lines.clear();
        return new JsonLinesAuditLog(lines::add);
    }

    @Override
    protected boolean deletesOnRequest() {
        return false;
    }

    @Override
    protected List<AuditEvent> recorded() {
        return lines.stream().map(JsonLinesAuditLogContractTest::parse).toList();
    }

    private static AuditEvent parse(String line) {
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
            JsonObject json = reader.readObject();
            return new AuditEvent(AuditEvent.Type.valueOf(json.getString("event").toUpperCase(Locale.ROOT)),
                    json.getString("subject"), new ClientAddress(json.getString("client")),
                    Instant.parse(json.getString("ts")), json.getString("actor", ""));
        }
    }
}
