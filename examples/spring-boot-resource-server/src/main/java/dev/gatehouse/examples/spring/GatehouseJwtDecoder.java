package dev.gatehouse.examples.spring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * How this service checks a Gatehouse access token locally. Spring Boot's own decoder (from {@code issuer-uri})
 * refuses Gatehouse's tokens: they are RFC 9068 access tokens, {@code typ: at+jwt}, and Spring Security 6.5's
 * decoder allows only {@code JWT}; it also accepts a token without {@code exp} and checks no audience unless told.
 */
@Configuration
public class GatehouseJwtDecoder {

    /** Clock skew allowed on {@code exp} and {@code nbf}: Gatehouse itself allows 30 s. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    @Bean
    JwtDecoder jwtDecoder(@Value("${gatehouse.issuer}") String issuer, @Value("${gatehouse.audience}") String audience) {
        // Supplier: discovery runs at the first request, so this service starts while Gatehouse is still down.
        return new SupplierJwtDecoder(() -> {
            // RFC 8414 discovery: ${issuer}/.well-known/oauth-authorization-server, whose "issuer" must equal
            // ${issuer} exactly; its jwks_uri is where the keys come from (cached for 5 minutes, fetched again at
            // once when a token names a kid the cached set does not hold).
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).validateType(false).build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    new JwtTypeValidator("at+jwt"),
                    new JwtIssuerValidator(issuer),
                    new JwtClaimValidator<Instant>("exp", Objects::nonNull),
                    new JwtTimestampValidator(CLOCK_SKEW),
                    new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(audience))));
            return decoder;
        });
    }
}
