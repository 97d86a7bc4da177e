"""Stable public identifiers for records."""

import base64
import hashlib
import secrets


def stable_public_id(dataset: str, source_id: str, prefix: str = "") -> str:
    """A short public id derived from a record's data set and source id, identical on every install.

    Returns `prefix` plus 8 lowercase base32 characters of SHA-1("dataset:source_id"), e.g. "p4k2m7qza".
    """
    digest = hashlib.sha1(f"{dataset}:{source_id}".encode(), usedforsecurity=False).digest()
    return prefix + base64.b32encode(digest).decode("ascii")[:8].lower()


def random_public_id(prefix: str = "") -> str:
    """A short random public id for records without a source id (same shape as `stable_public_id`)."""
    return prefix + base64.b32encode(secrets.token_bytes(5)).decode("ascii").lower()
