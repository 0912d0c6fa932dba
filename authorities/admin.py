"""The admin site of coordinators and national helpdesks.

Every queryset is cut to the user's scope (authorities.auth), so an id edited in
the address bar of another country's object is simply not found.
"""

import hashlib
import hmac

from allauth.account.forms import ResetPasswordForm
from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.models import LogEntry
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q, TextField, UniqueConstraint
from django.db.models.functions import Cast
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationAdmin

from authorities import audit, auth, csv_import, services
from authorities.auth import authorities_in_scope, users_in_scope
from authorities.models import Authority, Competence, Country, LegislativeArea, NationalHelpdesk, Role, User
from imi.csv_export import csv_response
from registers.models import Register


class BoundedChangeList(ChangeList):
    """Django's list, which takes a date hierarchy out of the calendar's range for a bad filter.

    Django builds the dates of ``?<field>__year=...`` itself and fails on a year past 9999
    (a ValueError or an OverflowError); a bad filter is answered by the list without it.
    """

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error


class BoundedChangeListMixin:
    def get_changelist(self, request, **kwargs):
        return BoundedChangeList


class StaffAccessMixin(BoundedChangeListMixin):
    """Admin pages open to coordinators and helpdesk staff, not only to holders of Django permissions."""

    def has_module_permission(self, request):
        return request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return request.user.is_staff

    def response_action(self, request, queryset):
        # Django looks the ticked ids up as they are sent; one that is not an id would fail the query.
        for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
            try:
                self.model._meta.pk.to_python(value)
            except ValidationError:
                self.message_user(
                    request, _("The selection was not understood. Select the items again."), messages.ERROR
                )
                return None
        return super().response_action(request, queryset)


class SuperuserEditsMixin(StaffAccessMixin):
    """Reference data everybody in the admin reads and only superusers change."""

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class AutocompleteSelect(admin.widgets.AutocompleteSelect):
    """Django's autocomplete select, which also re-renders a form sent back with a value that is not an id.

    Django's own looks the sent value up as it is, and a value like "abc" fails the query.
    """

    def optgroups(self, name, value, attr=None):
        target = self.field.target_field
        valid = []
        for item in value:
            try:
                target.to_python(item)
            except ValidationError:
                continue
            valid.append(item)
        return super().optgroups(name, valid, attr)


class SafeAutocompleteMixin:
    """Autocomplete fields with the widget above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class StoredRowsUniqueFormSet(BaseInlineFormSet):
    """Inline rows checked against the unique constraints together with the stored rows the page did not send.

    Django checks uniqueness among the rows it receives; a form sent with an altered or stale
    row count leaves stored rows out, and the database would refuse the save with an error page.
    """

    def clean(self):
        super().clean()
        if any(self.errors) or self.instance.pk is None:
            return
        fk = self.fk.name
        sent = [form.instance.pk for form in self.initial_forms if form.instance.pk]
        stored = self.model._default_manager.filter(**{fk: self.instance}).exclude(pk__in=sent)
        for constraint in self.model._meta.constraints:
            if not isinstance(constraint, UniqueConstraint) or constraint.condition or fk not in constraint.fields:
                continue
            others = [field for field in constraint.fields if field != fk]
            taken = set(stored.values_list(*[self.model._meta.get_field(f).attname for f in others]))
            for form in self.forms:
                if (not form.has_changed() and form.instance.pk is None) or self._should_delete_form(form):
                    continue
                key = tuple(getattr(form.cleaned_data.get(f), "pk", form.cleaned_data.get(f)) for f in others)
                if key in taken:
                    raise ValidationError(
                        _("A row repeats one that is already stored. Reload the page and make the change again.")
                    )
                taken.add(key)


class UploadForm(forms.Form):
    """One file of at most ``max_bytes``, read whole: the cleaned ``file`` is its bytes."""

    max_bytes = csv_import.MAX_BYTES
    file = forms.FileField(label=gettext_lazy("File"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise ValidationError(_("The file is larger than %(size)s.") % {"size": filesizeformat(self.max_bytes)})
        return upload.read()


class CsvUploadForm(UploadForm):
    file = forms.FileField(label=gettext_lazy("CSV file"))


def sha256(content):
    return hashlib.sha256(content).hexdigest()


class PreviewedUpload:
    """A file kept in the session between its preview and its confirmation.

    The preview page sends the file's hash back with the confirmation; a file
    changed in between (another preview in another tab) is refused instead of
    written unseen. Only valid UTF-8 files are kept: as text, they encode back
    to the same bytes.
    """

    def __init__(self, request, key):
        self.session = request.session
        self.key = key
        self.sent_hash = request.POST.get("sha256", "")

    def keep(self, content, name):
        self.session[self.key] = {"content": content.decode("utf-8"), "name": name[:200]}

    def confirmed(self):
        """The previewed file's bytes and name if the confirmation is for it; None otherwise."""
        stored = self.session.get(self.key) or {}
        content = stored.get("content", "").encode("utf-8")
        if not stored or not hmac.compare_digest(sha256(content), self.sent_hash):
            return None
        return content, stored.get("name", "")

    def forget(self):
        self.session.pop(self.key, None)


PREVIEW_EXPIRED = gettext_lazy("The file has changed since its preview, or the preview has expired. Upload it again.")


