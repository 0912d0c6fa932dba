from modeltranslation.translator import TranslationOptions, register

from requests_app.models import AnswerOption, Question, QuestionSet


@register(QuestionSet)
class QuestionSetTranslation(TranslationOptions):
    fields = ("name",)


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text",)


@register(AnswerOption)
class AnswerOptionTranslation(TranslationOptions):
    fields = ("text",)
