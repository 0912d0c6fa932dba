from modeltranslation.translator import TranslationOptions, register

from registers.models import Register


@register(Register)
class RegisterTranslation(TranslationOptions):
    fields = ("name", "description")
