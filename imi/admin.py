from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404
from django.utils.translation import gettext_lazy, ngettext
from modeltranslation.admin import TranslationAdmin

from authorities.admin import BoundedChangeListMixin, SuperuserEditsMixin
from imi import mail
from imi.models import HelpPage, OutboxMessage


@admin.register(HelpPage)
class HelpPageAdmin(SuperuserEditsMixin, TranslationAdmin):
    """Training materials and contacts, edited per language."""

    list_display = ["title", "slug", "order"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(BoundedChangeListMixin, admin.ModelAdmin):
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
