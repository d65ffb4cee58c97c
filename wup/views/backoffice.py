"""Back-office views for staff: neighbourhoods, parties, members, settings and the audit trail.

Every view starts with an access helper from wup.access; every change writes an audit entry.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wup import audit, audit_display, links, startanalyse
from wup.access import get_member_for, get_municipality_for, get_neighbourhood_for, get_party_for
from wup.choices import attach_labels
from wup.forms import (
    InviteForm,
    MembershipForm,
    MunicipalitySettingsForm,
    NeighbourhoodForm,
    PartyForm,
)
from wup.mail import queue_email
from wup.models import HeatSolution, Membership, Neighbourhood, PartyType, Phase


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    memberships = Membership.objects.for_user(request.user).order_by("municipality__name")
    return render(request, "wup/backoffice/home.html", {"memberships": memberships})


@login_required
@require_safe
def municipality_home(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality, membership = get_municipality_for(request, municipality_slug)
    neighbourhoods = (
        Neighbourhood.objects.visible_to(membership)
        .annotate(party_count=Count("parties", distinct=True))
        .order_by("name")
    )
    return render(
        request,
        "wup/backoffice/municipality.html",
        {
            "municipality": municipality,
            "membership": membership,
            "neighbourhoods": attach_labels(
                neighbourhoods, phase=Phase, preferred_solution=HeatSolution
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def neighbourhood_create(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality, membership = get_municipality_for(request, municipality_slug, write=True)
    if membership.limited_to_neighbourhoods:
        # A lead for some neighbourhoods does not add new ones to the municipality.
        raise PermissionDenied
    form = NeighbourhoodForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            neighbourhood = audit.save_form(
                request, form, action="create", municipality=municipality
            )
            Neighbourhood.objects.add_parts([neighbourhood])  # the standard indicators
        messages.success(request, _("De wijk is toegevoegd."))
        return redirect("wup:bo_municipality", municipality.slug)
    return render(
        request,
        "wup/backoffice/form.html",
        {"municipality": municipality, "form": form, "title": _("Wijk toevoegen")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def neighbourhood_edit(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    neighbourhood, membership = get_neighbourhood_for(
        request, municipality_slug, neighbourhood_slug, write=True
    )
    municipality = membership.municipality
    form = NeighbourhoodForm(
        request.POST or None, instance=neighbourhood, municipality=municipality
    )
    if request.method == "POST" and form.is_valid():
        audit.save_form(request, form, action="update", municipality=municipality)
        messages.success(request, _("De wijk is bijgewerkt."))
        return redirect("wup:bo_municipality", municipality.slug)
    return render(
        request,
        "wup/backoffice/form.html",
        {
            "municipality": municipality,
            "form": form,
            "title": _("Wijk bewerken: %(name)s") % {"name": neighbourhood.name},
            "neighbourhood": neighbourhood,
            "advice": startanalyse.advice_for(neighbourhood),
        },
    )


@login_required
@require_safe
def party_list(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality, membership = get_municipality_for(request, municipality_slug)
    parties = attach_labels(
        municipality.parties.prefetch_related("neighbourhoods").order_by("name"),
        party_type=PartyType,
    )
    for party in parties:
        party.changeable = membership.may_change_party(party)
    return render(
        request,
        "wup/backoffice/parties.html",
        {"municipality": municipality, "membership": membership, "parties": parties},
    )


@login_required
@require_http_methods(["GET", "POST"])
def party_create(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality, membership = get_municipality_for(request, municipality_slug, write=True)
    return _party_form(request, membership, None)


@login_required
@require_http_methods(["GET", "POST"])
def party_edit(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    party, membership = get_party_for(request, municipality_slug, pk, write=True)
    return _party_form(request, membership, party)


def _party_form(request, membership, party) -> HttpResponse:
    municipality = membership.municipality
    form = PartyForm(
        request.POST or None,
        instance=party,
        municipality=municipality,
        neighbourhoods=Neighbourhood.objects.visible_to(membership),
    )
    if request.method == "POST" and form.is_valid():
        audit.save_form(
            request, form, action="update" if party else "create", municipality=municipality
        )
        messages.success(request, _("De partij is opgeslagen."))
        return redirect("wup:bo_parties", municipality.slug)
    title = _("Partij bewerken") if party else _("Partij toevoegen")
    return render(
        request,
        "wup/backoffice/form.html",
        {"municipality": municipality, "form": form, "title": title},
    )


@login_required
@require_safe
def member_list(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality, membership = get_municipality_for(request, municipality_slug, admin=True)
    members = (
        municipality.memberships.select_related("user", "party")
        .prefetch_related("neighbourhoods")
        .order_by("user__first_name", "user__email")
    )
    return render(
        request,
        "wup/backoffice/members.html",
        {"municipality": municipality, "membership": membership, "members": members},
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_invite(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality, _membership = get_municipality_for(request, municipality_slug, admin=True)
    form = InviteForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        User = get_user_model()
        email = form.cleaned_data["email"]
        with transaction.atomic():
            user, created = User.objects.get_or_create(
                username=email,
                defaults={"email": email, "first_name": form.cleaned_data["name"]},
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            form.instance.user = user
            form.instance.municipality = municipality
            invited = form.save()
            audit.record(
                request,
                action="invite",
                obj=invited,
                municipality=municipality,
                changes=audit.form_changes(form),
            )
            queue_email(
                "wup/email/invitation",
                {
                    "municipality": municipality,
                    "role": invited.get_role_display(),
                    "inviter": request.user.get_full_name() or request.user.get_username(),
                    "link": _set_password_link(request, user) if created else None,
                    "login_link": links.absolute(reverse("login"), request),
                },
                [email],
            )
        messages.success(request, _("De uitnodiging is verstuurd."))
        return redirect("wup:bo_members", municipality.slug)
    return render(
        request,
        "wup/backoffice/form.html",
        {"municipality": municipality, "form": form, "title": _("Iemand uitnodigen")},
    )


def _set_password_link(request: HttpRequest, user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return links.absolute(path, request)


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    member, membership = get_member_for(request, municipality_slug, pk)
    municipality = membership.municipality
    form = MembershipForm(request.POST or None, instance=member, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        if member == membership and form.cleaned_data["role"] != membership.role:
            form.add_error("role", _("U kunt uw eigen rol niet veranderen."))
        else:
            audit.save_form(request, form, action="change_role", municipality=municipality)
            messages.success(request, _("De rol is opgeslagen."))
            return redirect("wup:bo_members", municipality.slug)
    return render(
        request,
        "wup/backoffice/member_edit.html",
        {
            "municipality": municipality,
            "form": form,
            "member": member,
            "self_edit": member == membership,
        },
    )


@login_required
@require_POST
def member_remove(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    member, membership = get_member_for(request, municipality_slug, pk)
    municipality = membership.municipality
    if member == membership:
        messages.error(request, _("U kunt uzelf niet verwijderen."))
        return redirect("wup:bo_members", municipality.slug)
    with transaction.atomic():
        audit.record(request, action="remove", obj=member, municipality=municipality)
        member.delete()
    messages.success(request, _("Het lidmaatschap is beëindigd."))
    return redirect("wup:bo_members", municipality.slug)


@login_required
@require_http_methods(["GET", "POST"])
def municipality_settings(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality, _membership = get_municipality_for(request, municipality_slug, admin=True)
    form = MunicipalitySettingsForm(
        request.POST or None, request.FILES or None, instance=municipality
    )
    if request.method == "POST" and form.is_valid():
        audit.save_form(request, form, action="update", municipality=municipality)
        messages.success(request, _("De instellingen zijn opgeslagen."))
        return redirect("wup:bo_municipality", municipality.slug)
    return render(
        request,
        "wup/backoffice/form.html",
        {
            "municipality": municipality,
            "form": form,
            "title": _("Instellingen van de gemeente"),
            "multipart": True,
        },
    )


@login_required
@require_safe
def audit_log(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality, membership = get_municipality_for(request, municipality_slug, admin=True)
    entries = municipality.audit_entries.order_by("-created_at", "-pk")
    page = Paginator(entries, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "wup/backoffice/audit_log.html",
        {
            "municipality": municipality,
            "membership": membership,
            "page": page,
            # Actions, objects, fields and values in words, not the codes stored.
            "shown": [audit_display.shown(e) for e in page.object_list],
        },
    )
