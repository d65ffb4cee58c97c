"""The audit trail's hash chain: each entry stores the SHA-256 of its own content together with
the hash of the entry before it, so changing or removing an entry breaks the chain from there on.

`AuditEntry.save()` links a new entry (under a lock on PostgreSQL, so two requests never link to
the same predecessor); `manage.py check_audit_chain` walks the chain and names the first entry
that does not fit. The chain proves the trail was not edited by someone without the means to
rewrite every later entry too; against the database owner, note the last hash it prints
somewhere else now and then. Kept free of model imports: the migration that chains existing
entries uses it as well.
"""

from __future__ import annotations

import datetime
import hashlib
import ipaddress
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connections

# The first entry links to this.
GENESIS = "0" * 64
# Any 64-bit number: the transaction lock that serialises appending on PostgreSQL. An advisory
# lock needs no rights on the table (LOCK TABLE in a blocking mode needs UPDATE or DELETE, which
# the app's database role does not have on the audit table).
LOCK_KEY = 0x5757_4155_4449_54  # "WWAUDIT"
FIELDS = [
    "created_at",
    "actor_id",
    "actor_name",
    "municipality_id",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "changes",
    "result",
    "ip_address",
]


def _utc(value: datetime.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(datetime.UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds")


def _address(value: str | None) -> str:
    # PostgreSQL's inet gives an address back in its own spelling; compare the address itself.
    if not value:
        return ""
    try:
        return ipaddress.ip_address(value).exploded
    except ValueError:
        return str(value)


def content(values: dict[str, Any]) -> str:
    """The entry's content as one canonical text (same on SQLite and PostgreSQL)."""
    data = {name: values.get(name) for name in FIELDS}
    data["created_at"] = _utc(data["created_at"])
    data["ip_address"] = _address(data["ip_address"])
    data["changes"] = data["changes"] or {}
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def entry_hash(values: dict[str, Any], prev_hash: str) -> str:
    """The hash an entry with these values stores when it follows `prev_hash`."""
    return hashlib.sha256(f"v1\n{prev_hash}\n{content(values)}".encode()).hexdigest()


def lock_for_append(alias: str) -> None:
    """Hold the append lock until the current transaction ends (PostgreSQL; SQLite serialises
    writers itself)."""
    connection = connections[alias]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


@dataclass(frozen=True)
class Break:
    """The first entry that does not fit the chain, and why."""

    pk: int
    created_at: datetime.datetime
    reason: str


def first_break(rows: Iterable[dict[str, Any]]) -> tuple[int, Break | None]:
    """Walk entries in pk order (dicts with FIELDS, pk, prev_hash and entry_hash); return how many
    fitted and the first that did not, if any."""
    previous = GENESIS
    checked = 0
    for row in rows:
        if row["prev_hash"] != previous:
            return checked, Break(
                row["pk"],
                row["created_at"],
                "links to a different predecessor: an entry before it was removed or changed",
            )
        if entry_hash(row, row["prev_hash"]) != row["entry_hash"]:
            return checked, Break(
                row["pk"], row["created_at"], "its content does not match its hash: it was edited"
            )
        previous = row["entry_hash"]
        checked += 1
    return checked, None


def rows_in_order(queryset) -> Iterator[dict[str, Any]]:
    """The entries of an AuditEntry queryset as dicts, in chain order, a chunk at a time."""
    return queryset.order_by("pk").values("pk", "prev_hash", "entry_hash", *FIELDS).iterator(2000)
