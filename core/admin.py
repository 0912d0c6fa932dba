from django.contrib import admin, messages
from django.utils.translation import gettext_lazy, ngettext
from modeltranslation.admin import TranslationAdmin

from core import mail
from core.admin_mixins import BoundedChangeListMixin, ReadOnlyMixin, SuperuserEditsMixin
from core.models import HelpPage, OutboxMessage


@admin.register(HelpPage)
class HelpPageAdmin(SuperuserEditsMixin, TranslationAdmin):
    """Training materials and contacts, edited per language."""

    list_display = ["title", "slug", "order"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyMixin, BoundedChangeListMixin, admin.ModelAdmin):
    """The mail queue, read-only, for superusers: what left, what waits, what failed and why."""

    list_display = ["created_at", "to_email", "template", "language", "state", "attempts", "sent_at", "failed_at"]
    list_filter = ["state", "template", "language"]
    search_fields = ["to_email", "subject"]
    date_hierarchy = "created_at"
    actions = ["send_again"]

    @admin.action(description=gettext_lazy("Send the failed mails again"))
    def send_again(self, request, queryset):
        # The same as the button on the page of failed mails: a fresh count of attempts, delivered after the commit.
        count = mail.send_again(messages=queryset.filter(recipient__is_active=True))
        self.message_user(
            request,
            ngettext("%(count)d failed mail will be sent again.", "%(count)d failed mails will be sent again.", count)
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser
