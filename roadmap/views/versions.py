"""Roadmap versions: adopt the draft as a version, the history, the differences between versions
and between the draft and the latest version; and the public pages of adopted versions.

Adopting is for project leads and admins; every member may read the history and differences.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, URLResolver, include, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from roadmap.access import get_roadmap_for
from roadmap.models import DecisionBody, Roadmap, RoadmapVersion, adopt, snapshot_checksum
from roadmap.snapshots import diff, empty_snapshot, take_snapshot


class AdoptForm(forms.Form):
    adopted_by = forms.ChoiceField(
        label=gettext_lazy("Vastgesteld door"), choices=DecisionBody.choices
    )
    decision_date = forms.DateField(
        label=gettext_lazy("Datum van het besluit"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    decision_reference = forms.CharField(
        label=gettext_lazy("Kenmerk van het besluit"),
        max_length=100,
        help_text=gettext_lazy("Het nummer van het besluit, zodat iedereen het kan terugvinden."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reden van de wijziging"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # The checksum of the draft the user saw: if someone changes the draft in the meantime,
    # we do not adopt content that nobody reviewed.
    checksum = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, amendment: bool, current_checksum: str, unchanged: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_checksum = current_checksum
        self.unchanged = unchanged
        self.fields["checksum"].initial = current_checksum
        if amendment:
            self.fields["reason"].required = True
            self.fields["reason"].help_text = _(
                "Leg in gewone taal uit wat er verandert en waarom. Bewoners lezen dit."
            )
        else:
            del self.fields["reason"]

    def clean_reason(self) -> str:
        return self.cleaned_data["reason"].strip()

    def clean_checksum(self) -> str:
        if self.cleaned_data["checksum"] != self.current_checksum:
            raise ValidationError(
                _("De routekaart is intussen veranderd. Bekijk de verschillen opnieuw.")
            )
        return self.cleaned_data["checksum"]

    def clean(self):
        if self.unchanged:
            raise ValidationError(
                _("Er is niets veranderd sinds de laatste versie. Er is dus niets vast te stellen.")
            )
        return super().clean()


def _versions(roadmap: Roadmap) -> list[RoadmapVersion]:
    if roadmap.pk is None:
        return []
    return list(roadmap.versions.defer("snapshot").select_related("created_by"))


def _context(roadmap: Roadmap, membership, **extra) -> dict:
    return {
        "municipality": membership.municipality,
        "membership": membership,
        "neighbourhood": roadmap.neighbourhood,
        "roadmap": roadmap,
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def adopt_version(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    """Show what changes since the latest version, and adopt the draft as the next version."""
    roadmap, membership = get_roadmap_for(
        request, municipality_slug, neighbourhood_slug, write=True
    )
    latest = roadmap.versions.order_by("-number").first()
    snapshot = take_snapshot(roadmap)
    checksum = snapshot_checksum(snapshot)
    unchanged = latest is not None and latest.checksum == checksum
    form = AdoptForm(
        request.POST or None,
        amendment=latest is not None,
        current_checksum=checksum,
        unchanged=unchanged,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = adopt(
                roadmap,
                by=data["adopted_by"],
                decision_date=data["decision_date"],
                decision_reference=data["decision_reference"],
                reason=data.get("reason", ""),
                reviewed_checksum=data["checksum"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Versie %(n)s is vastgesteld en staat nu op de openbare pagina.")
                % {"n": version.number},
            )
            return redirect("roadmap:versions", municipality_slug, neighbourhood_slug)
    return render(
        request,
        "roadmap/versions/adopt.html",
        _context(
            roadmap,
            membership,
            form=form,
            latest=latest,
            unchanged=unchanged,
            diff=diff(latest.snapshot if latest else empty_snapshot(), snapshot),
        ),
    )


@login_required
@require_safe
def version_list(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    """Every adopted version with its decision, newest first."""
    roadmap, membership = get_roadmap_for(request, municipality_slug, neighbourhood_slug)
    return render(
        request,
        "roadmap/versions/list.html",
        _context(roadmap, membership, versions=_versions(roadmap)),
    )


@login_required
@require_safe
def version_diff(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, a: int, b: int
) -> HttpResponse:
    """What changed between two adopted versions."""
    roadmap, membership = get_roadmap_for(request, municipality_slug, neighbourhood_slug)
    found = {v.number: v for v in _with_snapshots(roadmap, [a, b])}
    if a not in found or b not in found:
        raise Http404
    old, new = found[a], found[b]
    return render(
        request,
        "roadmap/versions/diff.html",
        _context(roadmap, membership, old=old, new=new, diff=diff(old.snapshot, new.snapshot)),
    )


def _with_snapshots(roadmap: Roadmap, numbers: list[int]) -> list[RoadmapVersion]:
    if roadmap.pk is None:
        return []
    return list(roadmap.versions.filter(number__in=numbers))


@login_required
@require_safe
def draft_diff(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    """What the draft changes compared with the latest adopted version."""
    roadmap, membership = get_roadmap_for(request, municipality_slug, neighbourhood_slug)
    latest = roadmap.versions.order_by("-number").first() if roadmap.pk else None
    return render(
        request,
        "roadmap/versions/diff.html",
        _context(
            roadmap,
            membership,
            old=latest,
            new=None,
            diff=diff(latest.snapshot if latest else empty_snapshot(), take_snapshot(roadmap)),
        ),
    )


staff_routes = [
    path("vaststellen/", adopt_version, name="adopt"),
    path("versies/", version_list, name="versions"),
    path("versies/<int:a>/<int:b>/", version_diff, name="diff"),
    path("concept-verschil/", draft_diff, name="draft_diff"),
]


routes: list[URLPattern | URLResolver] = [
    path(
        "beheer/<slug:municipality_slug>/routekaarten/<slug:neighbourhood_slug>/",
        include(staff_routes),
    ),
]
