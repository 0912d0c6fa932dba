"""Dates read the same way in every language: day before month, a 24-hour clock, month names in lower case.

As the EU's Interinstitutional Style Guide writes them. The expected texts are
written out by hand, not derived from the formats under test.
"""

import datetime

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import timezone, translation

# Tuesday 2 December 2026, 14:05 in Brussels: a day that cannot pass for a month,
# and an afternoon that a 12-hour clock would show as 2:05.
MOMENT = timezone.make_aware(datetime.datetime(2026, 12, 2, 14, 5))

EXPECTED = {
    # language: (date, date and time, short date, short date and time)
    "en": ("2 December 2026", "2 December 2026, 14:05", "02/12/2026", "02/12/2026 14:05"),
    "bg": ("2 декември 2026 г.", "2 декември 2026 г., 14:05", "02.12.2026", "02.12.2026 14:05"),
    "ro": ("2 decembrie 2026", "2 decembrie 2026, 14:05", "02.12.2026", "02.12.2026, 14:05"),
    "da": ("2. december 2026", "2. december 2026 14:05", "02.12.2026", "02.12.2026 14:05"),
    "lv": ("2026. gada 2. decembris", "2026. gada 2. decembris, 14:05", "2.12.2026", "2.12.2026 14:05"),
    "et": ("2. detsember 2026", "2. detsember 2026 14:05", "02.12.2026", "02.12.2026 14:05"),
    "cs": ("2. prosince 2026", "2. prosince 2026 14:05", "02.12.2026", "02.12.2026 14:05"),
    "de": ("2. Dezember 2026", "2. Dezember 2026 14:05", "02.12.2026", "02.12.2026 14:05"),
    "el": ("2 Δεκεμβρίου 2026", "2 Δεκεμβρίου 2026, 14:05", "02/12/2026", "02/12/2026 14:05"),
    "es": ("2 de diciembre de 2026", "2 de diciembre de 2026 a las 14:05", "02/12/2026", "02/12/2026 14:05"),
    "fi": ("2. joulukuuta 2026", "2. joulukuuta 2026 kello 14.05", "2.12.2026", "2.12.2026 14.05"),
    "fr": ("2 décembre 2026", "2 décembre 2026 14:05", "02/12/2026", "02/12/2026 14:05"),
    "ga": ("2 Nollaig 2026", "2 Nollaig 2026, 14:05", "02/12/2026", "02/12/2026 14:05"),
    "hr": ("2. prosinca 2026.", "2. prosinca 2026. 14:05", "2.12.2026.", "2.12.2026. 14:05"),
    "hu": ("2026. december 2.", "2026. december 2. 14:05", "2026.12.02.", "2026.12.02. 14:05"),
    "it": ("2 dicembre 2026", "2 dicembre 2026, 14:05", "02/12/2026", "02/12/2026 14:05"),
    "lt": ("2026 m. gruodžio 2 d.", "2026 m. gruodžio 2 d., 14:05", "2026-12-02", "2026-12-02 14:05"),
    "mt": ("2 ta’ Diċembru 2026", "2 ta’ Diċembru 2026, 14:05", "02/12/2026", "02/12/2026 14:05"),
    "nl": ("2 december 2026", "2 december 2026 14:05", "2-12-2026", "2-12-2026 14:05"),
    "pl": ("2 grudnia 2026", "2 grudnia 2026 14:05", "02.12.2026", "02.12.2026 14:05"),
    "pt": ("2 de dezembro de 2026", "2 de dezembro de 2026, 14:05", "02/12/2026", "02/12/2026 14:05"),
    "sk": ("2. december 2026", "2. december 2026 14:05", "02.12.2026", "02.12.2026 14:05"),
    "sl": ("2. december 2026", "2. december 2026, 14:05", "2. 12. 2026", "2. 12. 2026 14:05"),
    "sv": ("2 december 2026", "2 december 2026 14:05", "2026-12-02", "2026-12-02 14:05"),
}

TEMPLATE = Template(
    '{{ moment|date:"DATE_FORMAT" }}|{{ moment|date:"DATETIME_FORMAT" }}|'
    '{{ moment|date:"SHORT_DATE_FORMAT" }}|{{ moment|date:"SHORT_DATETIME_FORMAT" }}'
)


@pytest.mark.parametrize("lang", EXPECTED)
def test_it_writes_a_date_and_a_date_time_as_the_style_guide_does(lang):
    with translation.override(lang):
        rendered = TEMPLATE.render(Context({"moment": MOMENT}))
    assert tuple(rendered.split("|")) == EXPECTED[lang]


@pytest.mark.parametrize("lang", EXPECTED)
def test_it_keeps_a_24_hour_clock_in_the_morning_too(lang):
    with translation.override(lang):
        rendered = Template('{{ moment|time:"TIME_FORMAT" }}').render(
            Context({"moment": MOMENT - datetime.timedelta(hours=5)})
        )
    assert rendered in {"09:05", "9:05", "9.05"}


@pytest.mark.parametrize(("lang", "month"), [("bg", "Декември 2026"), ("ro", "Decembrie 2026")])
def test_a_month_standing_alone_as_a_heading_keeps_its_capital(lang, month):
    with translation.override(lang):
        assert Template('{{ moment|date:"YEAR_MONTH_FORMAT" }}').render(Context({"moment": MOMENT})) == month


def test_every_enabled_language_is_checked():
    assert set(EXPECTED) == {code for code, _name in settings.LANGUAGES}
