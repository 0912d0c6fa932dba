"""What the portal's admin pages share: scoped, hardened lists and forms, and CSV import and export.

Which objects a user's admin lists hold is each app's rule (``authorities.auth``
and the like); these mixins only give every page the same shape.
"""

import hashlib
import hmac

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import UniqueConstraint
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation import admin as modeltranslation_admin

from core.csv_export import csv_response
from core.csv_import import MAX_BYTES


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


class ReadOnlyMixin:
    """Records nobody adds, changes or deletes in the admin (the outbox, the change log): they are only read."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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


class NamedCellsInlineMixin:
    """A tabular inline whose cells a screen reader can name.

    Django's table names each column in its header only; the fields in the rows have no label
    (axe: ``select-name``, ``label``). Each field gets its column's name, the delete box "Delete".
    """

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        for field in formset.form.base_fields.values():  # a form class made for this request
            field.widget.attrs.setdefault("aria-label", capfirst(field.label))

        class NamedCellsFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                if "DELETE" in form.fields:
                    form.fields["DELETE"].widget.attrs["aria-label"] = gettext_lazy("Delete")

        return NamedCellsFormSet


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

    max_bytes = MAX_BYTES
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

    csv_format = None  # a CsvFormat: columns, required, matched_by, filename, can_import(user), run(), export_rows()

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
        if self.csv_format.can_import(request.user):
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
        if not self.csv_format.can_import(request.user):
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
            "max_size": MAX_BYTES,
            "changelist_url": changelist_url,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/csv_import.html", context)


class LanguageMarkedFieldsMixin:
    """Each field of a translated text (``name_de``, ``body_el``...) marked as written in its language, so that
    a screen reader and a spelling checker read it so (WCAG 3.1.2), and an admin page in one language does not
    pass its other languages' texts for its own. For modeltranslation's admin classes and inlines."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = getattr(db_field, "language", None)
        if field is not None and language:
            field.widget.attrs["lang"] = language
        return field


class TranslationAdmin(LanguageMarkedFieldsMixin, modeltranslation_admin.TranslationAdmin):
    pass


class TranslationStackedInline(LanguageMarkedFieldsMixin, modeltranslation_admin.TranslationStackedInline):
    pass
