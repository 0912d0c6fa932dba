"""Reading gettext catalogues (.po files) the way the tests need: Django's, allauth's and the portal's own."""

import ast
import re


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


def translation_of(entry):
    """The singular msgstr of an entry (the first form of a plural one)."""
    return entry.get("msgstr") or entry.get("msgstr[0]", "")
