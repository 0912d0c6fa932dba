"""The admin speaks every enabled language whole: what Django's catalogue leaves untranslated, the portal does.

Every entry of Django's admin catalogue that is empty for a language must come out
translated at run time (core/locale_admin/), so a coordinator never meets English in a
Romanian or Estonian admin, hidden table headers for screen readers included.
"""

import re
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.utils import translation

from tests.catalogues import entries, untranslated

ADMIN_LOCALE = Path(django.__file__).parent / "contrib" / "admin" / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_of_the_admin_is_translated(language):
    po_file = ADMIN_LOCALE / language / "LC_MESSAGES" / "django.po"
    if not po_file.exists():
        # Django has no catalogue for the language (Maltese): every entry of the English one must be translated.
        po_file = ADMIN_LOCALE / "en" / "LC_MESSAGES" / "django.po"
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
            # Only placeholders ("%(class_name)s %(instance)s") read the same in every language.
            words = re.sub(r"%\(\w+\)[sd]|%[sd]|\{\w*\}", "", entry["msgid"])
            if translated == entry["msgid"] and re.search("[A-Za-z]", words):
                missing.append(entry["msgid"])
    assert missing == []


def test_the_reader_finds_what_django_leaves_out():
    # The parser above sees the entries Django leaves empty: the test cannot pass on nothing.
    empty = [entry for entry in entries(ADMIN_LOCALE / "ro" / "LC_MESSAGES" / "django.po") if untranslated(entry)]
    assert "Skip to main content" in {entry["msgid"] for entry in empty}
