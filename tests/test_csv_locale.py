"""CSV downloads open right in the spreadsheets of the portal's countries.

A spreadsheet opens a CSV file with the separator of its user's locale: a
semicolon where the decimal separator is a comma (Bulgarian, Romanian, Danish,
Latvian, Estonian), a comma in English. A file with the other separator opens as
one column. Each file is written with the separator of the reader's language and
a byte order mark, without which Cyrillic and accented letters come out broken.
"""

import csv
import decimal
import io

import pytest
from django.urls import reverse
from django.utils import translation

from core.csv_export import csv_bytes
from requests_app import statistics

# The separators a spreadsheet of each language expects (written out, not derived from the code).
SEPARATORS = {"en": ",", "bg": ";", "ro": ";", "da": ";", "lv": ";", "et": ";"}
DECIMAL_POINTS = {"en": ".", "bg": ",", "ro": ",", "da": ",", "lv": ",", "et": ","}


def read(content, delimiter):
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=delimiter))


@pytest.mark.parametrize("language", SEPARATORS)
def test_it_separates_cells_as_the_readers_spreadsheet_does(language):
    with translation.override(language):
        content = csv_bytes(["Name", "City"], [["Агенция по заетостта", "София, България"]])
    assert content.decode("utf-8-sig").splitlines()[0] == f"Name{SEPARATORS[language]}City"
    assert read(content, SEPARATORS[language]) == [["Name", "City"], ["Агенция по заетостта", "София, България"]]


@pytest.mark.parametrize("language", SEPARATORS)
def test_it_writes_decimals_with_the_readers_decimal_separator(language):
    with translation.override(language):
        content = csv_bytes(["Share", "Count", "Days"], [[decimal.Decimal("12.5"), 1234, -3.5]])
    point = DECIMAL_POINTS[language]
    assert read(content, SEPARATORS[language])[1] == [f"12{point}5", "1234", f"-3{point}5"]


def test_a_bulgarian_reader_downloads_the_registers_directory_with_semicolons(client, world):
    world.stranger.preferred_language = "bg"
    world.stranger.save()
    client.force_login(world.stranger)
    response = client.get(reverse("registers:list"), {"format": "csv"})
    assert response.status_code == 200
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert ";" in header and "," not in header


def test_a_danish_coordinator_downloads_the_figures_with_decimal_commas(client, world, monkeypatch):
    figures = [statistics.Indicator("planted", "Accepted within 7 days", 87.5, "", "", 1)]
    monkeypatch.setattr(statistics, "indicators", lambda **kwargs: figures)
    world.pt_handler.preferred_language = "da"
    world.pt_handler.save()
    client.force_login(world.pt_handler)
    response = client.get(reverse("requests:activity"), {"format": "csv"})
    assert response.status_code == 200
    cells = [cell for row in read(response.content, ";") for cell in row]
    assert "87,5" in cells


def test_the_import_reads_back_a_file_exported_in_another_language(world):
    from authorities.csv_import import AuthorityCsv
    from authorities.models import Authority

    coordinator = world.bg_coordinator
    with translation.override("bg"):
        content = AuthorityCsv(coordinator).export(Authority.objects.filter(pk=world.bg_authority.pk))
    assert content.decode("utf-8-sig").splitlines()[0].count(";") > 3
    result = AuthorityCsv(coordinator).run(content, dry_run=True)
    assert result.is_valid, result.errors
    assert [row.action for row in result.rows] == ["unchanged"]
