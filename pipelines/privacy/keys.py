"""The secret key personal data is hashed with: HMAC-SHA-256, never a public salt.

User ids, handles and e-mails leave the raw layer only as keyed hashes. A plain or salted hash of an e-mail
is reversed by hashing a list of e-mails; a keyed hash cannot be without the key. The key comes from, in
order: the environment (`SOCIALKPI_PII_KEY`), dlt's secrets (`[socialkpi] pii_key` in `.dlt/secrets.toml`,
or `SOCIALKPI__PII_KEY`), or a key file beside the warehouse. Only the bundled sample may create that file
(a random key, readable by its owner only); a run on the user's own exports refuses to start without a key,
so two installations never share one by accident.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

KEY_ENV = "SOCIALKPI_PII_KEY"
DLT_SECRET = "socialkpi.pii_key"
KEY_FILE = ".pii_key"
MIN_KEY_CHARS = 16


class MissingKey(RuntimeError):
    """No key is configured for a run on the user's own data."""


def key_file(warehouse: Path) -> Path:
    return Path(warehouse).parent / KEY_FILE


def _configured() -> str | None:
    value = os.environ.get(KEY_ENV)
    if value:
        return value
    try:
        import dlt

        value = dlt.secrets.get(DLT_SECRET)
    except Exception:  # no secrets file, or a provider that cannot be read: treated as not configured
        value = None
    return str(value) if value else None


def pii_key(warehouse: Path, generate: bool = False) -> bytes:
    """The key for `warehouse`. `generate=True` (the bundled sample only) writes a random local key file the
    first time; otherwise a missing key raises MissingKey with how to set one."""
    configured = _configured()
    if configured is not None:
        if len(configured) < MIN_KEY_CHARS:
            raise MissingKey(
                f"{KEY_ENV} is shorter than {MIN_KEY_CHARS} characters: use a long random secret"
            )
        return configured.encode()
    path = key_file(warehouse)
    if path.exists():
        return path.read_text().strip().encode()
    if not generate:
        raise MissingKey(
            f"no key to hash personal data with: set {KEY_ENV} (e.g. `export {KEY_ENV}=$(python -c "
            f"'import secrets; print(secrets.token_hex(32))')`) or `pii_key` under [socialkpi] in "
            f".dlt/secrets.toml, and keep it: the same key must hash the same person the same way every run"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


def keyed_hash(value: str, key: bytes) -> str:
    """HMAC-SHA-256 of `value` (UTF-8) under `key`, as 64 hex characters."""
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()
