package dev.gatehouse.features;

import io.cucumber.datatable.DataTable;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client applications a scenario's table names, as the settings that register them
 * ({@code GATEHOUSE_CLIENTS}, {@code GATEHOUSE_CLIENT_SECRET_<ID>}, and for the optional columns "returns to",
 * "may use" and "scopes" the per-client lists {@code GATEHOUSE_CLIENT_REDIRECT_URIS}, {@code GATEHOUSE_CLIENT_GRANTS}
 * and {@code GATEHOUSE_CLIENT_SCOPES}; an empty cell keeps the client's defaults), for both glues. One random secret per
 * confidential application and run, as a deployment's would be, so that every scenario with the same
 * applications shares one Gatehouse.
 */
public final class ClientApplications {

    private static final Map<String, String> SECRETS = new ConcurrentHashMap<>();
    /** The optional columns, and the per-client setting ({@code client=value value…;…}) each one fills. */
    private static final Map<String, String> LIST_COLUMNS = Map.of(
            "returns to", "GATEHOUSE_CLIENT_REDIRECT_URIS",
            "may use", "GATEHOUSE_CLIENT_GRANTS",
            "scopes", "GATEHOUSE_CLIENT_SCOPES");

    private ClientApplications() {
    }

    /** The settings registering the applications of {@code table} (columns application, kind, party, and the optional ones). */
    public static Map<String, String> settings(DataTable table) {
        List<String> entries = new ArrayList<>();
        Map<String, String> settings = new HashMap<>();
        Map<String, List<String>> lists = new HashMap<>();
        for (Map<String, String> row : table.asMaps()) {
            String id = row.get("application");
            entries.add(id + ":" + row.get("kind") + ":" + row.get("party"));
            if (row.get("kind").equals("confidential")) {
                settings.put("GATEHOUSE_CLIENT_SECRET_" + id.toUpperCase(Locale.ROOT).replace('-', '_'), secretOf(id));
            }
            LIST_COLUMNS.forEach((column, setting) -> {
                String cell = row.get(column);
                if (cell != null && !cell.isBlank()) {
                    lists.computeIfAbsent(setting, ignored -> new ArrayList<>()).add(id + "=" + cell.strip());
                }
            });
        }
        lists.forEach((setting, values) -> settings.put(setting, String.join(";", values)));
        settings.put("GATEHOUSE_CLIENTS", String.join(",", entries));
        return settings;
    }

    /** The secret of a confidential application, the same for the whole run. */
    public static String secretOf(String application) {
        return SECRETS.computeIfAbsent(application, ignored -> {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        });
    }
}
