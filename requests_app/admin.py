"""Question sets are reference content: superusers edit them, in every language, or import one whole."""

import yaml
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import content_loader
from core.admin_mixins import (
    PREVIEW_EXPIRED,
    PreviewedUpload,
    SuperuserEditsMixin,
    TranslationAdmin,
    TranslationStackedInline,
    UploadForm,
    sha256,
)
from requests_app import question_sets
from requests_app.models import AnswerOption, Question, QuestionSet


class SuperuserInlineMixin:
    def has_view_permission(self, request, obj=None):
        return request.user.is_staff

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class QuestionInline(SuperuserInlineMixin, TranslationStackedInline):
    model = Question
    extra = 0
    fields = ["order", "kind", "text"]
    show_change_link = True


class AnswerOptionInline(SuperuserInlineMixin, TranslationStackedInline):
    # Stacked: an option's text in 24 languages is too wide for a table's row.
    model = AnswerOption
    extra = 0


def question_set_read(content):
    """The data of an uploaded question set file (YAML in UTF-8); a ValidationError says why it is not one."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValidationError(_("The file is not text in UTF-8.")) from error
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ValidationError(
            _("The file is not valid YAML (line %(line)d, column %(column)d).")
            % {"line": mark.line + 1, "column": mark.column + 1}
        ) from error
    except (yaml.YAMLError, RecursionError) as error:
        # RecursionError: lists or mappings nested too deep to read.
        raise ValidationError(_("The file is not valid YAML.")) from error


class QuestionSetUploadForm(UploadForm):
    # A question set in six languages is some tens of kilobytes; the file waits in the session.
    max_bytes = 256 * 1024
    file = forms.FileField(label=gettext_lazy("Question set file (YAML)"))

    def clean_file(self):
        content = super().clean_file()
        self.cleaned_data["data"] = question_set_read(content)
        return content


@admin.register(QuestionSet)
class QuestionSetAdmin(SuperuserEditsMixin, TranslationAdmin):
    list_display = ["code", "name", "legislative_area", "is_active"]
    list_filter = ["legislative_area", "is_active"]
    search_fields = ["code", "name"]
    inlines = [QuestionInline]

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="requests_app_questionset_import"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if self.has_add_permission(request):
            extra_context["question_set_import_url"] = reverse(
                "admin:requests_app_questionset_import", current_app=self.admin_site.name
            )
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        """Upload one question set file, read its preview, confirm: the set is written whole or not at all."""
        # Who may add a question set may import one (SuperuserEditsMixin: superusers).
        if not self.has_add_permission(request):
            raise PermissionDenied
        changelist_url = reverse("admin:requests_app_questionset_changelist", current_app=self.admin_site.name)
        upload = PreviewedUpload(request, "question_set_import")
        form, problems = QuestionSetUploadForm(), content_loader.Problems()
        preview = counts = None
        digest = ""
        if request.method == "POST" and "confirm" in request.POST:
            confirmed = upload.confirmed()
            if confirmed is None:
                self.message_user(request, PREVIEW_EXPIRED, messages.ERROR)
                return redirect(request.path)
            content, name = confirmed
            upload.forget()
            # Checked again: the stored data (an area) may have changed since the preview.
            question_set = question_sets.question_set_check(question_set_read(content), "", problems)
            if question_set is not None:
                is_new = not QuestionSet.objects.filter(code=question_set["code"]).exists()
                counts = question_sets.question_set_import(question_set, dry_run=False)
                message = _("Imported from %(file)s: %(created)d created, %(updated)d updated.") % {
                    "file": name,
                    "created": counts["created"],
                    "updated": counts["updated"],
                }
                log = self.log_addition if is_new else self.log_change
                log(request, QuestionSet.objects.get(code=question_set["code"]), message)
                self.message_user(request, message, messages.SUCCESS)
                return redirect(changelist_url)
        elif request.method == "POST":
            form = QuestionSetUploadForm(request.POST, request.FILES)
            if form.is_valid():
                content = form.cleaned_data["file"]
                question_set = question_sets.question_set_check(form.cleaned_data["data"], "", problems)
                upload.forget()
                if question_set is not None:
                    preview = question_sets.question_set_preview(question_set, language=translation.get_language())
                    counts = question_sets.question_set_import(question_set, dry_run=True)
                    if counts["created"] or counts["updated"]:
                        digest = sha256(content)
                        upload.keep(content, request.FILES["file"].name)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import a question set"),
            "form": form,
            "problems": problems.items,
            "preview": preview,
            "counts": counts,
            "sha256": digest,
            "max_size": QuestionSetUploadForm.max_bytes,
            "changelist_url": changelist_url,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/requests_app/questionset/import.html", context)


@admin.register(Question)
class QuestionAdmin(SuperuserEditsMixin, TranslationAdmin):
    list_display = ["text", "question_set", "kind", "order"]
    list_filter = ["question_set", "kind"]
    search_fields = ["text"]
    inlines = [AnswerOptionInline]
