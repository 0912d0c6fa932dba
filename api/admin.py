"""National systems in the admin: coordinators and superusers read the system accounts and webhook endpoints
of the authorities in their scope, and revoke an account. The authority's LDAs manage them in the portal.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from api import services
from api.events import event_types
from api.models import ApiToken, SystemAccount, WebhookEndpoint
from authorities.auth import authorities_in_scope
from core.admin_mixins import ReadOnlyMixin, StaffAccessMixin


class CoordinatorsReadMixin(ReadOnlyMixin, StaffAccessMixin):
    """Read by the coordinators and superusers whose scope holds the authority; changed only through the services."""

    def _may_read(self, request):
        return request.user.is_superuser or request.user.is_coordinator

    def has_module_permission(self, request):
        return self._may_read(request)

    def has_view_permission(self, request, obj=None):
        return self._may_read(request)


class ApiTokenInline(admin.TabularInline):
    model = ApiToken
    extra = 0
    can_delete = False
    # Never the hash: the prefix is what the LDA sees of a token too.
    fields = ["name", "scope", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at"]
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or request.user.is_coordinator

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SystemAccount)
class SystemAccountAdmin(CoordinatorsReadMixin, admin.ModelAdmin):
    list_display = ["name", "authority", "created_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "authority__official_name", "authority__acronym"]
    list_select_related = ["authority"]
    fields = ["name", "authority", "created_by", "created_at", "revoked_at"]
    readonly_fields = fields
    inlines = [ApiTokenInline]
    actions = ["revoke"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(authority__in=authorities_in_scope(request.user).values("pk"))

    @admin.action(description=gettext_lazy("Revoke the selected system accounts"))
    def revoke(self, request, queryset):
        done = False
        for account in queryset.filter(revoked_at__isnull=True).select_related("authority"):
            try:
                services.system_account_revoke(actor=request.user, account=account)
            except ValidationError as error:
                self.message_user(request, f"{account}: {' '.join(error.messages)}", messages.ERROR)
            else:
                done = True
        if done:
            self.message_user(request, _("The selected system accounts have been revoked."), messages.SUCCESS)


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(CoordinatorsReadMixin, admin.ModelAdmin):
    list_display = ["url", "authority", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["url", "authority__official_name", "authority__acronym"]
    list_select_related = ["authority"]
    # Never the signing secret: it is the LDA's, shown on the endpoint's page in the portal.
    fields = ["url", "authority", "events", "is_active", "created_by", "created_at"]
    readonly_fields = fields

    @admin.display(description=WebhookEndpoint._meta.get_field("event_types").verbose_name)
    def events(self, obj):
        labels = dict(event_types())
        return ", ".join(str(labels.get(event_type, event_type)) for event_type in obj.event_types)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(authority__in=authorities_in_scope(request.user).values("pk"))
