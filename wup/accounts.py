"""Staff accounts: Django's own views, with the reset mail sent by a worker."""

from __future__ import annotations

from django.contrib.auth import forms as auth_forms
from django.template import loader

from .tasks import send_email


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form; the mail goes through the queue, never inside the request.

    Django already answers the same for known and unknown addresses, so the page does not
    reveal who has an account.
    """

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_email.delay(subject, body, [to_email])
