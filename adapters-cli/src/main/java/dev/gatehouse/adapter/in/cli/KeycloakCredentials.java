package dev.gatehouse.adapter.in.cli;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Base64;
import java.util.Optional;

/**
 * A Keycloak password credential ({@code secretData} {value, salt} and {@code credentialData} {hashIterations,
 * algorithm, additionalParameters}, base64 as Keycloak writes them) in the encoded form Gatehouse stores:
 * <ul>
 *   <li>{@code pbkdf2-sha256}, {@code pbkdf2-sha512}, {@code pbkdf2} (SHA-1): passlib's form,
 *       {@code $pbkdf2-sha256$<hashIterations>$<salt>$<value>} in passlib's adapted base64 ({@code .} for {@code +},
 *       unpadded); the derived key is as long as the value;</li>
 *   <li>{@code argon2} (Keycloak 24+'s default): the PHC string
 *       {@code $argon2id$v=19$m=<memory>,t=<hashIterations>,p=<parallelism>$<salt>$<value>}, unpadded base64; only
 *       type {@code id} and version {@code 1.3}.</li>
 * </ul>
 * The hasher then judges the cost; an algorithm other than these is refused here.
 */
final class KeycloakCredentials {

    private KeycloakCredentials() {
    }

    static String encoded(JsonObject secretData, JsonObject credentialData) {
        byte[] value = base64(secretData, "value");
        byte[] salt = base64(secretData, "salt");
        String algorithm = JsonUserFile.string(credentialData, "algorithm").orElse("");
        long iterations = iterations(credentialData);
        JsonObject parameters = credentialData.get("additionalParameters") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        return switch (algorithm) {
            case "pbkdf2-sha256", "pbkdf2-sha512", "pbkdf2" ->
                    "$" + algorithm + "$" + iterations + "$" + adaptedBase64(salt) + "$" + adaptedBase64(value);
            case "argon2" -> argon2(parameters, iterations, salt, value);
            default -> throw ImportFields.invalid("the Keycloak algorithm '" + ImportFields.shown(algorithm)
                    + "' is not one Gatehouse reads (pbkdf2-sha256, pbkdf2-sha512, pbkdf2, argon2)");
        };
    }

    private static String argon2(JsonObject parameters, long iterations, byte[] salt, byte[] value) {
        String type = parameter(parameters, "type").orElse("id");
        String version = parameter(parameters, "version").orElse("1.3");
        if (!type.equals("id")) {
            throw ImportFields.invalid("Keycloak argon2 of type '" + ImportFields.shown(type) + "': only argon2id is read");
        }
        if (!version.equals("1.3")) {
            throw ImportFields.invalid("Keycloak argon2 version '" + ImportFields.shown(version) + "': only 1.3 is read");
        }
        String memory = parameter(parameters, "memory").orElse("7168");
        String parallelism = parameter(parameters, "parallelism").orElse("1");
        Optional<String> hashLength = parameter(parameters, "hashLength");
        if (!memory.matches("[1-9][0-9]{0,9}") || !parallelism.matches("[1-9][0-9]{0,9}")) {
            throw ImportFields.invalid("Keycloak argon2 memory and parallelism must be whole numbers");
        }
        if (hashLength.isPresent() && !hashLength.get().equals(Integer.toString(value.length))) {
            throw ImportFields.invalid("Keycloak argon2 hashLength " + ImportFields.shown(hashLength.get()) + " but a hash of "
                    + value.length + " bytes");
        }
        Base64.Encoder phc = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memory + ",t=" + iterations + ",p=" + parallelism + "$" + phc.encodeToString(salt) + "$"
                + phc.encodeToString(value);
    }

    /** Keycloak writes each additional parameter as a list of one string: {"memory": ["7168"]}. */
    private static Optional<String> parameter(JsonObject parameters, String name) {
        JsonValue value = parameters.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY && value.asJsonArray().size() == 1
                && value.asJsonArray().get(0) instanceof JsonString text) {
            return Optional.of(text.getString());
        }
        if (value instanceof JsonString text) {
            return Optional.of(text.getString());
        }
        throw ImportFields.invalid("Keycloak argon2 parameter " + name + " is not a string");
    }

    private static long iterations(JsonObject credentialData) {
        if (credentialData.get("hashIterations") instanceof JsonNumber number && number.isIntegral()
                && number.bigIntegerValue().signum() > 0 && number.bigIntegerValue().bitLength() < 32) {
            return number.longValue();
        }
        throw ImportFields.invalid("the credential's hashIterations is not a positive whole number below 2^31");
    }

    private static byte[] base64(JsonObject secretData, String name) {
        String text = JsonUserFile.string(secretData, name).orElseThrow(() -> ImportFields.invalid("the credential has no " + name));
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException malformed) {
            throw ImportFields.invalid("the credential's " + name + " is not base64");
        }
    }

    static String adaptedBase64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes).replace('+', '.');
    }
}
