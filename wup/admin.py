"""What the platform's support staff see and change in the Django admin (wup/admin_site.py).

Every change made here goes into the audit trail (wup/audit.py) as well as Django's own admin
log, and so does every view of a resident's personal data: a personal-data model is read-only
(PersonalDataAdmin), its lists show no contact details, and opening one record is an audited
`admin_view`. Other apps register their models in their own admin.py with these base classes.
"""

from __future__ import annotations

# Importing the other apps' admin modules first registers their models, so that we can take
# them out, whatever the order of INSTALLED_APPS: device keys (an app's secret, its QR code),
# django-axes' records and groups are not for the support desk.
import axes.admin  # noqa: F401
import django_otp.plugins.otp_static.admin  # noqa: F401
import django_otp.plugins.otp_totp.admin  # noqa: F401
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit, mfa
from .models import (
    AuditEntry,
    ConsentRecord,
    Follower,
    Membership,
    Municipality,
    Neighbourhood,
    Question,
)
from .onboarding import NewMunicipalityForm, create_municipality


def municipality_of(obj):
    """The municipality an object belongs to, for the audit entry (None when it has none)."""
    if isinstance(obj, Municipality):
        return obj
    for step in ("municipality", "neighbourhood", "session"):
        target = getattr(obj, step, None)
        if target is not None and step != "municipality":
            return municipality_of(target)
        if isinstance(target, Municipality):
            return target
    return None


for model in (TOTPDevice, StaticDevice, AccessAttempt, AccessLog, AccessFailureLog, Group):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class SupportModelAdmin(admin.ModelAdmin):
    def get_urls(self):
        # Without the unnamed shortcut <pk>/ (a redirect to <pk>/change/): every URL has a name.
        return [url for url in super().get_urls() if url.name]


class AuditedAdmin(SupportModelAdmin):
    """A ModelAdmin whose changes are written to the audit trail, with the change and the save
    in one transaction."""

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit.record(
                request,
                action="admin_change" if change else "admin_add",
                obj=obj,
                municipality=municipality_of(obj),
                changes=audit.form_changes(form),
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit.record(request, action="admin_delete", obj=obj, municipality=municipality_of(obj))
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                audit.record(
                    request, action="admin_delete", obj=obj, municipality=municipality_of(obj)
                )
            super().delete_queryset(request, queryset)


class PersonalDataAdmin(SupportModelAdmin):
    """Residents' personal data: read-only; lists without contact details; each record that is
    opened is an audited `admin_view`."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, object_id)
        if obj is not None and response.status_code == 200:
            audit.record(request, action="admin_view", obj=obj, municipality=municipality_of(obj))
        return response


@admin.register(Municipality)
class MunicipalityAdmin(AuditedAdmin):
    list_display = ["name", "slug", "cbs_code", "member_count", "neighbourhood_count"]
    search_fields = ["name", "slug", "cbs_code"]
    ordering = ["name"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                members=Count("memberships", distinct=True),
                neighbourhoods_count=Count("neighbourhoods", distinct=True),
            )
        )

    @admin.display(description=gettext_lazy("leden"), ordering="members")
    def member_count(self, obj) -> int:
        return obj.members

    @admin.display(description=gettext_lazy("wijken"), ordering="neighbourhoods_count")
    def neighbourhood_count(self, obj) -> int:
        return obj.neighbourhoods_count

    def get_urls(self):
        new = path(
            "nieuw/",
            self.admin_site.admin_view(self.new_municipality),
            name="wup_municipality_new",
        )
        return [new, *super().get_urls()]

    def add_view(self, request, form_url="", extra_context=None):
        # A municipality always starts with its first administrator: the onboarding form.
        return redirect("admin:wup_municipality_new")

    def new_municipality(self, request):
        """Create a municipality and invite its first administrator (wup/onboarding.py)."""
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = NewMunicipalityForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            municipality, _membership = create_municipality(form, request)
            messages.success(
                request,
                _("Gemeente %(name)s is aangemaakt. De uitnodiging is verstuurd naar %(email)s.")
                % {"name": municipality.name, "email": form.cleaned_data["admin_email"]},
            )
            return redirect("admin:wup_municipality_changelist")
        if form.errors:  # the first field with an error gets the focus
            first = next(name for name in form.fields if name in form.errors)
            form.fields[first].widget.attrs["autofocus"] = True
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Nieuwe gemeente"),
        }
        return TemplateResponse(
            request, "admin/wup/new_municipality.html", context, status=422 if form.errors else 200
        )


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(AuditedAdmin):
    list_display = ["name", "municipality", "slug", "phase"]
    list_filter = ["municipality", "phase"]
    search_fields = ["name", "slug"]
    list_select_related = ["municipality"]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "municipality", "role", "created_at"]
    list_filter = ["role", "municipality"]
    search_fields = ["user__username", "user__email", "user__first_name", "user__last_name"]
    list_select_related = ["user", "municipality"]
    raw_id_fields = ["user"]
    filter_horizontal = ["neighbourhoods"]


User = get_user_model()
if admin.site.is_registered(User):  # auth's own UserAdmin (imported above): ours replaces it
    admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(AuditedAdmin, UserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    actions = ["reset_second_step"]

    @admin.action(description=gettext_lazy("Tweede stap herstellen (passkeys, app, herstelcodes)"))
    def reset_second_step(self, request, queryset):
        with transaction.atomic():
            for user in queryset:
                removed = mfa.reset(user)
                audit.record(
                    request,
                    action="reset_mfa",
                    obj=user,
                    municipality=None,
                    changes={"apparaten": str(removed)},
                )
        messages.success(
            request,
            _(
                "De tweede stap is hersteld. Bij de volgende keer inloggen stellen zij hem "
                "opnieuw in."
            ),
        )


@admin.register(AuditEntry)
class AuditEntryAdmin(SupportModelAdmin):
    """The audit trail: read-only, like everywhere else."""

    list_display = [
        "created_at",
        "actor_name",
        "municipality",
        "action",
        "object_type",
        "object_repr",
        "result",
        "ip_address",
    ]
    list_filter = ["result", "action", "municipality"]
    search_fields = ["actor_name", "action", "object_repr"]
    list_select_related = ["municipality"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Follower)
class FollowerAdmin(PersonalDataAdmin):
    list_display = ["__str__", "neighbourhood", "created_at", "confirmed_at"]
    list_filter = ["neighbourhood__municipality"]
    list_select_related = ["neighbourhood"]
    exclude = ["token"]


@admin.register(Question)
class QuestionAdmin(PersonalDataAdmin):
    list_display = ["__str__", "neighbourhood", "asked_at", "due_on", "answered_at", "published"]
    list_filter = ["published", "neighbourhood__municipality"]
    list_select_related = ["neighbourhood"]


@admin.register(ConsentRecord)
class ConsentRecordAdmin(PersonalDataAdmin):
    list_display = ["__str__", "purpose", "text_version", "given_at", "withdrawn_at"]
    list_filter = ["purpose"]
