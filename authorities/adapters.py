import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.template.loader import render_to_string
from django.utils import translation

from authorities.models import User
from core import mail

# The session key under which the inactive-account page finds the country of the user it answers.
INACTIVE_ACCOUNT_COUNTRY = "inactive_account_country"


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs up: users are registered by a colleague or a coordinator."""

    def is_open_for_signup(self, request):
        return False

    def send_mail(self, template_prefix, email, context):
        """allauth's mails (password reset, address confirmation) go through the outbox like every other.

        Rendered in the recipient's language (a reset asked for by a helpdesk is read by the user),
        as text and HTML in the portal's layout, and sent by the worker after the commit, never
        inside the web request.
        """
        user = context.get("user") or User.objects.filter(email__iexact=email).first()
        if user is None:
            return  # the portal writes to its users only
        request = context.get("request") or self.request
        language = user.preferred_language or translation.get_language()
        full_context = {
            "email": email,
            "current_site": get_current_site(request) if request else None,
            **context,
            "recipient": user,
            "portal_name": settings.PORTAL_NAME,
            "site_url": settings.SITE_URL,
        }
        with translation.override(language):
            rendered = self.render_mail(template_prefix, email, full_context)
            html = next((body for body, kind in rendered.alternatives if kind == "text/html"), None)
            if html is None:  # a mail of allauth's without an HTML template of the portal
                html = render_to_string("emails/account_body.html", {**full_context, "text": rendered.body})
        mail.queue_mail(
            user=user,
            to_email=email,
            template=template_prefix,
            language=language,
            subject=rendered.subject,
            text=rendered.body,
            html=html,
            urgent=True,
        )

    def pre_login(self, request, user, **kwargs):
        """A system account never logs in (``PortalAuthenticationBackend``), even with the right password:
        allauth would otherwise carry on with a user its backend refused. It is answered like a deactivated one."""
        if user.is_system:
            from allauth.account.internal.stagekit import clear_login

            clear_login(request)
            return self.respond_user_inactive(request, user)
        return super().pre_login(request, user, **kwargs)

    def respond_user_inactive(self, request, user):
        """A deactivated user who gave the right password learns whom to ask: their country's helpdesk.

        Only the country is kept for the page; the user stays logged out.
        """
        country_id = user.authority.country_id if user.authority_id else user.helpdesk_country_id
        request.session[INACTIVE_ACCOUNT_COUNTRY] = country_id
        return super().respond_user_inactive(request, user)

    def is_reauthentication_required(self, *, app, **kwargs):
        """Coordinators are sent to set up MFA right after logging in: don't ask for the password again.

        Changing or removing an existing authenticator still asks for it.
        """
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = context.request
        if not (required and app == "allauth.mfa" and request and request.user.is_authenticated):
            return required
        if Authenticator.objects.filter(user=request.user).exists():
            return True
        records = get_authentication_records(request, request.user)
        just_logged_in = bool(records) and time.time() - records[-1]["at"] < account_settings.REAUTHENTICATION_TIMEOUT
        return not just_logged_in

    def add_message(self, request, level, message_template=None, message_context=None, extra_tags="", message=None):
        """allauth's notices ("You are logged in as …") in the user's own language, with the portal's wording.

        The login request started in the browser's language; the portal's wording is in
        templates/account/messages/ and templates/mfa/messages/.
        """
        user = getattr(request, "user", None)
        language = getattr(user, "preferred_language", "") if user is not None and user.is_authenticated else ""
        with translation.override(language or translation.get_language()):
            super().add_message(request, level, message_template, message_context, extra_tags, message)
