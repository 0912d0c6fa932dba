from modeltranslation.translator import TranslationOptions, register

from imi.models import HelpPage


@register(HelpPage)
class HelpPageTranslation(TranslationOptions):
    fields = ("title", "body")
