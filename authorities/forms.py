from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from authorities.models import Authority, Country, LegislativeArea, Role, User
from authorities.selectors import countries_by_name
from core.forms import DateInput, LanguageSelect


class CountryChoiceField(forms.ModelChoiceField):
    """A choice of country, listed by name in the order of the reader's alphabet (the language of each form)."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Country.objects.all(), **kwargs)

    def __deepcopy__(self, memo):
        # Each form gets its own copy of the field, made in the reader's language.
        result = super().__deepcopy__(memo)
        result.queryset = countries_by_name()
        return result


class AuthorityForm(forms.ModelForm):
    """What an LDA keeps current. Name, country, status and competences are the coordinator's."""

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Authority
        fields = ["acronym", "city", "address", "email", "phone", "website", "languages"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, _name in settings.LANGUAGES:
            field = f"display_name_{code}"
            self.fields[field] = forms.CharField(
                label=_("Name in %(language)s") % {"language": translation.get_language_info(code)["name_translated"]},
                required=False,
                max_length=300,
                initial=getattr(self.instance, field),
                # Typed in that language: a screen reader and a spelling checker read it so (WCAG 3.1.2).
                widget=forms.TextInput(attrs={"lang": code}),
            )
        self.competences = list(self.instance.competences.select_related("legislative_area"))
        for competence in self.competences:
            self.fields[f"keywords_{competence.pk}"] = forms.CharField(
                label=_("Competence keywords: %(area)s") % {"area": competence.legislative_area},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=competence.keywords,
                help_text=_("Professions, activities or topics, separated by commas."),
            )

    def authority_data(self):
        data = {field: self.cleaned_data[field] for field in self.Meta.fields}
        data.update(
            {f"display_name_{code}": self.cleaned_data[f"display_name_{code}"] for code, _ in settings.LANGUAGES}
        )
        return data

    def competence_keywords(self):
        return {c: self.cleaned_data[f"keywords_{c.pk}"] for c in self.competences}


class InviteForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    preferred_language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        widget=LanguageSelect,
        help_text=_("The invitation and the portal will be in this language."),
    )
    is_lda = forms.BooleanField(label=_("Local data administrator"), required=False)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("A user with this e-mail address is already registered."))
        return email


class RolesForm(forms.Form):
    """The user's roles, one group of checkboxes per legislative area of the authority."""

    is_lda = forms.BooleanField(
        label=_("Local data administrator"),
        required=False,
        help_text=_("Keeps the authority's data, users and backups up to date."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.areas = list(user.authority.legislative_areas.order_by("code"))
        current = {}
        for role in user.roles.all():
            current.setdefault(role.legislative_area_id, []).append(role.kind)
        self.fields["is_lda"].initial = user.is_lda
        for area in self.areas:
            self.fields[f"area_{area.pk}"] = forms.MultipleChoiceField(
                label=area.name,
                choices=Role.Kind.choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                initial=current.get(area.pk, []),
            )

    def roles(self):
        return [(area, kind) for area in self.areas for kind in self.cleaned_data[f"area_{area.pk}"]]


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, widget=LanguageSelect)
    wants_digest = forms.BooleanField(
        label=_("One daily digest instead of an e-mail per event"),
        required=False,
        help_text=_("Urgent reminders (overdue requests) still come at once."),
    )


class BackupsForm(forms.Form):
    backups = forms.ModelMultipleChoiceField(
        label=_("Colleagues who cover for me"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("While you are absent, your tasks and e-mails also go to them."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["backups"].queryset = (
            User.objects.people()
            .filter(authority_id=user.authority_id, is_active=True)
            .exclude(pk=user.pk)
            .order_by("full_name")
        )
        self.fields["backups"].initial = list(user.backup_links.values_list("backup_id", flat=True))


class AbsenceForm(forms.Form):
    absent_from = forms.DateField(label=_("First day of absence"), required=False, widget=DateInput())
    absent_until = forms.DateField(label=_("Last day of absence"), required=False, widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("absent_from"), cleaned.get("absent_until")
        if (start is None) != (end is None):
            raise forms.ValidationError(_("Give both the first and the last day of the absence, or neither."))
        if start and end and end < start:
            self.add_error("absent_until", _("The absence cannot end before it starts."))
        return cleaned


class DirectorySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, city or competence"),
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
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *Authority.Status.choices],
        initial=Authority.Status.VALIDATED,
    )
