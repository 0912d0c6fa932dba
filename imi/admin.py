from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from authorities.admin import SuperuserEditsMixin
from imi.models import HelpPage, OutboxMessage


@admin.register(HelpPage)
class HelpPageAdmin(SuperuserEditsMixin, TranslationAdmin):
    """Training materials and contacts, edited per language."""

    list_display = ["title", "slug", "order"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
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
