"""Model fields the portal's apps share."""

from django import forms
from django.contrib.postgres.fields import ArrayField


class ChoiceArrayField(ArrayField):
    """A list of choices, edited as a group of checkboxes wherever a model form shows it (the admin included).

    Django's own form field for an array is comma-separated text, which fits codes poorly
    and fails on some bad input (a "%" in a refused value).
    """

    def formfield(self, **kwargs):
        return super(ArrayField, self).formfield(
            **{
                "form_class": forms.MultipleChoiceField,
                "choices": self.base_field.choices,
                "widget": forms.CheckboxSelectMultiple,
                **kwargs,
            }
        )
