"""The admin site of coordinators and national helpdesks.

Every queryset is cut to the user's scope (authorities.auth), so an id edited in
the address bar of another country's object is simply not found.
"""

from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from authorities import auth, csv_import, services
from authorities.auth import authorities_in_scope, users_in_scope
from authorities.models import Authority, Competence, Country, LegislativeArea, NationalHelpdesk, Role, User
from authorities.selectors import new_user_language
from core.admin_mixins import (
    CsvImportExportMixin,
    NamedCellsInlineMixin,
    SafeAutocompleteMixin,
    StaffAccessMixin,
    StoredRowsUniqueFormSet,
    SuperuserEditsMixin,
    TranslationAdmin,
)
from core.forms import LanguageSelect


@admin.register(Country)
class CountryAdmin(SuperuserEditsMixin, TranslationAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(LegislativeArea)
class LegislativeAreaAdmin(SuperuserEditsMixin, TranslationAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(NationalHelpdesk)
class NationalHelpdeskAdmin(StaffAccessMixin, TranslationAdmin):
    list_display = ["country", "email", "phone"]

    def _own_country(self, request):
        user = request.user
        if user.is_helpdesk_staff:
            return user.helpdesk_country_id
        if user.is_coordinator and user.authority.coordinator_type == Authority.CoordinatorType.NATIONAL:
            return user.authority.country_id
        return None

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        country = self._own_country(request)
        return country is not None and (obj is None or obj.country_id == country)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        return [] if request.user.is_superuser else ["country"]


class CompetenceInline(NamedCellsInlineMixin, SafeAutocompleteMixin, admin.TabularInline):
    model = Competence
    formset = StoredRowsUniqueFormSet
    extra = 0
    autocomplete_fields = ["legislative_area"]

    def has_view_permission(self, request, obj=None):
        return request.user.is_staff

    def _may_change(self, request, obj):
        return request.user.is_superuser or (request.user.is_coordinator and obj is not None)

    def has_add_permission(self, request, obj=None):
        return self._may_change(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_change(request, obj)


@admin.register(Authority)
class AuthorityAdmin(CsvImportExportMixin, StaffAccessMixin, TranslationAdmin):
    list_display = ["official_name", "acronym", "country", "city", "status", "coordinator_type"]
    list_filter = ["status", "coordinator_type", "country"]
    search_fields = ["official_name", "display_name", "acronym", "city"]
    list_select_related = ["country"]
    inlines = [CompetenceInline]
    actions = ["validate", "suspend", "export_csv"]
    csv_format = csv_import.AuthorityCsv
    fieldsets = [
        (None, {"fields": ["official_name", "display_name", "acronym", "country", "status"]}),
        (gettext_lazy("Contact"), {"fields": ["city", "address", "email", "phone", "website", "languages"]}),
        (gettext_lazy("Coordination"), {"fields": ["coordinator_type", "coordinated_areas"]}),
    ]
    filter_horizontal = ["coordinated_areas"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # Authority.get_absolute_url is the viewer's own authority page, not this one.
    view_on_site = False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=authorities_in_scope(request.user).values("pk"))

    def has_add_permission(self, request):
        return request.user.is_superuser or request.user.is_coordinator

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser or request.user.is_coordinator

    def has_delete_permission(self, request, obj=None):
        # Authorities are deactivated, not deleted: their requests keep pointing at them.
        return False

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return []
        readonly = ["coordinator_type", "coordinated_areas"]
        if obj is not None and not auth.can_change_status_of(request.user, obj):
            readonly.append("status")
        return readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "country" and not request.user.is_superuser:
            kwargs["queryset"] = auth.countries_in_scope(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The competences (an inline) are saved only now: the search document needs them.
        services.authority_search_refresh(authorities=Authority.objects.filter(pk=form.instance.pk))

    def _set_status(self, request, queryset, status, done_message):
        refused, changed = [], 0
        for authority in queryset.exclude(status=status):
            if services.authority_status_set(
                actor=request.user, authority=authority, status=status, message=done_message
            ):
                changed += 1
            else:
                refused.append(authority.name)
        if refused:
            self.message_user(
                request,
                _("Only a superuser changes the status of a coordinator authority. Left unchanged: %(names)s.")
                % {"names": ", ".join(refused)},
                messages.ERROR,
            )
        if changed or not refused:
            self.message_user(request, done_message, messages.SUCCESS)

    @admin.action(description=gettext_lazy("Validate the selected authorities"))
    def validate(self, request, queryset):
        self._set_status(request, queryset, Authority.Status.VALIDATED, _("Validated."))

    @admin.action(description=gettext_lazy("Suspend the selected authorities"))
    def suspend(self, request, queryset):
        self._set_status(request, queryset, Authority.Status.SUSPENDED, _("Suspended."))

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not (request.user.is_superuser or request.user.is_coordinator):
            actions.pop("validate", None)
            actions.pop("suspend", None)
        return actions


class RoleInline(NamedCellsInlineMixin, admin.TabularInline):
    model = Role
    formset = StoredRowsUniqueFormSet
    extra = 0

    def has_view_permission(self, request, obj=None):
        return request.user.is_staff

    def has_add_permission(self, request, obj=None):
        return request.user.is_staff

    def has_change_permission(self, request, obj=None):
        return request.user.is_staff

    def has_delete_permission(self, request, obj=None):
        return request.user.is_staff


class UserInviteForm(forms.ModelForm):
    actor = None  # the user filling the form in, set by UserAdmin.get_form

    class Meta:
        model = User
        fields = ["full_name", "email", "preferred_language", "authority", "is_lda"]
        widgets = {"preferred_language": LanguageSelect}

    def clean_authority(self):
        authority = self.cleaned_data.get("authority")
        if not auth.can_invite_to(self.actor, authority):
            raise ValidationError(_("You cannot register users in this authority."))
        return authority

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("A user with this e-mail address is already registered."))
        return email


class UserChangeForm(forms.ModelForm):
    """A user's details. A move, a new login address and a (de)activation are checked here by the
    services' own checks (the instance is still the stored user), so a refused change saves nothing else.
    """

    actor = None  # the user filling the form in, set by UserAdmin.get_form

    class Meta:
        model = User
        fields = [
            "full_name",
            "email",
            "phone",
            "preferred_language",
            "authority",
            "is_lda",
            "is_active",
            "helpdesk_country",
            "is_superuser",
            "absent_from",
            "absent_until",
        ]
        widgets = {"preferred_language": LanguageSelect}

    def clean_authority(self):
        authority = self.cleaned_data.get("authority")
        if authority != self.instance.authority:
            services.user_move_check(actor=self.actor, user=self.instance, authority=authority)
        return authority

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email != self.instance.email.lower():
            services.user_email_change_check(actor=self.actor, user=self.instance, email=email)
        return email

    def clean_is_active(self):
        is_active = self.cleaned_data["is_active"]
        if is_active != self.instance.is_active:
            services.user_active_check(actor=self.actor, user=self.instance, is_active=is_active)
        return is_active


@admin.register(User)
class UserAdmin(StaffAccessMixin, admin.ModelAdmin):
    list_display = ["full_name", "email", "authority", "is_lda", "is_active", "last_login"]
    list_filter = ["is_active", "is_lda", "authority__country"]
    search_fields = ["full_name", "email", "authority__official_name"]
    list_select_related = ["authority"]
    inlines = [RoleInline]
    actions = ["send_password_reset", "reset_mfa", "deactivate", "reactivate"]
    add_form = UserInviteForm

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=users_in_scope(request.user).values("pk"))

    def get_fields(self, request, obj=None):
        if obj is None:
            return UserInviteForm.Meta.fields
        fields = ["full_name", "email", "phone", "preferred_language", "authority", "is_lda", "is_active"]
        if auth.can_grant_rights(request.user):
            fields += ["helpdesk_country", "is_superuser"]
        return fields + ["absent_from", "absent_until", "last_login", "date_joined", "mfa_status"]

    def get_readonly_fields(self, request, obj=None):
        readonly = ["last_login", "date_joined", "mfa_status"]
        if obj is None or auth.can_grant_rights(request.user):
            return readonly
        # A login address is where password resets go: a superuser's to change (auth.can_change_login_address).
        readonly.append("email")
        if auth.holds_rights_beyond_an_authority(obj):
            # The account of a coordinator or a helpdesk member is in a superuser's hands.
            readonly += ["authority", "is_lda", "is_active"]
        return readonly

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("preferred_language", new_user_language(invited_by=request.user))
        return initial

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = self.add_form if obj is None else UserChangeForm
        form = super().get_form(request, obj, **kwargs)
        form.actor = request.user  # a class made for this request by modelform_factory
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "authority":
            # Coordinator authorities are offered to superusers only: their users are coordinators.
            kwargs["queryset"] = auth.authorities_open_to_placement_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return request.user.is_staff

    def has_change_permission(self, request, obj=None):
        return request.user.is_staff

    def has_delete_permission(self, request, obj=None):
        # Users are deactivated, never deleted.
        return False

    @admin.display(description=gettext_lazy("Authenticator app"))
    def mfa_status(self, obj):
        if Authenticator.objects.filter(user=obj, type=Authenticator.Type.TOTP).exists():
            return _("Set up")
        return _("Not set up")

    def save_model(self, request, obj, form, change):
        if not change:
            user = services.user_invite(invited_by=request.user, **form.cleaned_data)
            obj.pk = user.pk
            return
        # UserChangeForm has checked these with the services' checks; the services make them.
        changed = form.changed_data
        new_email, new_authority, new_active = obj.email, obj.authority, obj.is_active
        if "email" in changed:
            obj.email = form.initial["email"]
        if "authority" in changed:
            obj.authority_id = form.initial["authority"]
        if "is_active" in changed:
            obj.is_active = form.initial["is_active"]
        super().save_model(request, obj, form, change)
        if "email" in changed:
            services.user_email_change(actor=request.user, user=obj, email=new_email)
        if "authority" in changed:
            services.user_move(actor=request.user, user=obj, authority=new_authority)
        if "is_active" in changed:
            change_activity = services.user_reactivate if new_active else services.user_deactivate
            change_activity(actor=request.user, user=obj)

    def _refuse_accounts_beyond_reach(self, request, queryset):
        """The users of the selection the actor may act on; says which were left out (auth.can_manage_account)."""
        users = list(queryset.select_related("authority"))
        allowed = [user for user in users if auth.can_manage_account(request.user, user)]
        refused = [user for user in users if user not in allowed]
        if refused:
            self.message_user(
                request,
                _(
                    "Only a superuser manages the account of a coordinator, a helpdesk member or a superuser. "
                    "Left unchanged: %(names)s."
                )
                % {"names": ", ".join(str(user) for user in refused)},
                messages.ERROR,
            )
        return allowed

    @admin.action(description=gettext_lazy("Send a password reset e-mail"))
    def send_password_reset(self, request, queryset):
        users = self._refuse_accounts_beyond_reach(request, queryset.filter(is_active=True))
        for user in users:
            services.user_password_reset_send(actor=request.user, user=user, http_request=request)
        if users:
            self.message_user(request, _("Password reset e-mails have been sent."), messages.SUCCESS)

    @admin.action(description=gettext_lazy("Reset the authenticator app (MFA)"))
    def reset_mfa(self, request, queryset):
        users = self._refuse_accounts_beyond_reach(request, queryset)
        for user in users:
            services.user_authenticators_reset(actor=request.user, user=user)
        if users:
            self.message_user(
                request, _("The selected users will set up their authenticator app again."), messages.SUCCESS
            )

    def _set_active(self, request, queryset, change_activity, done_message):
        done = False
        for user in queryset.select_related("authority"):
            try:
                change_activity(actor=request.user, user=user)
            except ValidationError as error:
                self.message_user(request, f"{user}: {' '.join(error.messages)}", messages.ERROR)
            else:
                done = True
        if done:
            self.message_user(request, done_message, messages.SUCCESS)

    @admin.action(description=gettext_lazy("Deactivate the selected users"))
    def deactivate(self, request, queryset):
        self._set_active(request, queryset, services.user_deactivate, _("The selected users have been deactivated."))

    @admin.action(description=gettext_lazy("Reactivate the selected users"))
    def reactivate(self, request, queryset):
        self._set_active(request, queryset, services.user_reactivate, _("The selected users have been reactivated."))
