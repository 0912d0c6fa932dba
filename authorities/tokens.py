"""The password reset links of the portal (allauth's ACCOUNT_PASSWORD_RESET_TOKEN_GENERATOR).

Imported only by allauth's forms, through the setting, which this module imports in turn.
"""

from allauth.account.forms import EmailAwarePasswordResetTokenGenerator


class PasswordResetTokenGenerator(EmailAwarePasswordResetTokenGenerator):
    """allauth's links, which also stop working when the user is deactivated, and do not come back."""

    def _make_hash_value(self, user, timestamp):
        revoked = user.sessions_revoked_at.isoformat() if user.sessions_revoked_at else ""
        return f"{super()._make_hash_value(user, timestamp)}|{user.is_active}|{revoked}"
