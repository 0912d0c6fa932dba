from modeltranslation.translator import TranslationOptions, register

from core.models import HelpPage


@register(HelpPage)
class HelpPageTranslation(TranslationOptions):
    fields = ("title", "body")
