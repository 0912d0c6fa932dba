"""Every date a form asks for is the browser's date picker, given its value in ISO 8601 in every language."""

import datetime

import pytest
from django.utils import translation

from authorities.forms import AbsenceForm
from requests_app.forms import CorrectionForm, FindForm, SubjectForm, SubjectRequestForm

DAY = datetime.date(1980, 5, 17)


@pytest.mark.parametrize(
    ("form_class", "field"),
    [
        (AbsenceForm, "absent_from"),
        (AbsenceForm, "absent_until"),
        (SubjectForm, "subject_date_of_birth"),
        (SubjectForm, "proposed_deadline"),
        (FindForm, "date_of_birth"),
        (CorrectionForm, "subject_date_of_birth"),
        (SubjectRequestForm, "received_on"),
    ],
)
def test_it_is_a_date_picker_with_an_iso_value_in_romanian(form_class, field):
    with translation.override("ro"):  # Romanian writes 17.05.1980, which a date picker cannot show
        html = str(form_class(initial={field: DAY})[field])
    assert 'type="date"' in html
    assert 'value="1980-05-17"' in html
