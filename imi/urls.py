from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal import admin as portal_admin

admin.site.site_header = _("IMI portal administration")
admin.site.site_title = _("IMI portal administration")
admin.site.index_title = _("Coordination and helpdesk")
# The admin has no login of its own: everybody logs in through allauth, with MFA.
admin.site.login = secure_admin_login(admin.site.login)

# The error pages do without the database; a database outage is answered with 503.
handler500 = "portal.views.server_error"
# Under /api/ a problem (RFC 9457) in JSON, elsewhere the portal's pages.
handler400 = "api.problems.bad_request"
handler404 = "api.problems.page_not_found"

urlpatterns = [
    path("", include("portal.urls")),
    path("", include("authorities.urls")),
    path("authority/systems/", include("api.urls")),
    path("requests/", include("requests_app.urls")),
    path("directory/registers/", include("registers.urls")),
    path("api/v1/", include("api.api_urls")),
    path("accounts/", include("allauth.urls")),
    # Before the admin's own, which redirects for any object that exists, in the user's scope or not.
    path("admin/r/<int:content_type_id>/<path:object_id>/", admin.site.admin_view(portal_admin.view_on_site)),
    path("admin/", admin.site.urls),
]
