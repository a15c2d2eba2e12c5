package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configured secret is not itself the HS256 signing key but one of its HKDF subkeys: a MAC made with the
 * secret for any other purpose (or the secret as another system uses it) cannot sign a token.
 */
class SecretSeparationIT {

    private static final String SECRET = "a-secret-shared-for-several-purposes-32+";
    private static final String PASSWORD = "correct horse battery";

    @Test
    void a_token_signed_with_the_configured_secret_itself_is_refused_in_hs256_mode(@TempDir Path dataDir) throws Exception {
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(Map.of(
                "GATEHOUSE_JWT_SECRET", SECRET,
                "GATEHOUSE_JWT_ALGORITHM", "HS256",
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_ARGON2_MEMORY_KIB", "1024",
                "GATEHOUSE_ARGON2_ITERATIONS", "1"))).withDatabase(DatabaseSettings.embedded(dataDir));
        try (Gatehouse gatehouse = Gatehouse.start(settings, Clock.systemUTC())) {
            TestHttp http = new TestHttp(gatehouse.port());
            assertEquals(201, http.register("jane", PASSWORD).statusCode());
            String genuine = TestHttp.accessToken(http.logIn("jane", PASSWORD));
            String signingInput = genuine.substring(0, genuine.lastIndexOf('.'));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String withTheSecret = signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));

            assertEquals(200, http.me(genuine).statusCode());
            assertEquals(401, http.me(withTheSecret).statusCode());
        }
    }
}