class CsvImportExportMixin:
    """ "Import from CSV" on the changelist (upload, preview, confirm) and "Export selected as CSV".

    The previewed file is kept in the session with its hash; the confirmation
    carries the hash, so a file changed in between (another preview in another
    tab) is refused instead of imported unseen.
    """

    csv_format = None  # a csv_import.CsvFormat

    def _csv_url_name(self):
        opts = self.model._meta
        return f"{opts.app_label}_{opts.model_name}_import_csv"

    def _csv_session_key(self):
        return f"csv_import:{self.model._meta.label_lower}"

    def get_urls(self):
        view = self.admin_site.admin_view(self.csv_import_view)
        return [path("import-csv/", view, name=self._csv_url_name()), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if csv_import.can_import(request.user):
            extra_context["csv_import_url"] = reverse(f"admin:{self._csv_url_name()}", current_app=self.admin_site.name)
        return super().changelist_view(request, extra_context)

    @admin.action(description=gettext_lazy("Export selected as CSV"))
    def export_csv(self, request, queryset):
        csv_format = self.csv_format(request.user)
        return csv_response(
            filename=f"{csv_format.filename}-{timezone.localdate():%Y-%m-%d}.csv",
            header=csv_format.columns,
            rows=csv_format.export_rows(queryset),
        )

    def csv_import_view(self, request):
        if not csv_import.can_import(request.user):
            raise PermissionDenied
        opts = self.model._meta
        key = self._csv_session_key()
        csv_format = self.csv_format(request.user)
        changelist_url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_changelist", current_app=self.admin_site.name
        )
        form, result, digest = CsvUploadForm(), None, ""
        upload = PreviewedUpload(request, key)
        if request.method == "POST" and "confirm" in request.POST:
            confirmed = upload.confirmed()
            if confirmed is None:
                self.message_user(request, PREVIEW_EXPIRED, messages.ERROR)
                return redirect(request.path)
            content, name = confirmed
            digest = sha256(content)
            result = csv_format.run(content, dry_run=False)
            # Imported, or the stored data changed since the preview: then what is wrong now is shown.
            upload.forget()
            if result.is_valid:
                self.message_user(
                    request,
                    _("Imported from %(file)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
                    % {
                        "file": name,
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                    },
                    messages.SUCCESS,
                )
                return redirect(changelist_url)
        elif request.method == "POST":
            form = CsvUploadForm(request.POST, request.FILES)
            if form.is_valid():
                content = form.cleaned_data["file"]
                result = csv_format.run(content, dry_run=True)
                digest = sha256(content)
                if result.is_valid and result.has_changes:
                    upload.keep(content, request.FILES["file"].name)
                else:
                    upload.forget()
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": _("Import %(name)s from CSV") % {"name": opts.verbose_name_plural},
            "form": form,
            "result": result,
            "sha256": digest,
            "columns": csv_format.columns,
            "required_columns": csv_format.required,
            "matched_by": csv_format.matched_by,
            "max_size": csv_import.MAX_BYTES,
            "changelist_url": changelist_url,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/csv_import.html", context)


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


class CompetenceInline(SafeAutocompleteMixin, admin.TabularInline):
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
            if not auth.can_change_status_of(request.user, authority):
                refused.append(authority.name)
                continue
            authority.status = status
            authority.save(update_fields=["status", "updated_at"])
            audit.record(actor=request.user, obj=authority, message=done_message)
            changed += 1
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


class RoleInline(admin.TabularInline):
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
            form = ResetPasswordForm(data={"email": user.email})
            if form.is_valid():
                form.save(request)
                audit.record(actor=request.user, obj=user, message=_("Password reset e-mail sent."))
        if users:
            self.message_user(request, _("Password reset e-mails have been sent."), messages.SUCCESS)

    @admin.action(description=gettext_lazy("Reset the authenticator app (MFA)"))
    def reset_mfa(self, request, queryset):
        users = self._refuse_accounts_beyond_reach(request, queryset)
        for user in users:
            deleted, _details = Authenticator.objects.filter(user=user).delete()
            if deleted:
                audit.record(actor=request.user, obj=user, message=_("Authenticator app reset."))
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


@admin.register(LogEntry)
class ChangeLogAdmin(StaffAccessMixin, admin.ModelAdmin):
    """Who changed what and when, for the objects of the viewer's scope."""

    list_display = ["action_time", "user", "content_type", "object_repr", "change_message"]
    list_filter = ["content_type"]
    search_fields = ["object_repr", "user__full_name", "user__email"]
    list_select_related = ["user", "content_type"]
    date_hierarchy = "action_time"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset

        def ids_of(scope):
            return scope.annotate(text_pk=Cast("pk", TextField())).values("text_pk")

        return queryset.filter(
            Q(
                content_type=ContentType.objects.get_for_model(User),
                object_id__in=ids_of(users_in_scope(request.user)),
            )
            | Q(
                content_type=ContentType.objects.get_for_model(Authority),
                object_id__in=ids_of(authorities_in_scope(request.user)),
            )
            | Q(
                content_type=ContentType.objects.get_for_model(Register),
                object_id__in=ids_of(
                    Register.objects.filter(authority__in=authorities_in_scope(request.user).values("pk"))
                ),
            )
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
