"""Password hashes: salted scrypt from the standard library, parameters stored with each hash.

Only the hash is stored, never the password. The format is
``scrypt$<log2 n>$<r>$<p>$<salt, base64>$<hash, base64>``, so the cost can be raised later and
old hashes still verify (``needs_rehash`` says when one should be replaced at sign-in).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass


@dataclass(frozen=True)
class Cost:
    """scrypt's parameters: n = 2**log_n, block size r, parallelism p."""

    log_n: int = 17
    r: int = 8
    p: int = 1

    @property
    def maxmem(self) -> int:
        # scrypt needs 128 * n * r bytes; OpenSSL's default cap (32 MiB) is below n=2**17.
        return 128 * (2**self.log_n) * self.r * 2


COST = Cost()
"""The cost of new hashes (~0.7 s on a slow PC at n=2**17; tests lower it)."""

MIN_LENGTH = 8


def _derive(password: str, salt: bytes, cost: Cost) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=2**cost.log_n,
        r=cost.r,
        p=cost.p,
        maxmem=cost.maxmem,
        dklen=32,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, cost: Cost | None = None) -> str:
    """A new salted hash of ``password`` in the stored format."""
    cost = cost or COST
    salt = secrets.token_bytes(16)
    digest = _derive(password, salt, cost)
    return f"scrypt${cost.log_n}${cost.r}${cost.p}${_b64(salt)}${_b64(digest)}"


def _parse(stored: str) -> tuple[Cost, bytes, bytes] | None:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return None
    try:
        cost = Cost(int(parts[1]), int(parts[2]), int(parts[3]))
        return cost, base64.b64decode(parts[4]), base64.b64decode(parts[5])
    except ValueError:
        return None


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches ``stored`` (compared in constant time)."""
    parsed = _parse(stored)
    if parsed is None:
        return False
    cost, salt, digest = parsed
    return hmac.compare_digest(_derive(password, salt, cost), digest)


def needs_rehash(stored: str) -> bool:
    """True when ``stored`` was made with another cost than today's."""
    parsed = _parse(stored)
    return parsed is None or parsed[0] != COST
