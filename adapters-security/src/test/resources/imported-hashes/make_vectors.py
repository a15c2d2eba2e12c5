# Makes passlib-vectors.tsv and keycloak-vectors.tsv. Run once, with passlib 1.7.4 and argon2-cffi 25.1.0
# (python3 -m venv v && v/bin/pip install passlib argon2-cffi && v/bin/python make_vectors.py); the files it wrote
# are checked in, so the tests need neither. Keycloak's vectors are computed as Keycloak 24+ computes them
# (Pbkdf2PasswordHashProvider: PBKDF2WithHmacSHA256/512 over the UTF-8 password, 16-byte salt, 256/512-bit key;
# Argon2PasswordHashProvider: argon2id v1.3 through BouncyCastle, 16-byte salt, 32-byte hash), with Python's
# hashlib and argon2-cffi, and written as its realm export writes them (secretData, credentialData).
import base64, hashlib, json, os
from passlib.hash import pbkdf2_sha256, pbkdf2_sha512, pbkdf2_sha1, argon2, bcrypt
import argon2.low_level as ll

passwords = ["correct horse battery staple", "pässwörd-密码-🔑", "hunter2!"]
with open("passlib-vectors.tsv", "w") as out:
    out.write("# password\tpasslib hash (passlib 1.7.4 defaults, argon2 by argon2-cffi 25.1.0)\n")
    for p in passwords:
        out.write(p + "\t" + pbkdf2_sha256.hash(p) + "\n")
        out.write(p + "\t" + pbkdf2_sha512.hash(p) + "\n")
        out.write(p + "\t" + pbkdf2_sha1.hash(p) + "\n")
        out.write(p + "\t" + argon2.using(type="ID").hash(p) + "\n")
with open("keycloak-vectors.tsv", "w") as out:
    out.write("# password\tsecretData\tcredentialData (as in a realm export's users[].credentials[])\n")
    for p in passwords:
        for algorithm, digest, size, iterations in (("pbkdf2-sha256", "sha256", 32, 27500), ("pbkdf2-sha512", "sha512", 64, 210000)):
            salt = os.urandom(16)
            value = hashlib.pbkdf2_hmac(digest, p.encode("utf-8"), salt, iterations, size)
            secret = {"value": base64.b64encode(value).decode(), "salt": base64.b64encode(salt).decode(), "additionalParameters": {}}
            data = {"hashIterations": iterations, "algorithm": algorithm, "additionalParameters": {}}
            out.write(p + "\t" + json.dumps(secret, separators=(",", ":")) + "\t" + json.dumps(data, separators=(",", ":")) + "\n")
        salt = os.urandom(16)
        value = ll.hash_secret_raw(p.encode("utf-8"), salt, time_cost=5, memory_cost=7168, parallelism=1, hash_len=32, type=ll.Type.ID, version=19)
        secret = {"value": base64.b64encode(value).decode(), "salt": base64.b64encode(salt).decode(), "additionalParameters": {}}
        data = {"hashIterations": 5, "algorithm": "argon2", "additionalParameters": {"hashLength": ["32"], "memory": ["7168"], "type": ["id"], "version": ["1.3"], "parallelism": ["1"]}}
        out.write(p + "\t" + json.dumps(secret, separators=(",", ":")) + "\t" + json.dumps(data, separators=(",", ":")) + "\n")
