from allauth.account.auth_backends import AuthenticationBackend

from authorities.models import User


class PortalAuthenticationBackend(AuthenticationBackend):
    """allauth's backend, loading the user's authority with the user.

    Nearly every page asks whether the user is a coordinator, which needs the
    authority; one join here saves a query on each of them.
    """

    def user_can_authenticate(self, user):
        """A system account never logs in, whatever password it might be given: it calls the API with tokens."""
        return super().user_can_authenticate(user) and not user.is_system

    def get_user(self, user_id):
        try:
            user = User.objects.select_related("authority", "helpdesk_country").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
