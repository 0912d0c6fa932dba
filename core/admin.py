from django.contrib import admin, messages
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html
from django.utils.translation import gettext_lazy, ngettext

from core import mail
from core.admin_mixins import BoundedChangeListMixin, ReadOnlyMixin, SuperuserEditsMixin, TranslationAdmin
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
    # The mail as the recipient read it, marked with its language (the recipient's, not the reader's).
    fields = [
        "recipient",
        "to_email",
        "template",
        "language",
        "state",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "failed_at",
        "seen_at",
        "seen_by",
        "link",
        "mail_subject",
        "mail_text",
        "mail_html",
    ]
    readonly_fields = ["mail_subject", "mail_text", "mail_html"]

    @admin.display(description=gettext_lazy("subject"))
    def mail_subject(self, obj):
        return format_html('<span lang="{}">{}</span>', obj.language, obj.subject)

    @admin.display(description=gettext_lazy("text"))
    def mail_text(self, obj):
        return format_html('<div lang="{}">{}</div>', obj.language, linebreaksbr(obj.body_text))

    @admin.display(description=gettext_lazy("text as HTML"))
    def mail_html(self, obj):
        return format_html('<pre lang="{}">{}</pre>', obj.language, obj.body_html)

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
