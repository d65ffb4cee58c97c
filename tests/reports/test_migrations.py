"""The move of the Report model from roadmap to the reports app (roadmap 0004 and 0005, reports
0001) keeps every row: on a database migrated with the old layout, reports made there are all in
the new app afterwards, with their kind, status, file, neighbourhood or municipality and what
they were about; their files still open; the table's constraints and indexes are still there; and
migrating back restores the old layout with the same rows."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from reports.models import Report

pytestmark = pytest.mark.django_db(transaction=True)

# The whole tree as it stood before the move: the base domain's later migrations (columns the old
# code did not know) are unapplied too, so the historical models can insert rows.
BEFORE = [("roadmap", "0003_report_municipality"), ("wup", "0003_residents")]


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)  # a fresh loader: the graph as it is now applied


def _latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def old_layout(settings, tmp_path):
    """The database as it was before the move; migrated to the latest state again afterwards."""
    settings.MEDIA_ROOT = tmp_path / "media"
    executor = _migrate(BEFORE)
    try:
        yield executor.loader.project_state(BEFORE).apps
    finally:
        _migrate(_latest())


def _old_rows(apps) -> dict:
    """Reports of each kind as the old roadmap.Report held them, with their files."""
    Municipality = apps.get_model("wup", "Municipality")
    Neighbourhood = apps.get_model("wup", "Neighbourhood")
    Roadmap = apps.get_model("roadmap", "Roadmap")
    RoadmapVersion = apps.get_model("roadmap", "RoadmapVersion")
    DialogueSession = apps.get_model("dialogue", "DialogueSession")
    OldReport = apps.get_model("roadmap", "Report")
    User = apps.get_model("auth", "User")

    municipality = Municipality.objects.create(cbs_code="GM0999", name="Testdal", slug="testdal")
    neighbourhood = Neighbourhood.objects.create(
        municipality=municipality, name="Bloemenwijk", slug="bloemenwijk"
    )
    roadmap = Roadmap.objects.create(neighbourhood=neighbourhood)
    version = RoadmapVersion.objects.create(
        roadmap=roadmap,
        number=1,
        adopted_by="raad",
        decision_date=datetime.date(2026, 5, 12),
        decision_reference="RB-1",
        snapshot={},
        checksum="c",
    )
    session = DialogueSession.objects.create(
        neighbourhood=neighbourhood,
        title="Avond",
        proposition="Een warmtenet",
        starts_at=timezone.now(),
        can_influence="a",
        cannot_influence="b",
    )
    user = User.objects.create(username="lead")
    name = default_storage.save("reports/2026/05/routekaart-1.pdf", ContentFile(b"%PDF-1.7 old"))
    rows = {
        "version": OldReport.objects.create(
            kind="routekaart",
            neighbourhood=neighbourhood,
            version=version,
            source_hash="a" * 64,
            status="klaar",
            file=name,
            checksum="b" * 64,
            attempts=1,
            requested_by=user,
        ),
        "draft": OldReport.objects.create(
            kind="routekaart", neighbourhood=neighbourhood, source_hash="d", status="wachtrij"
        ),
        "session": OldReport.objects.create(
            kind="sessie",
            neighbourhood=neighbourhood,
            session=session,
            source_hash="s",
            status="mislukt",
            error="Het rapport kon niet worden gemaakt.",
            attempts=3,
        ),
        "council": OldReport.objects.create(
            kind="raad", municipality=municipality, source_hash="r", status="bezig", attempts=1
        ),
    }
    return {
        "rows": rows,
        "file": name,
        "municipality": municipality.pk,
        "neighbourhood": neighbourhood.pk,
        "version": version.pk,
        "session": session.pk,
        "user": user.pk,
    }


def test_old_reports_move_to_the_reports_app_with_their_files(old_layout):
    old = _old_rows(old_layout)
    _migrate(_latest())

    moved = {report.pk: report for report in Report.objects.all()}
    assert set(moved) == {row.pk for row in old["rows"].values()}  # the same rows, the same ids
    version = moved[old["rows"]["version"].pk]
    assert (version.kind, version.status, version.subject_id) == (
        "routekaart",
        "klaar",
        old["version"],
    )
    assert version.neighbourhood_id == old["neighbourhood"] and version.municipality_id is None
    assert version.file.name == old["file"] == "reports/2026/05/routekaart-1.pdf"
    assert (version.checksum, version.attempts, version.requested_by_id) == (
        "b" * 64,
        1,
        old["user"],
    )
    with version.file.open("rb") as f:
        assert f.read() == b"%PDF-1.7 old"
    draft = moved[old["rows"]["draft"].pk]
    assert (draft.kind, draft.status, draft.subject_id, draft.file.name) == (
        "routekaart",
        "wachtrij",
        None,
        "",
    )
    assert draft.neighbourhood_id == old["neighbourhood"]
    session = moved[old["rows"]["session"].pk]
    assert (session.kind, session.status, session.subject_id, session.attempts) == (
        "sessie",
        "mislukt",
        old["session"],
        3,
    )
    assert session.error == "Het rapport kon niet worden gemaakt."
    assert session.neighbourhood_id == old["neighbourhood"]
    council = moved[old["rows"]["council"].pk]
    assert (council.kind, council.status, council.subject_id) == ("raad", "bezig", None)
    assert council.municipality_id == old["municipality"] and council.neighbourhood_id is None
    # The moved rows are ordinary rows of the new model: the worker can claim them.
    Report.objects.filter(pk=draft.pk).update(status="wachtrij")
    assert Report.objects.get(pk=draft.pk).mark_started()
    # New rows continue after the old ids.
    new = Report.objects.create(kind="raad", municipality_id=old["municipality"], source_hash="n")
    assert new.pk > max(moved)


def test_the_table_keeps_its_constraints_and_indexes(old_layout):
    _migrate(_latest())
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        constraints = connection.introspection.get_constraints(cursor, "reports_report")
    assert "reports_report" in tables and "roadmap_report" not in tables
    foreign_keys = {
        tuple(c["columns"]): c["foreign_key"][0] for c in constraints.values() if c["foreign_key"]
    }
    assert foreign_keys == {
        ("neighbourhood_id",): "wup_neighbourhood",
        ("municipality_id",): "wup_municipality",
        ("requested_by_id",): "auth_user",
    }
    indexed = {tuple(c["columns"]) for c in constraints.values() if c["index"]}
    assert {("source_hash",), ("subject_id",), ("neighbourhood_id",)} <= indexed
    primary = [c for c in constraints.values() if c["primary_key"]]
    assert [c["columns"] for c in primary] == [["id"]]
    if connection.vendor == "postgresql":
        checks = [c for c in constraints.values() if c["check"]]
        assert {tuple(c["columns"]) for c in checks} >= {("attempts",), ("subject_id",)}


def test_migrating_back_restores_the_old_layout(old_layout):
    old = _old_rows(old_layout)
    _migrate(_latest())
    executor = _migrate(BEFORE)
    OldReport = executor.loader.project_state(BEFORE).apps.get_model("roadmap", "Report")
    rows = {r.pk: r for r in OldReport.objects.all()}
    assert rows[old["rows"]["version"].pk].version_id == old["version"]
    assert rows[old["rows"]["version"].pk].file.name == old["file"]
    assert rows[old["rows"]["session"].pk].session_id == old["session"]
    assert rows[old["rows"]["draft"].pk].version_id is None
    assert rows[old["rows"]["council"].pk].municipality_id == old["municipality"]
