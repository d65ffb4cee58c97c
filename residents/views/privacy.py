"""The privacy pages: the statement, asking for one's data by e-mail, and the linked page to
download or erase it. Anyone may ask; the page always answers the same, and only when we hold
something does a link go to that address. What is exported and erased, and how the links work,
is in residents.privacy.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from residents.privacy import (
    LINK_MAX_AGE,
    address_key,
    close_request,
    erase_data,
    export_data,
    holds_data,
    new_request_token,
    open_request,
)
from wup import links
from wup.antispam import ProtectedForm, over_limit
from wup.mail import queue_email
from wup.models import Follower, Question


@require_safe
def statement(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "residents/privacy/statement.html",
        {"retention_days": getattr(settings, "QUESTION_RETENTION_DAYS", 365)},
    )


class DataRequestForm(ProtectedForm):
    email = forms.EmailField(
        label=gettext_lazy("Uw e-mailadres"),
        max_length=254,
        help_text=gettext_lazy(
            "We sturen de link naar dit adres. Zo kan alleen wie dit adres leest de gegevens "
            "zien of wissen."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Ja, wis al mijn gegevens. Ik weet dat dit niet terug te draaien is."),
        error_messages={
            "required": gettext_lazy("Zet een vinkje als u zeker weet dat u alles wilt wissen.")
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def request_data(request: HttpRequest) -> HttpResponse:
    """Ask for a link to see, download or erase one's data. The answer never tells whether we
    hold anything for the address: that is only in the mail, which goes only to that address."""
    if request.method == "GET" and request.GET.get("verstuurd"):
        return render(request, "residents/privacy/request_sent.html")
    form = DataRequestForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if over_limit(request, "privacy", email=address_key(email)):
            form.add_error(
                None,
                _(
                    "U hebt het afgelopen uur al vaak een link gevraagd. Probeer het over een uur "
                    "opnieuw."
                ),
            )
            status = 429
        else:
            if holds_data(email):
                token = new_request_token(email)
                link = links.absolute(reverse("residents:privacy_data", args=[token]), request)
                queue_email(
                    "residents/email/privacy_link",
                    {"link": link, "hours": LINK_MAX_AGE // 3600},
                    [email],
                )
            return redirect(f"{reverse('residents:privacy_request')}?verstuurd=1")
    return render(request, "residents/privacy/request.html", {"form": form}, status=status)


def _link_invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "residents/privacy/link_invalid.html", status=404)


def _data_page(request: HttpRequest, token: str, email: str, erase_form: EraseForm) -> HttpResponse:
    context = {
        "token": token,
        "followers": Follower.objects.filter(email__iexact=email)
        .select_related("neighbourhood__municipality")
        .order_by("pk"),
        "question_count": Question.objects.filter(asker_email__iexact=email).count(),
        "erase_form": erase_form,
        "hours": LINK_MAX_AGE // 3600,
    }
    return render(request, "residents/privacy/my_data.html", context)


@never_cache
@require_safe
def my_data(request: HttpRequest, token: str) -> HttpResponse:
    """What we hold for the address in the link, with buttons to download and to erase it."""
    opened = open_request(token)
    if opened is None:
        return _link_invalid(request)
    return _data_page(request, token, opened[1], EraseForm())


@never_cache
@require_POST
def download(request: HttpRequest, token: str) -> HttpResponse:
    """Everything tied to the address as a JSON file. A POST, so the file is never at a URL
    that a browser history or a forwarded link could replay."""
    opened = open_request(token)
    if opened is None:
        return _link_invalid(request)
    response = JsonResponse(
        export_data(opened[1]),
        encoder=DjangoJSONEncoder,
        json_dumps_params={"indent": 2, "ensure_ascii": False},
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-wijkwaarde.json"'
    return response


@never_cache
@require_POST
def erase(request: HttpRequest, token: str) -> HttpResponse:
    """Erase everything tied to the address; the link is used up."""
    opened = open_request(token)
    if opened is None:
        return _link_invalid(request)
    request_id, email = opened
    form = EraseForm(request.POST)
    if not form.is_valid():
        return _data_page(request, token, email, form)
    erase_data(email)
    close_request(request_id, email)
    return render(request, "residents/privacy/erased.html")
