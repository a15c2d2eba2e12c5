package dev.gatehouse.adapter.out.security;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** The claims of a well-formed access token, for forgery tests to sign and then change one thing of. */
final class ForgedClaims {

    /** The stable id the forged tokens name for {@code johndoe}. */
    static final java.util.UUID JOHNDOE_ID = java.util.UUID.fromString("0d1e2f30-0000-4000-8000-00000000d0e0");

    private ForgedClaims() {
    }

    /** Valid at {@code now} for 15 minutes, for {@code johndoe}, then changed by {@code change}. */
    static Map<String, Object> valid(String issuer, String audience, Instant now, Consumer<Map<String, Object>> change) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("sub", "johndoe");
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", now.plusSeconds(900).getEpochSecond());
        claims.put("jti", "4b7c1a9e-0000-4000-8000-000000000001");
        claims.put("uid", JOHNDOE_ID.toString());
        change.accept(claims);
        return claims;
    }
}
