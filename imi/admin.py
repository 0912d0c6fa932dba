from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404
from modeltranslation.admin import TranslationAdmin

from authorities.admin import BoundedChangeListMixin, SuperuserEditsMixin
from imi.models import HelpPage, OutboxMessage


@admin.register(HelpPage)
class HelpPageAdmin(SuperuserEditsMixin, TranslationAdmin):
    """Training materials and contacts, edited per language."""

    list_display = ["title", "slug", "order"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(BoundedChangeListMixin, admin.ModelAdmin):
    """The mail queue, read-only, for superusers: what left, what waits, what failed and why."""

    list_display = ["created_at", "to_email", "template", "language", "state", "attempts", "sent_at"]
    list_filter = ["state", "template", "language"]
    search_fields = ["to_email", "subject"]
    date_hierarchy = "created_at"

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def view_on_site(request, content_type_id, object_id):
    """The admin's "View on site" (``/admin/r/<type>/<id>/``), for the objects the user's admin lists hold.

    Django's own redirects for any object that exists and tells an unknown id apart: an object
    out of the user's scope answers exactly as one that does not exist.
    """
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise Http404 from None
    model_admin = admin.site._registry.get(model)
    if model_admin is None or model_admin.get_object(request, object_id) is None:
        raise Http404
    return shortcut(request, content_type_id, object_id)
