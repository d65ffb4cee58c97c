"""The neighbourhood page at demo scale and at ten times the data, against the floor view.

    .venv/bin/python -m bench.residents [--requests 50] [--warmup 5] [--factor 10]

It uses its own database (BENCH_DATABASE_URL, else
postgres://postgres@127.0.0.1:5432/wijkwaarde_bench_res), creates and migrates it and runs
seed_demo (plus the residents' seed, which is idempotent). Then, in one transaction that is
rolled back at the end, it times GET /zonnedal/molenbuurt/ interleaved with the floor view,
copies everything the page shows about the Molenbuurt until there is `factor` times as much
(sessions with prompts, participants, scores, arguments, votes and outcomes; roadmap
milestones, core values and versions; questions; pulse answers; followers), and times it
again. Both scales run under the same conditions, and the database is left as seeded, so the
run can be repeated.

Prints a table and writes bench/results/residents.json. The exit status is 1 when a page does
not answer 200 or when the page runs a different number of queries at the two scales.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import sys
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/wijkwaarde_bench_res"
RESULTS = Path(__file__).resolve().parent / "results" / "residents.json"
URL = "/zonnedal/molenbuurt/"
MUNICIPALITY = "zonnedal"
NEIGHBOURHOOD = "molenbuurt"


def prepare() -> None:
    """Migrate, seed the demo and the residents (every step leaves existing data alone)."""
    import io

    from django.core.management import call_command

    from demo.residents import seed_residents
    from wup.models import Municipality

    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    seed_residents(Municipality.objects.get(slug=MUNICIPALITY))  # once seed_demo does it: no-op


# ---------------------------------------------------------------------------------------------
# Multiplying one neighbourhood's data
# ---------------------------------------------------------------------------------------------


@contextmanager
def keeping_timestamps(*models):
    """Let bulk_create store the copied created_at instead of now (auto_now_add off)."""
    fields = [
        f for model in models for f in model._meta.concrete_fields if getattr(f, "auto_now_add", 0)
    ]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


def clone(model, queryset, remap=None, change=None) -> dict[int, int]:
    """Insert a copy of every row of `queryset`; return {old pk: new pk}.

    `remap` maps a foreign key's attname to {old pk: new pk}; `change(row)` edits a row's
    values before the insert."""
    remap = remap or {}
    names = [f.attname for f in model._meta.concrete_fields]
    rows = list(queryset.order_by("pk").values(*names))
    old_pks = []
    objects = []
    for row in rows:
        old_pks.append(row.pop(model._meta.pk.attname))
        for attname, mapping in remap.items():
            if row[attname] is not None:
                row[attname] = mapping[row[attname]]
        if change:
            change(row)
        objects.append(model(**row))
    with keeping_timestamps(model):
        created = model.objects.bulk_create(objects, batch_size=1000)
    return {old: new.pk for old, new in zip(old_pks, created, strict=True)}


def clone_links(through, queryset, remap: dict[str, dict[int, int]]) -> None:
    """Copy many-to-many rows, mapping the columns in `remap` and keeping the others."""
    names = [f.attname for f in through._meta.concrete_fields if not f.primary_key]
    rows = list(queryset.values(*names))
    through.objects.bulk_create(
        [
            through(
                **{
                    name: remap[name].get(row[name], row[name]) if name in remap else row[name]
                    for name in names
                }
            )
            for row in rows
        ],
        batch_size=1000,
    )


def copy_sessions(originals: list[int], copy: int) -> dict[int, int]:
    """Copy the sessions with everything in them; return {old session pk: new pk}."""
    from dialogue.models import (
        Argument,
        ArgumentVote,
        DialogueSession,
        Outcome,
        Participant,
        Prompt,
        Score,
    )

    originals = DialogueSession.objects.filter(pk__in=originals)

    def session_change(row):
        row["title"] = f"{row['title']} ({copy + 1})"
        row["join_code"] = ""
        if row["status"] == DialogueSession.Status.LIVE:
            row["status"] = DialogueSession.Status.SCHEDULED  # one live session per join code

    sessions = clone(DialogueSession, originals, change=session_change)
    clone_links(
        DialogueSession.invited_parties.through,
        DialogueSession.invited_parties.through.objects.filter(dialoguesession__in=originals),
        {"dialoguesession_id": sessions},
    )
    prompts = clone(Prompt, Prompt.objects.filter(session__in=originals), {"session_id": sessions})
    participants = clone(
        Participant,
        Participant.objects.filter(session__in=originals),
        {"session_id": sessions},
        change=lambda row: row.update(token=Participant.new_token()),
    )
    clone(
        Score,
        Score.objects.filter(prompt__session__in=originals),
        {"participant_id": participants, "prompt_id": prompts},
    )
    arguments = clone(
        Argument,
        Argument.objects.filter(session__in=originals),
        {"session_id": sessions, "participant_id": participants},
    )
    clone(
        ArgumentVote,
        ArgumentVote.objects.filter(argument__session__in=originals),
        {"argument_id": arguments, "participant_id": participants},
    )
    outcomes = clone(
        Outcome, Outcome.objects.filter(session__in=originals), {"session_id": sessions}
    )
    clone_links(
        Outcome.arguments.through,
        Outcome.arguments.through.objects.filter(outcome__session__in=originals),
        {"outcome_id": outcomes, "argument_id": arguments},
    )
    return sessions


def multiply(neighbourhood, factor: int) -> None:
    """Add factor - 1 copies of what the neighbourhood page shows about `neighbourhood`."""
    from dashboard.models import PulseResponse
    from roadmap.models import CoreValue, Milestone, RoadmapVersion, snapshot_checksum
    from roadmap.snapshots import take_snapshot
    from wup.models import Follower, Question
    from wup.models.residents import new_token

    # The originals, listed first: copies are never copied again.
    sessions = list(neighbourhood.sessions.values_list("pk", flat=True))
    roadmap = getattr(neighbourhood, "roadmap", None)
    milestones = list(Milestone.objects.filter(roadmap=roadmap).values_list("pk", flat=True))
    core_values = list(CoreValue.objects.filter(roadmap=roadmap).values_list("pk", flat=True))
    versions = list(RoadmapVersion.objects.filter(roadmap=roadmap).values_list("pk", flat=True))
    questions = list(
        Question.objects.filter(neighbourhood=neighbourhood).values_list("pk", flat=True)
    )
    pulses = list(
        PulseResponse.objects.filter(neighbourhood=neighbourhood).values_list("pk", flat=True)
    )
    followers = list(
        Follower.objects.filter(neighbourhood=neighbourhood).values_list("pk", flat=True)
    )

    for copy in range(1, factor):
        session_map = copy_sessions(sessions, copy)
        if roadmap is not None:
            copied = clone(Milestone, Milestone.objects.filter(pk__in=milestones))
            clone_links(
                Milestone.depends_on.through,
                Milestone.depends_on.through.objects.filter(from_milestone__in=milestones),
                {"from_milestone_id": copied, "to_milestone_id": copied},
            )
            values = clone(CoreValue, CoreValue.objects.filter(pk__in=core_values))
            clone_links(
                CoreValue.outcomes.through,
                CoreValue.outcomes.through.objects.filter(corevalue__in=core_values),
                {"corevalue_id": values},
            )
        clone(Question, Question.objects.filter(pk__in=questions))
        clone(
            PulseResponse,
            PulseResponse.objects.filter(pk__in=pulses),
            {"session_id": session_map},
            change=lambda row: row.update(client_key=secrets.token_hex(32)),
        )
        clone(
            Follower,
            Follower.objects.filter(pk__in=followers),
            change=lambda row, copy=copy: row.update(
                email=f"kopie{copy}.{row['email']}", token=new_token()
            ),
        )

    if roadmap is not None and versions:
        # Later versions adopt the roadmap as it now is: with all the copied milestones and
        # core values in their snapshot, so the page shows them.
        snapshot = take_snapshot(roadmap)
        checksum = snapshot_checksum(snapshot)
        top = max(RoadmapVersion.objects.filter(pk__in=versions).values_list("number", flat=True))
        for copy in range(1, factor):
            clone(
                RoadmapVersion,
                RoadmapVersion.objects.filter(pk__in=versions),
                change=lambda row, copy=copy: row.update(
                    number=row["number"] + copy * top,
                    snapshot=snapshot,
                    checksum=checksum,
                    reason=row["reason"] or "Aangepast na nieuwe afspraken.",
                ),
            )


def counts(neighbourhood) -> dict[str, int]:
    from dashboard.models import PulseResponse
    from dialogue.models import Outcome, Participant, Score
    from roadmap.models import CoreValue, Milestone, RoadmapVersion

    mine = {"roadmap__neighbourhood": neighbourhood}
    return {
        "sessions": neighbourhood.sessions.count(),
        "participants": Participant.objects.filter(session__neighbourhood=neighbourhood).count(),
        "scores": Score.objects.filter(prompt__session__neighbourhood=neighbourhood).count(),
        "outcomes": Outcome.objects.filter(session__neighbourhood=neighbourhood).count(),
        "roadmap_versions": RoadmapVersion.objects.filter(**mine).count(),
        "milestones": Milestone.objects.filter(**mine).count(),
        "core_values": CoreValue.objects.filter(**mine).count(),
        "questions": neighbourhood.questions.count(),
        "pulse_responses": PulseResponse.objects.filter(neighbourhood=neighbourhood).count(),
        "followers": neighbourhood.followers.count(),
    }


def analyze() -> None:
    """Give the planner fresh statistics (inside the transaction: it sees the copies)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------


