"""Public pages: the municipality and its neighbourhoods, for residents without an account."""

from __future__ import annotations

import mimetypes

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django.conf import settings
from django.core.signals import setting_changed
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from dashboard import pulse as dashboard_pulse
from designation import public as designation_public
from dialogue import public as dialogue_public
from residents import questions
from residents.forms.following import FollowForm
from residents.timeline import answered_questions, catch_up, timeline_context, wants_timeline_only
from roadmap import public as roadmap_public
from wup import svg_map
from wup.choices import attach_labels
from wup.forms import NeighbourhoodSearchForm
from wup.models import BUILD_PERIODS, HeatSolution, Municipality, Neighbourhood, PartyType, Phase


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    municipalities = Municipality.objects.annotate(
        neighbourhood_count=Count("neighbourhoods")
    ).order_by("name")
    return render(request, "residents/home.html", {"municipalities": municipalities})


@require_safe
def municipality_page(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, slug=municipality_slug)
    form = NeighbourhoodSearchForm(request.GET or None)
    neighbourhoods = municipality.neighbourhoods.for_public_list()
    query = ""
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        neighbourhoods = neighbourhoods.filter(name__icontains=query)
    context = {
        "municipality": municipality,
        "neighbourhoods": attach_labels(
            neighbourhoods, phase=Phase, preferred_solution=HeatSolution
        ),
        "form": form,
        "query": query,
    }
    if request.htmx:
        return render(request, "residents/municipality.html#results", context)
    context["phase_map"] = svg_map.phase_map(municipality)  # every neighbourhood, not just hits
    context["heat_programme"] = designation_public.for_municipality(municipality)
    return render(request, "residents/municipality.html", context)


# The fields of a fresh follow form are the same markup for every visitor in a language: they
# are rendered through crispy once per language and process (every time while DEBUG is on, so
# template edits show). The anti-spam fields and the CSRF token are rendered per request.
_FOLLOW_FIELDS_HTML: dict[str | None, SafeString] = {}


def _forget_follow_fields_html(**kwargs) -> None:
    _FOLLOW_FIELDS_HTML.clear()


setting_changed.connect(_forget_follow_fields_html)


def follow_fields_html(form: FollowForm) -> SafeString:
    """Return the e-mail and consent fields of an unbound FollowForm(), as
    templates/residents/following/_follow_form.html shows them."""
    language = get_language()
    html = None if settings.DEBUG else _FOLLOW_FIELDS_HTML.get(language)
    if html is None:
        html = (
            as_crispy_field(form["email"]) + SafeString("\n  ") + as_crispy_field(form["consent"])
        )
        if not settings.DEBUG:
            _FOLLOW_FIELDS_HTML[language] = html
    return html


@require_safe
@vary_on_headers("HX-Request", "HX-Target")
def neighbourhood_page(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    neighbourhood = get_object_or_404(
        Neighbourhood.objects.for_page(),
        municipality__slug=municipality_slug,
        slug=neighbourhood_slug,
    )
    # The brief, the story and the timeline all read the adopted roadmap: once is enough.
    adopted = roadmap_public.LatestAdopted(neighbourhood)
    if wants_timeline_only(request):  # the "since" form through HTMX: the timeline alone
        return render(
            request,
            "residents/timeline/_timeline.html#events",
            {
                "municipality": neighbourhood.municipality,
                "neighbourhood": neighbourhood,
                **timeline_context(neighbourhood, request.GET, adopted=adopted),
            },
        )
    # The dialogue part, the story and the timeline all read the sessions; the questions part and
    # the timeline the answered questions: once each is enough.
    sessions = dialogue_public.public_sessions(neighbourhood)
    answered = answered_questions(neighbourhood)
    follow_form = FollowForm()
    figures = neighbourhood.key_figures()
    build_periods = [
        (label, figures.build_periods[key])
        for key, label in BUILD_PERIODS.items()
        if key in figures.build_periods
    ]
    return render(
        request,
        "residents/neighbourhood.html",
        {
            "municipality": neighbourhood.municipality,
            "neighbourhood": neighbourhood,
            "figures": figures,
            "build_periods": build_periods,
            "parties": attach_labels(neighbourhood.parties.all(), party_type=PartyType),
            "areas": neighbourhood.current_areas(),
            "dialogue": dialogue_public.for_neighbourhood(neighbourhood, sessions),
            "roadmap_brief": roadmap_public.for_neighbourhood(neighbourhood, adopted),
            "designation": designation_public.for_neighbourhood(neighbourhood),
            "questions_block": questions.public_answers(neighbourhood, answered),
            "follow_form": follow_form,
            "follow_fields_html": follow_fields_html(follow_form),
            "pulse": dashboard_pulse.for_neighbourhood(request, neighbourhood),
            **catch_up(
                neighbourhood, request.GET, adopted=adopted, sessions=sessions, answered=answered
            ),
        },
    )


@require_safe
@cache_control(max_age=300, public=True)
def theme_css(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    """Return the municipality's colours as CSS variables (no inline styles under our CSP)."""
    municipality = get_object_or_404(Municipality, slug=municipality_slug)
    css = (
        ":root{"
        f"--ww-brand-background:{municipality.theme_colour};"
        f"--ww-brand-color:{municipality.theme_text_colour};"
        "}\n"
    )
    return HttpResponse(css, content_type="text/css; charset=utf-8")


@require_safe
@cache_control(max_age=3600, public=True)
def logo(request: HttpRequest, municipality_slug: str) -> FileResponse:
    municipality = get_object_or_404(Municipality, slug=municipality_slug)
    if not municipality.logo:
        raise Http404
    content_type = mimetypes.guess_type(municipality.logo.name)[0] or "application/octet-stream"
    if not content_type.startswith("image/") or content_type == "image/svg+xml":
        raise Http404
    return FileResponse(municipality.logo.open("rb"), content_type=content_type)
