"""Translated content kept as data files, and the one way to write it to the database.

The production content (countries, legislative areas, question sets, help
pages) lives in YAML files next to the app that owns it, under
``<app>/content/``. Every translated text is a mapping with every enabled
language side by side::

    name:
      en: Austria
      bg: Австрия
      ...

Each app reads its files and checks them (``ContentError`` lists every
problem with where it is), then writes the rows with ``upsert``: a row is
found by its natural key and only written when what is stored differs, so
loading the same files twice changes nothing and loading edited files
updates exactly the rows that changed.

Data migrations do not use this module: they load a frozen copy of the files
with the historical models (``<app>/migrations/data/``), so editing the
content or this code never changes what an old migration does.
"""

from pathlib import Path

import yaml
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

# The languages every translated text gives, the default one first.
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


class ContentError(ValueError):
    """Content that cannot be loaded; ``errors`` lists each problem, saying where it is."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("; ".join(self.errors))


class Problems:
    """Collects the problems of a file, so that all of them are reported at once.

    ``items`` keeps each as ``(where, message)`` for a page that lists them by
    row; ``errors`` as one line each, "where: message" (just the message when
    ``where`` is empty: a problem of the whole file).
    """

    def __init__(self):
        self.items = []

    @property
    def errors(self):
        return [f"{where}: {message}" if where else str(message) for where, message in self.items]

    def add(self, where, message):
        self.items.append((where, message))

    def raise_any(self):
        if self.errors:
            raise ContentError(self.errors)


def read(path):
    """The data of one YAML content file; a syntax error is a ``ContentError``."""
    path = Path(path)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ContentError([f"{path.name}: not a readable YAML file ({error})"]) from error


def texts(value, where, problems, *, max_length=None):
    """A translated text: ``{language: text}`` with a non-empty text in every enabled language.

    Records a problem and returns None when one is missing or longer than
    ``max_length``. Languages that are not enabled are ignored.
    """
    if not isinstance(value, dict):
        problems.add(where, _("expected a text in each language (%(languages)s)") % {"languages": ", ".join(LANGUAGES)})
        return None
    missing = [lang for lang in LANGUAGES if not isinstance(value.get(lang), str) or not value[lang].strip()]
    if missing:
        problems.add(where, _("no text in %(languages)s") % {"languages": ", ".join(missing)})
        return None
    with_nul = [lang for lang in LANGUAGES if "\x00" in value[lang]]
    if with_nul:
        # PostgreSQL stores no NUL character in a text.
        problems.add(where, _("a NUL character in %(languages)s") % {"languages": ", ".join(with_nul)})
        return None
    too_long = [lang for lang in LANGUAGES if max_length is not None and len(value[lang]) > max_length]
    if too_long:
        problems.add(
            where,
            _("longer than %(max_length)d characters in %(languages)s")
            % {"max_length": max_length, "languages": ", ".join(too_long)},
        )
        return None
    return {lang: value[lang] for lang in LANGUAGES}


def entry(value, where, problems, *, required=(), optional=()):
    """A mapping with every ``required`` key and no key besides those and the ``optional`` ones.

    An unknown key is a problem, so that a misspelt one is not silently
    ignored. Records a problem and returns None when the entry is not such a
    mapping.
    """
    if not isinstance(value, dict):
        problems.add(where, f"expected a mapping with {', '.join(required)}")
        return None
    missing = [key for key in required if key not in value]
    unknown = sorted(str(key) for key in value if key not in required and key not in optional)
    if missing:
        problems.add(where, f"no {', '.join(missing)}")
    if unknown:
        problems.add(where, f"unknown {', '.join(unknown)} (expected {', '.join([*required, *optional])})")
    return None if missing or unknown else value


def string(value, where, problems):
    """A non-empty text in one language; records a problem and returns None otherwise."""
    if not isinstance(value, str) or not value.strip():
        problems.add(where, "expected a non-empty text")
        return None
    return value


class Counts(dict):
    """How many rows a load created and updated."""

    def __init__(self):
        super().__init__(created=0, updated=0)

    def add(self, outcome):
        if outcome:
            self[outcome] += 1
        return self

    def merge(self, other):
        for key in ("created", "updated"):
            self[key] += other[key]
        return self


def upsert(model, lookup, *, values=None, translated=None, update=True):
    """Create or update the row of ``model`` found by ``lookup`` (its natural key).

    ``values`` are plain field values; ``translated`` maps a translated field
    to its texts (``{language: text}``), written to each ``<field>_<language>``
    column and the untranslated column (the default language's text). Values
    are compared with what is stored (``__dict__``), so that modeltranslation's
    descriptors, which answer in the active language, do not hide a
    difference, and the row is saved only when something differs. With
    ``update=False`` an existing row is left as it is (content that is edited
    in the admin afterwards). Returns the row and "created", "updated" or None.
    """
    columns = dict(values or {})
    for field, by_language in (translated or {}).items():
        # The untranslated column first: setting it also sets the active language's column.
        columns[field] = by_language[DEFAULT_LANGUAGE]
        columns.update({f"{field}_{lang}": text for lang, text in by_language.items()})
    with translation.override(DEFAULT_LANGUAGE):
        obj = model.objects.filter(**lookup).order_by("pk").first()
        created = obj is None
        if created:
            obj = model(**lookup)
        elif not update:
            return obj, None
        changed = False
        for field, value in columns.items():
            if created or obj.__dict__.get(field) != value:
                setattr(obj, field, value)
                changed = True
        if changed:
            obj.save()
    return obj, ("created" if created else ("updated" if changed else None))