def measure_scale(label: str, page, floor_client, requests: int, warmup: int) -> dict:
    from bench.pages import FLOOR_URL
    from bench.run import client_for, count_queries, measure, summary

    row = measure(page, floor_client, requests, warmup)
    floor = {**summary(row["floor_samples_ms"]), "queries": count_queries(floor_client, FLOOR_URL)}
    row["scale"] = label
    row["floor"] = floor
    row["kb"] = round(len(client_for(page.user).get(page.url).content) / 1024, 1)
    return row


def print_table(rows: list[dict]) -> None:
    header = (
        f"{'page':<22} {'data scale':<11} {'median ms':>10} {'p95 ms':>8} {'queries':>8} "
        f"{'× floor':>8} {'KB':>7}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        floor = row["floor"]
        print(
            f"{'floor':<22} {row['scale']:<11} {floor['median_ms']:>10.2f} "
            f"{floor['p95_ms']:>8.2f} {floor['queries']:>8} {1:>8.2f} {'':>7}"
        )
        print(
            f"{row['name']:<22} {row['scale']:<11} {row['median_ms']:>10.2f} "
            f"{row['p95_ms']:>8.2f} {row['queries']:>8} {row['ratio']:>8.2f} {row['kb']:>7.1f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.residents", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--requests", type=int, default=50, help="timed requests per scale")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per scale first")
    parser.add_argument("--factor", type=int, default=10, help="how many times the data")
    args = parser.parse_args(argv)

    from bench.run import redacted, start

    url = start(DEFAULT_DATABASE_URL)
    import django
    from django.conf import settings
    from django.db import connection, transaction

    from bench.pages import Page
    from bench.run import Failure, client_for, use_bench_settings
    from wup.models import Neighbourhood

    prepare()
    page = Page("neighbourhood", URL)
    neighbourhood = Neighbourhood.objects.get(municipality__slug=MUNICIPALITY, slug=NEIGHBOURHOOD)
    rows: list[dict] = []
    data: dict[str, dict[str, int]] = {}
    failure = None
    override = use_bench_settings()
    try:
        with transaction.atomic():
            floor_client = client_for(None)
            try:
                analyze()
                data["demo"] = counts(neighbourhood)
                rows.append(measure_scale("demo", page, floor_client, args.requests, args.warmup))
                multiply(neighbourhood, args.factor)
                analyze()
                data[f"×{args.factor}"] = counts(neighbourhood)
                rows.append(
                    measure_scale(f"×{args.factor}", page, floor_client, args.requests, args.warmup)
                )
            except Failure as exc:
                failure = str(exc)
            transaction.set_rollback(True)  # leave the database as seeded
    finally:
        override.disable()

    print(
        f"\nWijkwaarde bench, neighbourhood page at two scales: {args.requests} requests per "
        f"scale after {args.warmup} warm-up, interleaved with the floor; {connection.vendor} "
        f"{redacted(url)}; DEBUG={settings.DEBUG}, "
        f"CONN_MAX_AGE={connection.settings_dict.get('CONN_MAX_AGE')}; seed_demo, then the "
        f"Molenbuurt ×{args.factor} (rolled back afterwards).\n"
    )
    if data:
        names = list(next(iter(data.values())))
        print(f"{'Molenbuurt':<18}" + "".join(f"{scale:>10}" for scale in data))
        for name in names:
            print(f"{name:<18}" + "".join(f"{d[name]:>10}" for d in data.values()))
        print()
    print_table(rows)

    problems = []
    if failure:
        problems.append(f"FAILED: {failure}")
    queries = [row["queries"] for row in rows]
    if len(set(queries)) > 1:
        problems.append(
            f"Queries grow with the data: {' → '.join(map(str, queries))} (must stay the same)."
        )
    for problem in problems:
        print(problem)
    if not problems:
        print(f"\nQueries constant at {queries[0]}; target at most 2× the floor.")

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "python": platform.python_version(),
                "django": django.get_version(),
                "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
                "database": connection.vendor,
                "debug": settings.DEBUG,
                "url": URL,
                "requests": args.requests,
                "factor": args.factor,
                "data": data,
                "scales": rows,
                "queries_constant": len(set(queries)) <= 1 and len(queries) == 2,
                "problems": problems,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    shown = RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS
    print(f"Results written to {shown}.")
    return 1 if problems or len(rows) != 2 else 0


if __name__ == "__main__":
    sys.exit(main())
