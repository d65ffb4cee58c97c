"""Steering in the back office, per neighbourhood: what needs steering (the suggestions of
dashboard.steering) and the steering actions taken to get back on route.

Project leads and admins record and update actions; every member who reaches the neighbourhood
reads them. A suggestion's "maak een stuuractie" link fills the new action from it (the
`reden` query parameter carries the suggestion's key). Every change writes an audit entry.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from dashboard import steering
from dashboard.forms.steering import SteeringActionForm
from dashboard.models import SteeringAction
from wup import audit
from wup.access import get_neighbourhood_for
from wup.models import Membership, Neighbourhood


def _list_url(neighbourhood: Neighbourhood) -> str:
    return reverse(
        "dashboard:steering_list", args=[neighbourhood.municipality.slug, neighbourhood.slug]
    )


@login_required
@require_safe
def steering_list(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    neighbourhood, membership = get_neighbourhood_for(
        request, municipality_slug, neighbourhood_slug
    )
    today = timezone.localdate()
    actions = sorted(
        neighbourhood.steering_actions.select_related("indicator", "milestone"),
        key=lambda a: (a.status in steering.CLOSED_STATES, a.due_on, a.pk),
    )
    return render(
        request,
        "dashboard/steering/list.html",
        {
            "municipality": neighbourhood.municipality,
            "membership": membership,
            "neighbourhood": neighbourhood,
            "suggestions": steering.suggestions_for(neighbourhood, today=today),
            "actions": [
                (a, a.status not in steering.CLOSED_STATES and a.due_on < today) for a in actions
            ],
            "can_edit": membership.can_write,
        },
    )


def _initial_from(neighbourhood: Neighbourhood, key: str) -> dict:
    """Return the form's initial values from the suggestion with this key; {} when there is
    none (any more): then the action is free-standing."""
    if not key:
        return {}
    found = next((s for s in steering.suggestions_for(neighbourhood) if s.key == key), None)
    if found is None:
        return {}
    return {
        "title": found.title,
        "description": found.text,
        "indicator": found.indicator_id,
        "milestone": found.milestone_id,
        "reason": found.key,
    }


def _form_page(
    request, neighbourhood: Neighbourhood, membership: Membership, form, *, title: str
) -> HttpResponse:
    return render(
        request,
        "dashboard/steering/form.html",
        {
            "municipality": neighbourhood.municipality,
            "membership": membership,
            "neighbourhood": neighbourhood,
            "form": form,
            "title": title,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def steering_create(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    neighbourhood, membership = get_neighbourhood_for(
        request, municipality_slug, neighbourhood_slug, write=True
    )
    action = SteeringAction(neighbourhood=neighbourhood, created_by=request.user)
    if request.method == "POST":
        form = SteeringActionForm(request.POST, instance=action, neighbourhood=neighbourhood)
        if form.is_valid():
            audit.save_form(request, form, action="create", municipality=membership.municipality)
            messages.success(request, _("De stuuractie is vastgelegd."))
            return redirect(_list_url(neighbourhood))
    else:
        initial = _initial_from(neighbourhood, request.GET.get("reden", ""))
        form = SteeringActionForm(instance=action, neighbourhood=neighbourhood, initial=initial)
    return _form_page(request, neighbourhood, membership, form, title=_("Nieuwe stuuractie"))


@login_required
@require_http_methods(["GET", "POST"])
def steering_edit(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int
) -> HttpResponse:
    neighbourhood, membership = get_neighbourhood_for(
        request, municipality_slug, neighbourhood_slug, write=True
    )
    action = get_object_or_404(neighbourhood.steering_actions, pk=pk)
    form = SteeringActionForm(request.POST or None, instance=action, neighbourhood=neighbourhood)
    if request.method == "POST" and form.is_valid():
        audit.save_form(request, form, action="update", municipality=membership.municipality)
        messages.success(request, _("De stuuractie is opgeslagen."))
        return redirect(_list_url(neighbourhood))
    return _form_page(request, neighbourhood, membership, form, title=_("Stuuractie bewerken"))


_S = "beheer/<slug:municipality_slug>/wijken/<slug:neighbourhood_slug>/sturing/"

routes: list[URLPattern] = [
    path(_S, steering_list, name="steering_list"),
    path(_S + "nieuw/", steering_create, name="steering_create"),
    path(_S + "<int:pk>/", steering_edit, name="steering_edit"),
]
