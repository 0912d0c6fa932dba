from django.conf import settings

from core.middleware import session_seconds_left


def portal(request):
    return {
        "portal_name": settings.PORTAL_NAME,
        "training": settings.IMI_TRAINING,
        "session_seconds": session_seconds_left(request.session)
        if hasattr(request, "session")
        else settings.SESSION_COOKIE_AGE,
    }
