"""Identifier shapes: event ids, platform ids, promo codes. All drawn from a seeded `random.Random`."""

from __future__ import annotations

import hashlib
import random

ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz"
BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
YT_ALPHABET = BASE62 + "-_"
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: codes are read aloud and typed


def uuid4_like(rng: random.Random) -> str:
    """A version-4-shaped UUID string from the seeded generator."""
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:32]}"


_TABLES: dict[str, bytes] = {}


def chars(rng: random.Random, alphabet: str, n: int) -> str:
    """n symbols of `alphabet` (ASCII) from random bytes (a lookup table; fast at millions of ids)."""
    table = _TABLES.get(alphabet)
    if table is None:
        table = _TABLES[alphabet] = bytes(ord(alphabet[b % len(alphabet)]) for b in range(256))
    return rng.randbytes(n).translate(table).decode("ascii")


def digits(rng: random.Random, n: int, first: str = "") -> str:
    """An n-digit decimal string (never starting with 0) with an optional fixed prefix."""
    body = n - len(first)
    low = 10 ** (body - 1) if not first else 0
    return first + str(rng.randrange(low, 10**body)).zfill(body)


def stable_digits(key: str, n: int, first: str) -> str:
    """An n-digit id derived from `key` alone (the same person always has the same platform id)."""
    value = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big")
    body = n - len(first)
    return first + str(value % 10**body).zfill(body)


def stable_chars(key: str, alphabet: str, n: int) -> str:
    value = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=16).digest(), "big")
    out = []
    for _ in range(n):
        value, r = divmod(value, len(alphabet))
        out.append(alphabet[r])
    return "".join(out)


class PromoCodes:
    """One-time promo codes `DM-7F3K2`, unique across the run."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._issued: set[str] = set()

    def issue(self) -> str:
        while True:
            code = "DM-" + chars(self._rng, CODE_ALPHABET, 5)
            if code not in self._issued:
                self._issued.add(code)
                return code
