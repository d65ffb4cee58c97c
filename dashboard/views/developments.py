"""New developments in the back office: record one with its impact on milestones, see what it
would do (the scenario), and accept or dismiss it.

Developments belong to the municipality; their impacts name milestones of its neighbourhoods.
Project leads and admins write; every member reads. A lead limited to some neighbourhoods sees
the developments that touch one of them (or that they recorded themselves) and, on the scenario
page, only the effects on their own neighbourhoods. They may change or decide a development only
when it touches nothing outside their neighbourhoods: accepting moves forecasts everywhere it
reaches. Every change writes an audit entry.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from dashboard import developments
from dashboard.forms.developments import DevelopmentForm, choosable_milestones, impact_formset
from dashboard.models import Development, DevelopmentImpact
from wup import audit
from wup.access import get_membership, get_municipality_for
from wup.models import Membership, Neighbourhood


def visible_developments(membership: Membership) -> QuerySet[Development]:
    """Return the developments a membership may see (see the module docstring)."""
    found = Development.objects.filter(municipality_id=membership.municipality_id)
    if not membership.limited_to_neighbourhoods:
        return found
    reach = Neighbourhood.objects.visible_to(membership)
    touching = DevelopmentImpact.objects.filter(milestone__roadmap__neighbourhood__in=reach)
    return found.filter(
        Q(pk__in=touching.values("development_id")) | Q(created_by_id=membership.user_id)
    )


def get_development_for(
    request: HttpRequest, municipality_slug: str, pk: int, *, write: bool = False
) -> tuple[Development, Membership]:
    """Return a development the membership sees, with the membership.

    404 when it does not see it; with `write`, 403 for roles that only read and for a limited
    lead when the development touches a neighbourhood outside their reach.
    """
    membership = get_membership(request, municipality_slug)
    development = get_object_or_404(visible_developments(membership), pk=pk)
    if write and not membership.can_write:
        raise PermissionDenied
    if write and membership.limited_to_neighbourhoods:
        reach = Neighbourhood.objects.visible_to(membership)
        outside = development.impacts.exclude(milestone__roadmap__neighbourhood__in=reach)
        if outside.exists():
            raise PermissionDenied
    return development, membership


def _reach(membership: Membership) -> set[int] | None:
    """Return the ids of the neighbourhoods a limited membership reaches; None when unlimited."""
    if not membership.limited_to_neighbourhoods:
        return None
    return set(Neighbourhood.objects.visible_to(membership).values_list("pk", flat=True))


def _detail_url(membership: Membership, development: Development) -> str:
    return reverse(
        "dashboard:development_detail", args=[membership.municipality.slug, development.pk]
    )


@login_required
@require_safe
def development_list(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality, membership = get_municipality_for(request, municipality_slug)
    reach = _reach(membership)
    impacts = DevelopmentImpact.objects.select_related("milestone__roadmap__neighbourhood")
    rows = []
    for development in visible_developments(membership).prefetch_related(
        Prefetch("impacts", queryset=impacts)
    ):
        touched = {
            i.milestone.roadmap.neighbourhood.pk: i.milestone.roadmap.neighbourhood.name
            for i in development.impacts.all()
            if reach is None or i.milestone.roadmap.neighbourhood_id in reach
        }
        rows.append((development, sorted(touched.values())))
    return render(
        request,
        "dashboard/developments/list.html",
        {
            "municipality": municipality,
            "membership": membership,
            "rows": rows,
            "can_edit": membership.can_write,
        },
    )


@login_required
@require_safe
def development_detail(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    """The scenario: what the development would do (or did) per neighbourhood it touches."""
    development, membership = get_development_for(request, municipality_slug, pk)
    reach = _reach(membership)
    found = developments.effects(development)
    shown = [e for e in found if reach is None or e.neighbourhood.pk in reach]
    impacts = [
        i
        for i in development.impacts.select_related("milestone__roadmap__neighbourhood")
        if reach is None or i.milestone.roadmap.neighbourhood_id in reach
    ]
    may_decide = membership.can_write and len(shown) == len(found)
    return render(
        request,
        "dashboard/developments/detail.html",
        {
            "municipality": membership.municipality,
            "membership": membership,
            "development": development,
            "impacts": impacts,
            "effects": shown,
            "hidden": len(found) - len(shown),
            "is_open": development.status == Development.Status.OPEN,
            "is_accepted": development.status == Development.Status.ACCEPTED,
            "may_decide": may_decide and development.status == Development.Status.OPEN,
        },
    )


def _impact_changes(formset) -> list[str]:
    """Return the impacts as the formset saves them, as text for the audit entry."""
    return [
        f"{form.cleaned_data['milestone'].title}: {form.cleaned_data['delay_days']:+d}"
        for form in formset.forms
        if form.has_changed()
        and form.cleaned_data.get("milestone")
        and not form.cleaned_data.get("DELETE")
    ]


def _form_page(
    request, membership, development, form, formset, *, title, has_milestones: bool
) -> HttpResponse:
    return render(
        request,
        "dashboard/developments/form.html",
        {
            "municipality": membership.municipality,
            "membership": membership,
            "development": development,
            "form": form,
            "formset": formset,
            "title": title,
            "has_milestones": has_milestones,
        },
    )


def _valid(form, formset) -> bool:
    """Validate both (no short cut), so every error shows at once."""
    return all([form.is_valid(), formset.is_valid()])


def _save(request, membership, form, formset, *, action: str) -> Development:
    with transaction.atomic():
        development = form.save()
        formset.instance = development
        formset.save()
        audit.record(
            request,
            action=action,
            obj=development,
            municipality=membership.municipality,
            changes={**audit.form_changes(form), "impacts": _impact_changes(formset)},
        )
    return development


@login_required
@require_http_methods(["GET", "POST"])
def development_create(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality, membership = get_municipality_for(request, municipality_slug, write=True)
    development = Development(municipality=municipality, created_by=request.user)
    milestones = list(choosable_milestones(Neighbourhood.objects.visible_to(membership)))
    form = DevelopmentForm(request.POST or None, instance=development)
    formset = impact_formset(development, milestones, request.POST or None)
    if request.method == "POST" and _valid(form, formset):
        development = _save(request, membership, form, formset, action="create")
        messages.success(
            request, _("De ontwikkeling is vastgelegd. Hieronder ziet u wat die zou doen.")
        )
        return redirect(_detail_url(membership, development))
    return _form_page(
        request,
        membership,
        development,
        form,
        formset,
        title=_("Nieuwe ontwikkeling"),
        has_milestones=bool(milestones),
    )


@login_required
@require_http_methods(["GET", "POST"])
def development_edit(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    development, membership = get_development_for(request, municipality_slug, pk, write=True)
    if development.status != Development.Status.OPEN:
        # A decided development is a record of what was decided: it no longer changes.
        messages.info(
            request, _("Over deze ontwikkeling is al besloten. Die kan niet meer veranderen.")
        )
        return redirect(_detail_url(membership, development))
    milestones = list(
        choosable_milestones(Neighbourhood.objects.visible_to(membership), development)
    )
    form = DevelopmentForm(request.POST or None, instance=development)
    formset = impact_formset(development, milestones, request.POST or None)
    if request.method == "POST" and _valid(form, formset):
        _save(request, membership, form, formset, action="update")
        messages.success(request, _("De ontwikkeling is opgeslagen."))
        return redirect(_detail_url(membership, development))
    return _form_page(
        request,
        membership,
        development,
        form,
        formset,
        title=_("Ontwikkeling bewerken"),
        has_milestones=bool(milestones),
    )


@login_required
@require_POST
def development_accept(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    development, membership = get_development_for(request, municipality_slug, pk, write=True)
    try:
        found = developments.accept(development, request=request)
    except ValueError as error:
        messages.error(request, str(error))
        return redirect(_detail_url(membership, development))
    if found is None:
        messages.info(request, _("Over deze ontwikkeling was al besloten. Er is niets veranderd."))
    else:
        moved = sum(len(e.milestones) for e in found)
        messages.success(
            request,
            ngettext(
                "De ontwikkeling is verwerkt. %(n)s tussendoel heeft een nieuwe verwachte datum.",
                "De ontwikkeling is verwerkt. %(n)s tussendoelen hebben een nieuwe verwachte "
                "datum.",
                moved,
            )
            % {"n": moved},
        )
    return redirect(_detail_url(membership, development))


@login_required
@require_POST
def development_dismiss(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    development, membership = get_development_for(request, municipality_slug, pk, write=True)
    dismissed = developments.dismiss(development, request=request)
    if dismissed:
        messages.success(request, _("De ontwikkeling is niet verwerkt. Er is niets veranderd."))
    else:
        messages.info(request, _("Over deze ontwikkeling was al besloten. Er is niets veranderd."))
    return redirect(_detail_url(membership, development))


_D = "beheer/<slug:municipality_slug>/ontwikkelingen/"

routes: list[URLPattern] = [
    path(_D, development_list, name="development_list"),
    path(_D + "nieuw/", development_create, name="development_create"),
    path(_D + "<int:pk>/", development_detail, name="development_detail"),
    path(_D + "<int:pk>/bewerken/", development_edit, name="development_edit"),
    path(_D + "<int:pk>/verwerken/", development_accept, name="development_accept"),
    path(_D + "<int:pk>/afwijzen/", development_dismiss, name="development_dismiss"),
]
