#!/bin/sh
# Verifies a Gatehouse access token by hand, as a resource server would: no openssl, only curl and Debian's
# python3-jwt. Usage: GATEHOUSE=http://127.0.0.1:8080 AUDIENCE=items-api sh verify-token.sh "$TOKEN"
# Exit status 0 and the claims when the token is good for AUDIENCE; 1 and the reason when it is not.
set -eu
token=$1

# 1. What the token says, unverified: its header names the key (kid) and the algorithm.
printf '%s' "$token" | cut -d. -f1 | tr '_-' '/+' | base64 -d 2>/dev/null || true; echo

# 2. The key set Gatehouse publishes: the kid above must be one of these.
curl -fsS "$GATEHOUSE/.well-known/jwks.json" | grep -o '"kid":"[^"]*"'

# 3. The checks: signature with that key, typ, iss, aud, exp and nbf (30 s of clock skew), the claims required.
/usr/bin/python3 - "$token" "$GATEHOUSE" "$AUDIENCE" <<'PYTHON'
import sys, jwt
token, issuer, audience = sys.argv[1:]
try:
    assert jwt.get_unverified_header(token).get("typ") == "at+jwt", "not an access token (typ)"
    key = jwt.PyJWKClient(issuer + "/.well-known/jwks.json").get_signing_key_from_jwt(token).key
    print(jwt.decode(token, key, algorithms=["RS256", "ES256", "EdDSA"], issuer=issuer, audience=audience,
                     leeway=30, options={"require": ["exp", "iat", "nbf", "iss", "aud", "sub"]}))
except (AssertionError, jwt.PyJWTError) as refused:
    sys.exit("refused: %s" % refused)
PYTHON
