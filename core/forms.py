from django import forms
from django.forms.renderers import TemplatesSetting


class DateInput(forms.DateInput):
    """The browser's date picker; its value is always ISO 8601, whatever the page's language."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class LanguageSelect(forms.Select):
    """A choice of languages, each named in itself ("Dansk", "Eesti") and marked as written in it, so
    that a screen reader reads each name in its own language (WCAG 3.1.2, language of parts)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option


class EclBoundField(forms.BoundField):
    """Gives each widget the ECL classes for its kind and state."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        invalid = bool(self.errors)
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
            css = "ecl-checkbox__input"
        elif isinstance(widget, forms.RadioSelect):
            css = "ecl-radio__input"
        elif isinstance(widget, forms.Select):
            css = "ecl-select"
        elif isinstance(widget, forms.Textarea):
            css = "ecl-text-area ecl-text-area--l" + (" ecl-text-area--invalid" if invalid else "")
        else:
            css = "ecl-text-input ecl-text-input--l" + (" ecl-text-input--invalid" if invalid else "")
        attrs["class"] = f"{css} {attrs.get('class', '')}".strip()
        return attrs


class PortalFormRenderer(TemplatesSetting):
    """Render every form, the portal's and allauth's, with the ECL markup (templates/forms/).

    The admin renders its fields itself; the ECL classes its widgets get are inert there.
    """

    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"
    bound_field_class = EclBoundField


def submitted(request):
    """The posted data, or None for a first display (an empty POST still binds a form)."""
    return request.POST if request.method == "POST" else None


def add_service_errors(form, error):
    """Show a service's refusal on the form, next to the field it names when it names one."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        for message in error.messages:
            form.add_error(None, message)
