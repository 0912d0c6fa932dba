import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.mfa.models import Authenticator
from django.utils import translation

from authorities.models import User


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs up: users are registered by a colleague or a coordinator."""

    def is_open_for_signup(self, request):
        return False

    def send_mail(self, template_prefix, email, context):
        # A reset link asked for by a helpdesk is read by the user, in their language.
        user = User.objects.filter(email__iexact=email).only("preferred_language").first()
        language = user.preferred_language if user else translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

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
