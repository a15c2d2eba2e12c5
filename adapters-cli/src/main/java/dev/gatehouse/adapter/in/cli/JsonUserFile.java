package dev.gatehouse.adapter.in.cli;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON export: an object whose {@code users} array holds one object per user, read one user at a time (every
 * other member, such as a Keycloak realm's clients and roles, is skipped token by token). A user with
 * {@code password_hash} is in the neutral format ({@code username}, {@code email}, {@code full_name},
 * {@code disabled}, {@code roles}, {@code password_hash}; no other members); any other is read as a Keycloak user
 * ({@code username}, {@code email}, {@code firstName}, {@code lastName}, {@code enabled}, {@code realmRoles},
 * {@code credentials}), see {@link KeycloakCredentials}. Duplicate keys, a user record above
 * {@link #MAX_RECORD_BYTES} or any one token above it stop the file.
 */
final class JsonUserFile implements UserFile {

    static final int MAX_RECORD_BYTES = 256 * 1024;
    private static final Set<String> NEUTRAL = Set.of("username", "email", "full_name", "disabled", "roles", "password_hash");
    // Keycloak's built-in roles every user of a realm holds; they mean nothing to Gatehouse.
    private static final String KEYCLOAK_DEFAULT_ROLES = "default-roles-";
    private static final Set<String> KEYCLOAK_BUILT_IN_ROLES = Set.of("offline_access", "uma_authorization");
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of("org.eclipse.parsson.rejectDuplicateKeys", true));

    private final RecordBoundedInput input;
    private final JsonParser parser;
    private int index;
    private boolean inUsers;
    private boolean done;

    JsonUserFile(InputStream in) {
        this.input = new RecordBoundedInput(in, MAX_RECORD_BYTES, "a user record or a value of the file");
        this.parser = PARSERS.createParser(new InputStreamReader(input, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        parsing(() -> {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new ImportFileException("the file is not a JSON object with a \"users\" array");
            }
            return null;
        });
    }

    @Override
    public Optional<ImportEntry> next() {
        return parsing(this::advance);
    }

    private Optional<ImportEntry> advance() {
        while (!done) {
            input.startRecord();
            if (!parser.hasNext()) {
                throw new ImportFileException("the file ends before its JSON object does");
            }
            JsonParser.Event event = parser.next();
            if (inUsers) {
                if (event == JsonParser.Event.END_ARRAY) {
                    inUsers = false;
                    continue;
                }
                if (event != JsonParser.Event.START_OBJECT) {
                    throw new ImportFileException("user " + (index + 1) + " is not a JSON object");
                }
                index++;
                return Optional.of(user(parser.getObject()));
            }
            switch (event) {
                case KEY_NAME -> {
                    if (parser.getString().equals("users")) {
                        if (parser.next() != JsonParser.Event.START_ARRAY) {
                            throw new ImportFileException("\"users\" is not an array");
                        }
                        inUsers = true;
                    } else {
                        skipValue();
                    }
                }
                case END_OBJECT -> {
                    done = true;
                    if (parser.hasNext()) {
                        parser.next();
                        throw new ImportFileException("there is more after the file's JSON object");
                    }
                }
                default -> throw new ImportFileException("unexpected " + event + " in the file's object");
            }
        }
        return Optional.empty();
    }

    /** Skips one value token by token, so that a large member that is not users never sits in memory whole. */
    private void skipValue() {
        int depth = 0;
        do {
            input.startRecord();
            JsonParser.Event event = parser.next();
            if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
                depth++;
            } else if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
                depth--;
            }
        } while (depth > 0);
    }

    private ImportEntry user(JsonObject user) {
        String position = "user " + index;
        try {
            return user.containsKey("password_hash") ? neutral(position, user) : keycloak(position, user);
        } catch (ImportFields.Invalid invalid) {
            return new ImportEntry.Unreadable(position, ImportFields.shown(string(user, "username").orElse(null)), invalid.getMessage());
        }
    }

    private static ImportEntry neutral(String position, JsonObject user) {
        for (String key : user.keySet()) {
            if (!NEUTRAL.contains(key)) {
                throw ImportFields.invalid("unknown member \"" + ImportFields.shown(key) + "\" (the neutral format has "
                        + String.join(", ", CsvUserFile.HEADER) + ")");
            }
        }
        return ImportFields.entry(position, string(user, "username").orElse(null), string(user, "email"), string(user, "full_name"),
                bool(user, "disabled", false), strings(user, "roles"), string(user, "password_hash").orElse(null));
    }

    private static ImportEntry keycloak(String position, JsonObject user) {
        Optional<String> username = string(user, "username");
        String fullName = (string(user, "firstName").orElse("") + " " + string(user, "lastName").orElse("")).strip();
        List<String> roles = strings(user, "realmRoles").stream()
                .filter(role -> !role.startsWith(KEYCLOAK_DEFAULT_ROLES) && !KEYCLOAK_BUILT_IN_ROLES.contains(role)).toList();
        List<JsonObject> passwords = new ArrayList<>();
        JsonValue credentials = user.getOrDefault("credentials", JsonValue.EMPTY_JSON_ARRAY);
        if (credentials.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ImportFields.invalid("\"credentials\" is not an array");
        }
        for (JsonValue credential : credentials.asJsonArray()) {
            if (credential.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ImportFields.invalid("a credential is not an object");
            }
            if (string(credential.asJsonObject(), "type").orElse("").equals("password")) {
                passwords.add(credential.asJsonObject());
            }
        }
        if (passwords.isEmpty()) {
            throw ImportFields.invalid("no password credential (the user has no password in this realm: a directory's or an"
                    + " identity provider's user)");
        }
        if (passwords.size() > 1) {
            throw ImportFields.invalid(passwords.size() + " password credentials; Keycloak checks only one");
        }
        String hash = KeycloakCredentials.encoded(nested(passwords.get(0), "secretData"), nested(passwords.get(0), "credentialData"));
        return ImportFields.entry(position, username.orElse(null), string(user, "email"), Optional.of(fullName),
                !bool(user, "enabled", true), roles, hash);
    }

    /** secretData and credentialData: a JSON object, or (as realm exports write them) a string holding one. */
    private static JsonObject nested(JsonObject credential, String name) {
        JsonValue value = credential.get(name);
        if (value instanceof JsonObject object) {
            return object;
        }
        if (value instanceof JsonString text) {
            try (var reader = Json.createReader(new java.io.StringReader(text.getString()))) {
                return reader.readObject();
            } catch (JsonException | IllegalStateException malformed) {
                throw ImportFields.invalid("the credential's " + name + " is not a JSON object");
            }
        }
        throw ImportFields.invalid("the credential has no " + name);
    }

    static Optional<String> string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonString text) {
            return Optional.of(text.getString());
        }
        throw ImportFields.invalid("\"" + name + "\" is not a string");
    }

    private static boolean bool(JsonObject object, String name, boolean absent) {
        JsonValue value = object.get(name);
        if (value == null || value == JsonValue.NULL) {
            return absent;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw ImportFields.invalid("\"" + name + "\" is not true or false");
    }

    private static List<String> strings(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ImportFields.invalid("\"" + name + "\" is not an array of strings");
        }
        List<String> strings = new ArrayList<>();
        for (JsonValue element : value.asJsonArray()) {
            if (!(element instanceof JsonString text)) {
                throw ImportFields.invalid("\"" + name + "\" is not an array of strings");
            }
            strings.add(text.getString());
        }
        return strings;
    }

    private <T> T parsing(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (JsonParsingException broken) {
            JsonLocation at = broken.getLocation();
            throw new ImportFileException("broken JSON" + (at == null ? "" : " at line " + at.getLineNumber() + ", column "
                    + at.getColumnNumber()) + ": " + broken.getMessage(), broken);
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException broken) {
            throw new ImportFileException("broken JSON: " + broken.getMessage(), broken);
        }
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (JsonException ignored) {
            // read to the end or given up: nothing to save
        }
    }
}
