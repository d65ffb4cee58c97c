"""The public page of a published dialogue session: its summary, without names and without a
breakdown of groups too small to show."""

from __future__ import annotations

from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from dialogue import charts
from dialogue.models import DialogueSession, Side, prefetch_outcomes
from dialogue.results import MIN_PUBLIC_GROUP, compare

ARGUMENTS_PER_SIDE = 3


@require_safe
def session_summary(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int
) -> HttpResponse:
    """A published session's public summary: no names, no breakdown of small groups."""
    session = get_object_or_404(
        DialogueSession.objects.published().select_related("neighbourhood__municipality"),
        pk=pk,
        neighbourhood__slug=neighbourhood_slug,
        neighbourhood__municipality__slug=municipality_slug,
    )
    # The roadmap's core values that came from these outcomes ("you said, we did").
    prefetch_related_objects(
        [session], "prompts", prefetch_outcomes(), "outcomes__core_values__roadmap__versions"
    )
    results = session.results()
    arguments = list(
        session.arguments.visible().with_votes().order_by("side", "-agree_count", "pk")
    )
    main_arguments = {
        side: [a for a in arguments if a.side == side][:ARGUMENTS_PER_SIDE] for side in Side
    }
    return render(
        request,
        "dialogue/summary.html",
        {
            "municipality": session.neighbourhood.municipality,
            "neighbourhood": session.neighbourhood,
            "session": session,
            "results": results,
            "comparison": compare(session.propositions, results),
            "group_rows": results.public_group_rows(),
            "min_group": MIN_PUBLIC_GROUP,
            "chart": charts.triangle(results),
            "main_arguments": [(Side(side).label, items) for side, items in main_arguments.items()],
        },
    )
