"""The forms of the pages where an authority's LDA manages its national systems (api/views.py)."""

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from api.events import event_types
from api.models import ApiToken, SystemAccount, WebhookEndpoint
from api.services import areas_for_systems

DEFAULT_TOKEN_DAYS = 90


class SystemAccountForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=SystemAccount._meta.get_field("name").max_length,
        help_text=_("The national system that will use this account, as your colleagues know it."),
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Legislative areas"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The account handles the requests of these areas, like a request handler."),
    )

    def __init__(self, *args, authority, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = areas_for_systems(authority).order_by("code")


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=_("Where the token is used, for example the name of the server."),
    )
    scope = forms.ChoiceField(
        label=capfirst(ApiToken._meta.get_field("scope").verbose_name),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        most = settings.IMI_API_TOKEN_MAX_DAYS  # read now: a setting, not a constant of the module
        self.fields["days"] = forms.IntegerField(
            label=_("Days valid"),
            min_value=1,
            max_value=most,
            initial=min(DEFAULT_TOKEN_DAYS, most),
            help_text=_("At most %(days)d days. Issue a new token before this one expires.") % {"days": most},
        )


class WebhookEndpointForm(forms.Form):
    url = forms.URLField(
        label=capfirst(WebhookEndpoint._meta.get_field("url").verbose_name),
        max_length=WebhookEndpoint._meta.get_field("url").max_length,
        assume_scheme="https",
        # The portal signs and sends personal data: never in clear text.
        validators=[URLValidator(schemes=["https"])],
        help_text=_("The HTTPS address of your national system that receives the events."),
    )
    event_types = forms.MultipleChoiceField(
        label=capfirst(WebhookEndpoint._meta.get_field("event_types").verbose_name),
        widget=forms.CheckboxSelectMultiple,
    )
    is_active = forms.BooleanField(
        label=capfirst(WebhookEndpoint._meta.get_field("is_active").verbose_name), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event_types"].choices = event_types()
