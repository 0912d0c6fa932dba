"""National systems in the admin: coordinators and superusers read the system accounts and webhook endpoints
of the authorities in their scope, create an account for one of them, issue its tokens and revoke it. The
authority's LDAs manage them in the portal (api/views.py). Every change goes through ``api.services``.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from api import services
from api.events import event_types
from api.forms import SystemAccountForm, TokenForm
from api.models import ApiToken, SystemAccount, WebhookEndpoint
from authorities.auth import authorities_in_scope
from authorities.models import Authority, LegislativeArea
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


class SystemAccountAddForm(forms.ModelForm):
    """A coordinator's new system account: an authority of the scope, a name, areas it is competent for."""

    areas = forms.ModelMultipleChoiceField(
        label=SystemAccountForm.base_fields["areas"].label,
        help_text=SystemAccountForm.base_fields["areas"].help_text,
        queryset=LegislativeArea.objects.order_by("code"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = SystemAccount
        fields = ["authority", "name"]
        help_texts = {"name": SystemAccountForm.base_fields["name"].help_text}

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = scope.filter(status=Authority.Status.VALIDATED).order_by("official_name")

    def clean(self):
        cleaned = super().clean()
        authority, areas = cleaned.get("authority"), cleaned.get("areas")
        if authority is not None and areas is not None:
            competent = set(services.areas_for_systems(authority).values_list("pk", flat=True))
            if any(area.pk not in competent for area in areas):
                self.add_error("areas", _("Choose areas the authority is competent for."))
        return cleaned


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
    change_form_template = "admin/api/systemaccount/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(authority__in=authorities_in_scope(request.user).values("pk"))

    # Adding: a coordinator (or superuser) creates an account for an authority of the scope, through the service.

    def has_add_permission(self, request):
        return self._may_read(request)

    def get_fields(self, request, obj=None):
        return ["authority", "name", "areas"] if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_inlines(self, request, obj):
        return [] if obj is None else self.inlines

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            return super().get_form(request, obj, change=change, **kwargs)
        scope = authorities_in_scope(request.user)

        class AddForm(SystemAccountAddForm):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, scope=scope, **form_kwargs)

        return AddForm

    def save_model(self, request, obj, form, change):
        if change:
            return  # nothing of an account is changed here
        account = services.system_account_create(
            actor=request.user,
            authority=form.cleaned_data["authority"],
            name=form.cleaned_data["name"],
            areas=form.cleaned_data["areas"],
        )
        obj.pk, obj.user_id, obj._state.adding = account.pk, account.user_id, False

    def save_related(self, request, form, formsets, change):
        pass  # the service wrote the account and its roles

    def log_addition(self, request, obj, message):
        pass  # the service recorded it in the change log, as it does for an LDA

    def response_add(self, request, obj, post_url_continue=None):
        """Straight on to the account's first token, as on the LDA's pages."""
        self.message_user(
            request, _("The system account %(name)s has been created.") % {"name": obj.name}, messages.SUCCESS
        )
        return redirect("admin:api_systemaccount_token", obj.pk)

    # Issuing a token: shown once, on the answer to the form.

    def get_urls(self):
        view = self.admin_site.admin_view(self.token_view)
        return [path("<path:object_id>/token/", view, name="api_systemaccount_token"), *super().get_urls()]

    def token_view(self, request, object_id):
        account = self.get_object(request, object_id)
        if account is None or account.is_revoked or not self._may_read(request):
            raise Http404
        form = TokenForm(request.POST if request.method == "POST" else None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "account": account,
            "form": form,
            "title": _("New token for %(name)s") % {"name": account.name},
        }
        if request.method == "POST" and form.is_valid():
            try:
                row, token = services.token_issue(actor=request.user, account=account, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return render(request, "admin/api/systemaccount/token.html", {**context, "row": row, "token": token})
        return render(request, "admin/api/systemaccount/token.html", context)

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
