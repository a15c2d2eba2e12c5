"""The FastAPI tutorial's items API ("OAuth2 scopes"), with authentication handed to Gatehouse.

What changed from the tutorial: no users, no password hashing and no /token here. Clients log in at Gatehouse's
/token (the form the tutorial's clients already send), and this service verifies the access token with
Gatehouse's public keys: signature (key chosen by the token's kid from the key set), typ at+jwt, iss, aud, exp,
nbf and iat with 30 s of clock skew, then the scopes a route asks for.

Run it with Debian's packages (python3-fastapi, python3-jwt, python3-uvicorn, python3-cryptography):
    GATEHOUSE_URL=http://127.0.0.1:8080 /usr/bin/python3 -m uvicorn main:app --port 8000
"""
import os
from typing import List

import jwt
from fastapi import Depends, FastAPI, HTTPException, Security, status
from fastapi.security import OAuth2PasswordBearer, SecurityScopes
from pydantic import BaseModel

# Where Gatehouse is; its GATEHOUSE_ISSUER, which is also the iss of its tokens (no trailing slash).
GATEHOUSE_URL = os.environ.get("GATEHOUSE_URL", "http://127.0.0.1:8080").rstrip("/")
ISSUER = os.environ.get("GATEHOUSE_ISSUER", GATEHOUSE_URL)
# The aud this API requires: Gatehouse adds it for the clients GATEHOUSE_CLIENT_AUDIENCES names.
AUDIENCE = os.environ.get("ITEMS_API_AUDIENCE", "items-api")
CLOCK_SKEW_SECONDS = 30
# Asymmetric algorithms only: a token claiming HS256 can never be checked against a public key.
ALGORITHMS = ["RS256", "ES256", "EdDSA"]

oauth2_scheme = OAuth2PasswordBearer(
    tokenUrl=f"{GATEHOUSE_URL}/token",
    scopes={"me": "Read information about the current user.", "items": "Read items."},
)
# The key set is cached for 5 minutes; a token naming a kid the cache lacks makes PyJWKClient fetch it again
# (PyJWT 2.6 does so for every such token, without a limit).
jwks_client = jwt.PyJWKClient(f"{GATEHOUSE_URL}/.well-known/jwks.json", cache_jwk_set=True, lifespan=300)

app = FastAPI()


class User(BaseModel):
    username: str
    scopes: List[str] = []


def verify(token: str) -> dict:
    """The claims of a Gatehouse access token this API may accept; raises jwt.PyJWTError otherwise."""
    if jwt.get_unverified_header(token).get("typ") != "at+jwt":
        raise jwt.InvalidTokenError("not an access token")
    signing_key = jwks_client.get_signing_key_from_jwt(token)
    return jwt.decode(
        token,
        signing_key.key,
        algorithms=ALGORITHMS,
        audience=AUDIENCE,
        issuer=ISSUER,
        leeway=CLOCK_SKEW_SECONDS,
        options={"require": ["exp", "iat", "nbf", "iss", "aud", "sub"]},
    )


async def get_current_user(security_scopes: SecurityScopes, token: str = Depends(oauth2_scheme)) -> User:
    try:
        claims = verify(token)
    except jwt.PyJWTError:  # bad signature, unknown kid, wrong iss/aud, expired, missing claim, garbage
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Could not validate credentials",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
    user = User(username=claims["sub"], scopes=claims.get("scope", "").split())
    for scope in security_scopes.scopes:
        if scope not in user.scopes:
            # RFC 6750: a valid token without the scope is 403 insufficient_scope (the tutorial answers 401).
            raise HTTPException(
                status_code=status.HTTP_403_FORBIDDEN,
                detail="Not enough permissions",
                headers={"WWW-Authenticate": f'Bearer error="insufficient_scope", scope="{security_scopes.scope_str}"'},
            )
    return user


@app.get("/users/me/", response_model=User)
async def read_users_me(current_user: User = Security(get_current_user)):
    return current_user


@app.get("/users/me/items/")
async def read_own_items(current_user: User = Security(get_current_user, scopes=["items"])):
    return [{"item_id": "Foo", "owner": current_user.username}]


@app.get("/status/")
async def read_system_status(current_user: User = Depends(get_current_user)):
    return {"status": "ok"}
