"""Reading a CSV file an admin user uploads: every row checked before anything is written.

A file is read whole and every row is checked before anything is written: with
any error, nothing is imported. A format (a subclass of ``CsvFormat`` in the
app that owns the objects, e.g. ``authorities.csv_import.AuthorityCsv`` and
``registers.csv_import.RegisterCsv``) tells what each row would do (create,
update, nothing) and lists the errors by row and column.

Files are UTF-8, with or without a byte order mark, their cells separated by
commas or semicolons (whichever the header row uses). Lists (languages,
legislative areas) are codes separated by ``|``. A cell a spreadsheet would run
as a formula is exported with a leading apostrophe (``core.csv_export``), which
the import removes again.

Rows are numbered as in a spreadsheet: the header is row 1.
"""

import csv
import io
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.csv_export import unescape_cell

# The file is kept in the session between the preview and the import: keep it small.
MAX_BYTES = 1024 * 1024
MAX_ROWS = 5000
LIST_SEPARATOR = "|"
DELIMITERS = (",", ";")
YES = {"yes": True, "no": False, "true": True, "false": False, "1": True, "0": False}

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


def same(stored, value):
    """Whether a stored value equals a cleaned cell; translation fields store an empty text as None."""
    return stored == value or (stored is None and value == "")


def join_codes(codes):
    return LIST_SEPARATOR.join(codes)


@dataclass
class RowError:
    row: int | None  # None for an error of the whole file
    column: str
    message: str


@dataclass
class Row:
    number: int
    cells: dict
    label: str = ""
    action: str = ""
    changes: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    values: dict = field(default_factory=dict)
    # Set when the row names its legislative areas: the LegislativeArea objects.
    areas: list | None = None
    key: tuple | None = None
    instance: object = None
    # A register's managing authority.
    authority: object = None

    def error(self, column, message):
        self.errors.append(RowError(self.number, column, str(message)))

    @property
    def action_label(self):
        if self.errors:
            return _("Error")
        return {CREATE: _("Create"), UPDATE: _("Update"), UNCHANGED: _("No change")}.get(self.action, "")


@dataclass
class Result:
    dry_run: bool
    rows: list = field(default_factory=list)
    file_errors: list = field(default_factory=list)

    @property
    def errors(self):
        return [*self.file_errors, *(error for row in self.rows for error in row.errors)]

    @property
    def is_valid(self):
        return not self.errors

    def _count(self, action):
        return sum(1 for row in self.rows if not row.errors and row.action == action)

    @property
    def created(self):
        return self._count(CREATE)

    @property
    def updated(self):
        return self._count(UPDATE)

    @property
    def unchanged(self):
        return self._count(UNCHANGED)

    @property
    def has_changes(self):
        return bool(self.created or self.updated)


# Marks a cell that is absent from the file or invalid: the row keeps its stored value or has an error.
SKIP = object()


def sniff_delimiter(text, columns):
    """The separator under which the header row names the most known columns."""
    header = text.splitlines()[0] if text else ""

    def known(delimiter):
        cells = next(csv.reader([header], delimiter=delimiter), [])
        return len({cell.strip().lower() for cell in cells} & set(columns))

    scores = {delimiter: known(delimiter) for delimiter in DELIMITERS}
    if len(set(scores.values())) > 1:
        return max(scores, key=scores.get)
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return DELIMITERS[0]


def read_rows(content, *, columns, required, result):
    """The rows of the file as cells by column name; file errors go to ``result``."""

    def fail(message):
        result.file_errors.append(RowError(None, "", str(message)))
        return []

    if len(content) > MAX_BYTES:
        return fail(_("The file is larger than %(size)s.") % {"size": filesizeformat(MAX_BYTES)})
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return fail(_("The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again."))
    delimiter = sniff_delimiter(text, columns)
    try:
        table = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        return fail(_("The file cannot be read as CSV: %(error)s") % {"error": error})
    if not table or not any(cell.strip() for cell in table[0]):
        return fail(_("The file is empty: its first row must name the columns."))
    if len(table) - 1 > MAX_ROWS:
        return fail(_("The file has more than %(count)d rows: split it.") % {"count": MAX_ROWS})
    header = [cell.strip().lower() for cell in table[0]]
    named = [name for name in header if name]
    problems = []
    duplicates = sorted({name for name in named if named.count(name) > 1})
    if duplicates:
        problems.append(_("Columns named more than once: %(columns)s.") % {"columns": ", ".join(duplicates)})
    unknown = [name for name in named if name not in columns]
    if unknown:
        problems.append(
            _("Unknown columns: %(columns)s. The columns are: %(known)s.")
            % {"columns": ", ".join(unknown), "known": ", ".join(columns)}
        )
    missing = [name for name in required if name not in header]
    if missing:
        problems.append(_("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)})
    if problems:
        for problem in problems:
            fail(problem)
        return []
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        row = Row(number=number, cells={})
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
            row.error("", _("This row has more cells than the header has columns."))
        cells = (cells + [""] * len(header))[: len(header)]
        row.cells = {name: unescape_cell(value.strip()) for name, value in zip(header, cells, strict=True) if name}
        rows.append(row)
    if not rows:
        return fail(_("The file has no rows to import."))
    return rows


def text_field(model, name, *, required=False):
    return forms.CharField(max_length=model._meta.get_field(name).max_length, required=required)


def clean_cell(row, column, formfield):
    """The cell cleaned by a Django form field, or SKIP (absent, or invalid with the error noted)."""
    if column not in row.cells:
        return SKIP
    try:
        return formfield.clean(row.cells[column])
    except ValidationError as error:
        for message in error.messages:
            row.error(column, message)
        return SKIP


def clean_codes(row, column, known, unknown_message):
    """The objects (or codes) named in a ``|`` list, in order; SKIP when absent or unknown."""
    if column not in row.cells:
        return SKIP
    codes = dict.fromkeys(code.strip().lower() for code in row.cells[column].split(LIST_SEPARATOR) if code.strip())
    unknown = [code for code in codes if code not in known]
    if unknown:
        row.error(column, unknown_message(len(unknown)) % {"codes": ", ".join(unknown)})
        return SKIP
    return [known[code] for code in codes]


def unknown_languages(count):
    return ngettext("Unknown language code: %(codes)s.", "Unknown language codes: %(codes)s.", count)
