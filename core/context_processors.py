from django.conf import settings


def portal(request):
    return {
        "portal_name": settings.PORTAL_NAME,
        "training": settings.IMI_TRAINING,
        "session_seconds": settings.SESSION_COOKIE_AGE,
    }
