"""The one way the portal sends e-mail to a person.

Every mail is three templates under ``templates/emails/``: ``<name>_subject.txt``,
``<name>_body.txt`` and ``<name>_body.html``, rendered in the recipient's language.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def render_mail(*, template, language, context):
    """Return (subject, text, html) for a template in a language."""
    context = {"site_url": settings.SITE_URL, "portal_name": settings.PORTAL_NAME, **context}
    with translation.override(language):
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        text = render_to_string(f"emails/{template}_body.txt", context)
        html = render_to_string(f"emails/{template}_body.html", context)
    return " ".join(subject.split()), text, html


def send_to_user(*, user, template, context):
    """Send a mail to a user once the current transaction commits.

    Nothing is sent for a change that is rolled back, and deactivated users
    get no mail.
    """
    if not user.is_active:
        return
    subject, text, html = render_mail(
        template=template, language=user.preferred_language, context={"recipient": user, **context}
    )

    def deliver():
        message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
        message.attach_alternative(html, "text/html")
        message.send()

    transaction.on_commit(deliver)
