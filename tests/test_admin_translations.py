"""The admin speaks every enabled language whole: what Django's catalogue leaves untranslated, the portal does.

Every entry of Django's admin catalogue that is empty for a language must come out
translated at run time (core/locale_admin/), so a coordinator never meets English in a
Romanian or Estonian admin, hidden table headers for screen readers included.
"""

import ast
import re
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.utils import translation

ADMIN_LOCALE = Path(django.__file__).parent / "contrib" / "admin" / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


def entries(po_file):
    """(msgctxt, msgid, msgid_plural, [msgstr...]) of each entry of a .po file but the header."""
    found, current, key = [], {}, None
    for line in po_file.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line or line.startswith("#"):
            if "msgid" in current:
                found.append(current)
            if not line:
                current, key = {}, None
            continue
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")$", line)
        if match:
            key = match.group(1)
            current[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
    unique = {id(entry): entry for entry in found}
    return [entry for entry in unique.values() if entry.get("msgid")]


def untranslated(entry):
    return all(not value for name, value in entry.items() if name.startswith("msgstr"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_of_the_admin_is_translated(language):
    po_file = ADMIN_LOCALE / language / "LC_MESSAGES" / "django.po"
    missing = []
    with translation.override(language):
        for entry in entries(po_file):
            if not untranslated(entry):
                continue
            if "msgid_plural" in entry:
                translated = translation.ngettext(entry["msgid"], entry["msgid_plural"], 1)
            elif "msgctxt" in entry:
                translated = translation.pgettext(entry["msgctxt"], entry["msgid"])
            else:
                translated = translation.gettext(entry["msgid"])
            if translated == entry["msgid"]:
                missing.append(entry["msgid"])
    assert missing == []


def test_the_reader_finds_what_django_leaves_out():
    # The parser above sees the entries Django leaves empty: the test cannot pass on nothing.
    empty = [entry for entry in entries(ADMIN_LOCALE / "ro" / "LC_MESSAGES" / "django.po") if untranslated(entry)]
    assert "Skip to main content" in {entry["msgid"] for entry in empty}
