"""Staff views: the participation list of a neighbourhood, activities, their inputs and what was
done with them, and the links of session outcomes to the roadmap.

Every view starts with an access helper (participation.access); every change writes an audit
entry in the same transaction.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from dialogue.models import Outcome
from wup import audit
from wup.models import Neighbourhood

from .. import verslag as verslag_module
from ..access import municipality_for, neighbourhood_for, object_for
from ..forms import ActivityForm, InputForm, OutcomeLinkForm
from ..models import Activity, Input, OutcomeLink, Response


def _neighbourhood_url(neighbourhood: Neighbourhood) -> str:
    return reverse(
        "participation:neighbourhood", args=[neighbourhood.municipality.slug, neighbourhood.slug]
    )


def _activity_url(activity: Activity) -> str:
    n = activity.neighbourhood
    return reverse("participation:activity", args=[n.municipality.slug, n.slug, activity.pk])


@login_required
@require_safe
def overview(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality, membership = municipality_for(request, municipality_slug)
    neighbourhoods = (
        Neighbourhood.objects.visible_to(membership)
        .annotate(
            activity_count=Count("participation_activities", distinct=True),
            open_count=Count(
                "participation_activities__inputs",
                filter=Q(participation_activities__inputs__response=Response.OPEN)
                | Q(participation_activities__inputs__to_council=True),
                distinct=True,
            ),
        )
        .select_related("participatieverslag")
        .order_by("name")
    )
    return render(
        request,
        "participation/overview.html",
        {"municipality": municipality, "membership": membership, "neighbourhoods": neighbourhoods},
    )


@login_required
@require_safe
def neighbourhood(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    """Everything that happened in the neighbourhood: activities, triangle sessions and answered
    questions (read from where they live), the open questions and the verslag's state."""
    place, membership = neighbourhood_for(request, municipality_slug, neighbourhood_slug)
    return render(
        request,
        "participation/neighbourhood.html",
        {
            "municipality": place.municipality,
            "membership": membership,
            "neighbourhood": place,
            "items": verslag_module.everything(place),
            "open_inputs": verslag_module.open_inputs(place),
            "sessions": verslag_module.held_sessions(place),
            "verslag": verslag_module.verslag_for(place),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    place, membership = neighbourhood_for(
        request, municipality_slug, neighbourhood_slug, write=True
    )
    form = ActivityForm(
        request.POST if request.method == "POST" else None, instance=Activity(neighbourhood=place)
    )
    if request.method == "POST" and form.is_valid():
        activity = _save_activity(request, form, action="create")
        messages.success(request, _("De activiteit is opgeslagen. Voeg nu de inbreng toe."))
        return redirect(_activity_url(activity))
    return render(
        request,
        "participation/activity_form.html",
        {
            "municipality": place.municipality,
            "neighbourhood": place,
            "form": form,
            "title": _("Activiteit vastleggen"),
        },
    )


def _save_activity(request: HttpRequest, form: ActivityForm, *, action: str) -> Activity:
    with transaction.atomic():
        activity = form.save()
        changes = audit.form_changes(form)
        for name in list(changes):
            if name.startswith("reach_") and name != "reach_total":
                del changes[name]
        if form.reach_changed:
            changes["reach_by_group"] = str(activity.reach_by_group)
        audit.record(
            request,
            action=action,
            obj=activity,
            municipality=activity.neighbourhood.municipality,
            changes=changes,
        )
    return activity


@login_required
@require_safe
def activity(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int
) -> HttpResponse:
    obj, place, membership = object_for(
        request, municipality_slug, neighbourhood_slug, Activity.objects.all(), pk
    )
    inputs = obj.inputs.select_related(
        "question", "core_value", "milestone", "agreement", "indicator"
    ).prefetch_related("arguments")
    return render(
        request,
        "participation/activity.html",
        {
            "municipality": place.municipality,
            "membership": membership,
            "neighbourhood": place,
            "activity": obj,
            "inputs": inputs,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int
) -> HttpResponse:
    obj, place, _membership = object_for(
        request, municipality_slug, neighbourhood_slug, Activity.objects.all(), pk, write=True
    )
    form = ActivityForm(request.POST if request.method == "POST" else None, instance=obj)
    if request.method == "POST" and form.is_valid():
        _save_activity(request, form, action="update")
        messages.success(request, _("De activiteit is opgeslagen."))
        return redirect(_activity_url(obj))
    return render(
        request,
        "participation/activity_form.html",
        {
            "municipality": place.municipality,
            "neighbourhood": place,
            "activity": obj,
            "form": form,
            "title": _("Activiteit bewerken"),
        },
    )


@login_required
@require_POST
def activity_delete(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int
) -> HttpResponse:
    obj, place, _membership = object_for(
        request, municipality_slug, neighbourhood_slug, Activity.objects.all(), pk, write=True
    )
    with transaction.atomic():
        audit.record(request, action="delete", obj=obj, municipality=place.municipality)
        obj.delete()
    messages.success(request, _("De activiteit en haar inbreng zijn verwijderd."))
    return redirect(_neighbourhood_url(place))


def _input_page(request, place, activity, form, title) -> HttpResponse:
    return render(
        request,
        "participation/input_form.html",
        {
            "municipality": place.municipality,
            "neighbourhood": place,
            "activity": activity,
            "form": form,
            "title": title,
        },
    )


def _save_input(request: HttpRequest, form: InputForm, *, action: str) -> Input:
    with transaction.atomic():
        item = form.save(commit=False)
        if "response" in form.changed_data or item.decided_at is None:
            item.decided_at = None if item.response == Response.OPEN else timezone.now()
        item.save()
        form.save_m2m()
        audit.record(
            request,
            action=action,
            obj=item,
            municipality=item.activity.neighbourhood.municipality,
            changes=audit.form_changes(form),
        )
    return item


@login_required
@require_http_methods(["GET", "POST"])
def input_create(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int
) -> HttpResponse:
    obj, place, _membership = object_for(
        request, municipality_slug, neighbourhood_slug, Activity.objects.all(), pk, write=True
    )
    form = InputForm(
        request.POST if request.method == "POST" else None,
        instance=Input(activity=obj),
        neighbourhood=place,
    )
    if request.method == "POST" and form.is_valid():
        _save_input(request, form, action="create")
        messages.success(request, _("De inbreng is opgeslagen."))
        return redirect(_activity_url(obj))
    return _input_page(request, place, obj, form, _("Inbreng toevoegen"))


@login_required
@require_http_methods(["GET", "POST"])
def input_edit(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int
) -> HttpResponse:
    item, place, _membership = object_for(
        request,
        municipality_slug,
        neighbourhood_slug,
        Input.objects.select_related("activity"),
        pk,
        lookup="activity__neighbourhood",
        write=True,
    )
    form = InputForm(
        request.POST if request.method == "POST" else None, instance=item, neighbourhood=place
    )
    if request.method == "POST" and form.is_valid():
        _save_input(request, form, action="update")
        messages.success(request, _("De inbreng is opgeslagen."))
        return redirect(_activity_url(item.activity))
    return _input_page(request, place, item.activity, form, _("Inbreng bewerken"))


@login_required
@require_http_methods(["GET", "POST"])
def outcome_links(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int
) -> HttpResponse:
    """Take a session outcome into the roadmap as milestones, agreements or indicators."""
    outcome, place, _membership = object_for(
        request,
        municipality_slug,
        neighbourhood_slug,
        Outcome.objects.select_related("session__neighbourhood"),
        pk,
        lookup="session__neighbourhood",
        write=True,
    )
    links = list(outcome.roadmap_links.all())
    initial = {
        "milestones": [link.milestone_id for link in links if link.milestone_id],
        "agreements": [link.agreement_id for link in links if link.agreement_id],
        "indicators": [link.indicator_id for link in links if link.indicator_id],
    }
    form = OutcomeLinkForm(
        request.POST if request.method == "POST" else None, outcome=outcome, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            outcome.roadmap_links.all().delete()
            OutcomeLink.objects.bulk_create(
                [OutcomeLink(outcome=outcome, milestone=m) for m in form.cleaned_data["milestones"]]
                + [
                    OutcomeLink(outcome=outcome, agreement=a)
                    for a in form.cleaned_data["agreements"]
                ]
                + [
                    OutcomeLink(outcome=outcome, indicator=i)
                    for i in form.cleaned_data["indicators"]
                ]
            )
            audit.record(
                request,
                action="link",
                obj=outcome,
                municipality=place.municipality,
                changes=audit.form_changes(form),
            )
        messages.success(request, _("De koppeling met de routekaart is opgeslagen."))
        return redirect(_neighbourhood_url(place))
    return render(
        request,
        "participation/outcome_links.html",
        {
            "municipality": place.municipality,
            "neighbourhood": place,
            "outcome": outcome,
            "form": form,
            "title": _("Uitkomst koppelen aan de routekaart"),
        },
    )


NEIGHBOURHOOD = "beheer/<slug:municipality_slug>/participatie/<slug:neighbourhood_slug>/"

routes: list[URLPattern] = [
    path("beheer/<slug:municipality_slug>/participatie/", overview, name="overview"),
    path(NEIGHBOURHOOD, neighbourhood, name="neighbourhood"),
    path(f"{NEIGHBOURHOOD}activiteiten/nieuw/", activity_create, name="activity_create"),
    path(f"{NEIGHBOURHOOD}activiteiten/<int:pk>/", activity, name="activity"),
    path(f"{NEIGHBOURHOOD}activiteiten/<int:pk>/bewerken/", activity_edit, name="activity_edit"),
    path(
        f"{NEIGHBOURHOOD}activiteiten/<int:pk>/verwijderen/",
        activity_delete,
        name="activity_delete",
    ),
    path(f"{NEIGHBOURHOOD}activiteiten/<int:pk>/inbreng/nieuw/", input_create, name="input_create"),
    path(f"{NEIGHBOURHOOD}inbreng/<int:pk>/", input_edit, name="input_edit"),
    path(f"{NEIGHBOURHOOD}uitkomsten/<int:pk>/", outcome_links, name="outcome_links"),
]
