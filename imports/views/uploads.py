"""Upload a published file, see what it will store, then confirm or cancel.

Project leads and admins of the whole municipality (not a lead limited to some neighbourhoods:
these files change every neighbourhood). Checking and storing run as Celery tasks; the job page
polls a status fragment (htmx) while they run.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wup import audit
from wup.access import get_municipality_for
from wup.models import Membership, Municipality

from ..forms import UploadForm
from ..models import ImportJob
from ..sources import SOURCES
from ..tasks import check_import, store_import


def _municipality(request: HttpRequest, slug: str) -> tuple[Municipality, Membership]:
    municipality, membership = get_municipality_for(request, slug, write=True)
    if membership.limited_to_neighbourhoods:
        raise PermissionDenied
    return municipality, membership


def _job(request: HttpRequest, slug: str, pk: int) -> tuple[ImportJob, Membership]:
    municipality, membership = _municipality(request, slug)
    job = get_object_or_404(ImportJob, pk=pk, municipality=municipality)
    return job, membership


@login_required
@require_safe
def index(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality, membership = _municipality(request, municipality_slug)
    return render(
        request,
        "imports/index.html",
        {
            "municipality": municipality,
            "membership": membership,
            "section": "imports",
            "sources": SOURCES.values(),
            "jobs": municipality.import_jobs.select_related("created_by")[:10],
        },
    )


def _form(source, municipality: Municipality, *args) -> UploadForm:
    # A municipality without neighbourhoods yet gets one per buurt unless the admin chooses.
    level = "" if municipality.neighbourhoods.exists() else "buurt"
    return UploadForm(*args, source=source, initial_level=level)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, municipality_slug: str, source: str) -> HttpResponse:
    municipality, membership = _municipality(request, municipality_slug)
    if source not in SOURCES:
        raise Http404
    chosen = SOURCES[source]
    form = _form(
        chosen, municipality, *((request.POST, request.FILES) if request.method == "POST" else ())
    )
    if request.method == "POST" and form.is_valid():
        first, second = form.cleaned_data["file"], form.cleaned_data.get("second_file")
        with transaction.atomic():
            job = ImportJob(
                municipality=municipality,
                source=source,
                file_name=first.name[:200],
                second_file_name=second.name[:200] if second else "",
                options=form.options(),
                created_by=request.user,
            )
            job.file.save(first.name, first, save=False)
            if second:
                job.second_file.save(second.name, second, save=False)
            job.save()
            check_import.apply_async_on_commit((job.pk,))
        return redirect("imports:job", municipality.slug, job.pk)
    return render(
        request,
        "imports/upload.html",
        {
            "municipality": municipality,
            "membership": membership,
            "section": "imports",
            "source": chosen,
            "form": form,
        },
    )


def _job_context(job: ImportJob, membership: Membership) -> dict:
    slug = job.municipality.slug
    return {
        "job": job,
        "membership": membership,
        "municipality": job.municipality,
        "source": SOURCES[job.source],
        "status_url": reverse("imports:job_status", args=[slug, job.pk]),
        "section": "imports",
    }


@login_required
@require_safe
def job_detail(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    job, membership = _job(request, municipality_slug, pk)
    context = _job_context(job, membership)
    if job.status == ImportJob.Status.FAILED:
        # The same form again, with what was chosen: only the file needs choosing again.
        context["form"] = _form(context["source"], job.municipality)
        context["form"].initial.update(job.options)
    return render(request, "imports/job.html", context)


@login_required
@require_safe
def job_status(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    job, membership = _job(request, municipality_slug, pk)
    response = render(request, "imports/_job_status.html", _job_context(job, membership))
    if not job.is_busy:
        # Done checking or storing: the whole page shows the preview or the errors.
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def job_confirm(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    job, _membership = _job(request, municipality_slug, pk)
    with transaction.atomic():
        updated = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.CHECKED).update(
            status=ImportJob.Status.STORING, progress=0
        )
        if updated:
            audit.record(
                request,
                action=f"import_{job.source}",
                obj=job.municipality,
                municipality=job.municipality,
                changes={
                    "bestand": job.file_name,
                    "tweede_bestand": job.second_file_name,
                    "keuzes": job.options,
                    "aantallen": job.preview.get("counts", []),
                },
            )
            store_import.apply_async_on_commit((job.pk,))
    if not updated:
        messages.error(request, _("Deze inlezing kan niet meer worden opgeslagen."))
    return redirect("imports:job", municipality_slug, job.pk)


@login_required
@require_POST
def job_cancel(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    job, _membership = _job(request, municipality_slug, pk)
    if job.status in {ImportJob.Status.CHECKED, ImportJob.Status.FAILED}:
        job.status = ImportJob.Status.CANCELLED
        job.save(update_fields=["status"])
        job.discard_files()
        messages.success(request, _("De inlezing is geannuleerd. Er is niets opgeslagen."))
    return redirect("imports:index", municipality_slug)


routes = [
    path("beheer/<slug:municipality_slug>/bestanden/", index, name="index"),
    path("beheer/<slug:municipality_slug>/bestanden/inlezing/<int:pk>/", job_detail, name="job"),
    path(
        "beheer/<slug:municipality_slug>/bestanden/inlezing/<int:pk>/status/",
        job_status,
        name="job_status",
    ),
    path(
        "beheer/<slug:municipality_slug>/bestanden/inlezing/<int:pk>/opslaan/",
        job_confirm,
        name="job_confirm",
    ),
    path(
        "beheer/<slug:municipality_slug>/bestanden/inlezing/<int:pk>/annuleren/",
        job_cancel,
        name="job_cancel",
    ),
    path("beheer/<slug:municipality_slug>/bestanden/<slug:source>/", upload, name="upload"),
]
