from modeltranslation.translator import TranslationOptions, register

from authorities.models import Authority, Country, LegislativeArea, NationalHelpdesk


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)


@register(LegislativeArea)
class LegislativeAreaTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Authority)
class AuthorityTranslation(TranslationOptions):
    fields = ("display_name",)


@register(NationalHelpdesk)
class NationalHelpdeskTranslation(TranslationOptions):
    fields = ("opening_hours",)
