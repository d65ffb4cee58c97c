"""The audit trail's hash chain (wup/audit_chain.py) and `manage.py check_audit_chain`: an edited
or removed entry is found, on PostgreSQL (where the trail is append-only and the owner must
switch that off to tamper) and on the SQLite default."""

import importlib
import threading

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection, connections

from wup import audit_chain
from wup.models import AuditEntry

TRIGGER = "wup_auditentry_append_only"


def _entry(n: int, **kwargs) -> AuditEntry:
    values = {
        "actor_name": f"medewerker{n}",
        "action": "update",
        "object_type": "neighbourhood",
        "object_id": str(n),
        "object_repr": f"Wijk {n}",
        "changes": {"phase": "planvorming", "jaar": n},
        "ip_address": "2001:DB8::1",
    }
    return AuditEntry.objects.create(**{**values, **kwargs})


def _tamper(statement: str, params=()) -> None:
    """Change the table behind the app's back, as its owner could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE wup_auditentry DISABLE TRIGGER {TRIGGER}")
        cursor.execute(statement, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE wup_auditentry ENABLE TRIGGER {TRIGGER}")


class _Editor:
    """What the migration uses of a schema editor (SQLite's refuses to open inside a test's
    transaction)."""

    connection = connection

    def execute(self, statement: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(statement)


def _check(capsys) -> tuple[int, str]:
    try:
        call_command("check_audit_chain")
    except SystemExit as stop:
        return stop.code, capsys.readouterr().err
    return 0, capsys.readouterr().out


def test_each_entry_links_to_the_one_before(db, capsys):
    first, second, third = (_entry(n) for n in range(3))
    assert first.prev_hash == audit_chain.GENESIS
    assert second.prev_hash == first.entry_hash
    assert third.prev_hash == second.entry_hash
    code, out = _check(capsys)
    assert code == 0
    assert "3 entries" in out
    assert third.entry_hash in out


def test_an_edited_entry_is_found(db, capsys):
    entries = [_entry(n) for n in range(4)]
    _tamper("UPDATE wup_auditentry SET object_repr = 'iets anders' WHERE id = %s", [entries[2].pk])
    code, err = _check(capsys)
    assert code == 1
    assert f"entry {entries[2].pk} " in err
    assert "edited" in err
    assert "2 entries before it are whole" in err


def test_a_changed_ip_or_time_is_found_too(db, capsys):
    entries = [_entry(n) for n in range(2)]
    _tamper(
        "UPDATE wup_auditentry SET created_at = created_at - interval '1 day' WHERE id = %s"
        if connection.vendor == "postgresql"
        else "UPDATE wup_auditentry SET created_at = '2020-01-01 00:00:00' WHERE id = %s",
        [entries[0].pk],
    )
    code, err = _check(capsys)
    assert code == 1
    assert f"entry {entries[0].pk} " in err


def test_a_removed_entry_is_found(db, capsys):
    entries = [_entry(n) for n in range(4)]
    _tamper("DELETE FROM wup_auditentry WHERE id = %s", [entries[1].pk])
    code, err = _check(capsys)
    assert code == 1
    # The entry after the gap no longer links to what comes before it.
    assert f"entry {entries[2].pk} " in err
    assert "removed" in err


def test_an_empty_trail_is_whole(db, capsys):
    assert _check(capsys)[0] == 0


def test_a_written_entry_cannot_be_saved_again(db):
    entry = _entry(1)
    entry.object_repr = "anders"
    with pytest.raises(ValueError, match="append-only"):
        entry.save()


def test_the_migration_chains_entries_written_before_it(db, capsys):
    for n in range(3):
        _entry(n)
    _tamper("UPDATE wup_auditentry SET prev_hash = '', entry_hash = ''")
    assert _check(capsys)[0] == 1
    migration = importlib.import_module("wup.migrations.0006_audit_hash_chain")
    migration.chain_existing(django_apps, _Editor())
    assert _check(capsys)[0] == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's lock")
def test_entries_written_at_the_same_time_still_form_one_chain(transactional_db, capsys):
    errors = []

    def write(worker: int) -> None:
        try:
            for n in range(15):
                _entry(worker * 100 + n)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(w,)) for w in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEntry.objects.count() == 45
    assert _check(capsys)[0] == 0
