"""What a token may do: its scope. What its account may see and do is the portal's own rules."""

from rest_framework.permissions import BasePermission

from api.models import ApiToken

# The scopes that include each need: acting includes reading, reading includes the directory.
GRANTS = {
    "directory": {ApiToken.Scope.DIRECTORY, ApiToken.Scope.READ, ApiToken.Scope.ACT},
    "read": {ApiToken.Scope.READ, ApiToken.Scope.ACT},
    "act": {ApiToken.Scope.ACT},
}


class HasScope(BasePermission):
    """The view's ``needs`` ("directory", "read" or "act"; "act" for any write) is in the token's scope."""

    def has_permission(self, request, view):
        token = request.auth
        if not isinstance(token, ApiToken):
            return False
        need = getattr(view, "needs", "read")
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            need = "act"
        return token.scope in GRANTS[need]
