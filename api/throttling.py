"""Calls per token (``IMI_API_RATE``); beyond it the answer is 429 with Retry-After."""

from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    scope = "token"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None  # refused anyway, by the authentication
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
