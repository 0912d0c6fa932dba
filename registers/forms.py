from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from authorities.forms import CountryChoiceField
from authorities.models import WORKING_LANGUAGES, LegislativeArea


class WebAddressField(forms.URLField):
    """A web page's address: http or https only, the schemes the link checker visits."""

    default_validators = [URLValidator(schemes=["http", "https"])]

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class RegisterForm(forms.Form):
    url = WebAddressField(label=_("Web address"), max_length=500)
    coverage = forms.CharField(
        label=_("What it covers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Professions and service activities, separated by commas."),
    )
    legislative_areas = forms.ModelMultipleChoiceField(
        label=_("Legislative areas"), queryset=LegislativeArea.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    is_public_and_free = forms.BooleanField(label=_("Public and free of charge"), required=False, initial=True)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=WORKING_LANGUAGES, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, authority, register=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legislative_areas"].queryset = authority.legislative_areas.order_by("code")
        for code, _name in settings.LANGUAGES:
            language = translation.get_language_info(code)["name_translated"]
            # Each typed in its language: a screen reader and a spelling checker read it so (WCAG 3.1.2).
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Name in %(language)s") % {"language": language},
                required=False,
                max_length=300,
                widget=forms.TextInput(attrs={"lang": code}),
            )
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description in %(language)s") % {"language": language},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "lang": code}),
            )
        if register is not None:
            for name in self.fields:
                if name == "legislative_areas":
                    self.initial[name] = list(register.legislative_areas.values_list("pk", flat=True))
                else:
                    self.initial[name] = getattr(register, name)

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"name_{code}") for code, _language in settings.LANGUAGES):
            self.add_error("name_en", _("Give the register a name in at least one language."))
        return cleaned


class RegisterSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Register, profession or activity"),
        required=False,
        max_length=100,
        help_text=_("In any language. Accents and small typing mistakes do not matter."),
    )
    country = CountryChoiceField(label=_("Country"), required=False, empty_label=_("Any country"))
    area = forms.ModelChoiceField(
        label=_("Legislative area"),
        queryset=LegislativeArea.objects.all(),
        required=False,
        empty_label=_("Any area"),
    )
