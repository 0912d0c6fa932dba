"""Question sets are reference content: superusers edit them, in every language."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline

from core.admin_mixins import SuperuserEditsMixin
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


class AnswerOptionInline(SuperuserInlineMixin, TranslationTabularInline):
    model = AnswerOption
    extra = 0


@admin.register(QuestionSet)
class QuestionSetAdmin(SuperuserEditsMixin, TranslationAdmin):
    list_display = ["code", "name", "legislative_area", "is_active"]
    list_filter = ["legislative_area", "is_active"]
    search_fields = ["code", "name"]
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(SuperuserEditsMixin, TranslationAdmin):
    list_display = ["text", "question_set", "kind", "order"]
    list_filter = ["question_set", "kind"]
    search_fields = ["text"]
    inlines = [AnswerOptionInline]
