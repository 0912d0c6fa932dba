"""A choice's label is translated once per display, not once per choice of the field."""

from types import SimpleNamespace

from django.db import models
from django.utils import translation
from django.utils.functional import lazy

from core.models import ChoiceLabels
from requests_app.models import InformationRequest, Status


def test_a_display_translates_only_the_label_of_its_value():
    translated = []

    def label(text):
        translated.append(text)
        return text.upper()

    lazy_label = lazy(label, str)
    field = models.CharField(choices=[(f"value{n}", lazy_label(f"label {n}")) for n in range(9)])
    field.set_attributes_from_name("state")
    row = SimpleNamespace(state="value4")

    assert ChoiceLabels._get_FIELD_display(row, field) == "LABEL 4"
    assert translated == ["label 4"]


def test_a_value_without_a_choice_is_shown_as_it_is():
    field = models.CharField(choices=[("a", "A")])
    field.set_attributes_from_name("state")
    assert ChoiceLabels._get_FIELD_display(SimpleNamespace(state="gone"), field) == "gone"


def test_the_models_status_reads_in_the_reader_s_language():
    info_request = InformationRequest(status=Status.REFERRED)
    with translation.override("bg"):
        expected = str(Status.REFERRED.label)
        assert info_request.get_status_display() == expected
    assert expected != "Referred to the coordinator"
