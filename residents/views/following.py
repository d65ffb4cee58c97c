"""Following a neighbourhood by e-mail, the pages: sign-up, confirmation, one-click unsubscribe.
What they do (double opt-in, the same answer for every address, the digest's content) is in
residents.following; the weekly digest is sent by residents.tasks.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from residents.following import confirm, is_expired, sign_up, unfollow
from residents.forms.following import FollowForm
from wup.antispam import over_limit
from wup.models import Follower, Neighbourhood

# Views


def _page_context(neighbourhood: Neighbourhood) -> dict:
    return {"municipality": neighbourhood.municipality, "neighbourhood": neighbourhood}


def _follower(token: str) -> Follower | None:
    return (
        Follower.objects.select_related("neighbourhood__municipality").filter(token=token).first()
    )


@require_http_methods(["GET", "HEAD", "POST"])
def follow(request: HttpRequest, municipality_slug: str, neighbourhood_slug: str) -> HttpResponse:
    """The sign-up form; after sending, the same "check your e-mail" page for every address."""
    neighbourhood = get_object_or_404(
        Neighbourhood.objects.select_related("municipality"),
        slug=neighbourhood_slug,
        municipality__slug=municipality_slug,
    )
    context = _page_context(neighbourhood)
    if request.method != "POST":
        return render(request, "residents/following/follow.html", {**context, "form": FollowForm()})
    form = FollowForm(request.POST)
    if not form.is_valid():
        return render(
            request, "residents/following/follow.html", {**context, "form": form}, status=422
        )
    email = form.cleaned_data["email"]
    if over_limit(request, "follow", email=email):
        return render(
            request,
            "residents/following/follow.html",
            {**context, "form": form, "too_many": True},
            status=429,
        )
    sign_up(neighbourhood, email=email)
    return render(request, "residents/following/check_email.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_page(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button, POST confirms: a link scanner that opens the link confirms nothing."""
    follower = _follower(token)
    if follower is None:
        return render(request, "residents/following/link_problem.html", status=404)
    context = {**_page_context(follower.neighbourhood), "follower": follower}
    if is_expired(follower):
        return render(
            request,
            "residents/following/link_problem.html",
            {**context, "expired": True},
            status=410,
        )
    if request.method == "POST" and follower.confirmed_at is None:
        confirm(follower)
        return redirect("residents:follow_confirm", token)
    return render(request, "residents/following/confirm.html", context)


# RFC 8058 one-click unsubscribe: the mail client POSTs "List-Unsubscribe=One-Click" to this URL
# without cookies, so it cannot carry a CSRF token. That is safe by design: the 256-bit token in
# the URL is the credential (a cross-site request would have to know it already), and the only
# thing the POST can do is stop mail to that one address, which is idempotent and harmless.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_page(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; POST (the button, or the mail client's one-click) unsubscribes."""
    follower = _follower(token)
    context = _page_context(follower.neighbourhood) if follower else {}
    if request.method == "POST" and follower is not None:
        unfollow(follower)
        follower = None
    # An unknown token is answered as "done": nothing is sent to it, and a second click on the
    # link should not look like an error.
    return render(
        request, "residents/following/unsubscribe.html", {**context, "follower": follower}
    )
