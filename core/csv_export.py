"""The one CSV writer: every CSV file the portal offers for download is written here.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab
or carriage return before one) as a formula, and a formula can open links,
fetch data or start programs: "CSV injection". Every text cell that starts like
that gets a leading apostrophe, which spreadsheets show as text (OWASP's
advice). Two kinds of values are kept as they are, because no function can
run in them: numbers (a negative count is a number, not a formula), and texts
made only of a sign, digits, spaces, brackets, dots, slashes and dashes, such
as the phone number ``+359 2 809 8779``.

Files are UTF-8 with a byte order mark, so that spreadsheets read Cyrillic and
accented names correctly, and are written as a spreadsheet of the reader's
language expects them: where the decimal separator is a comma (Bulgarian,
Romanian, Danish, Latvian, Estonian) cells are separated by semicolons and
decimals written with a comma; in English, commas and decimal points. Any other
file opens as one column, or with its figures as text. The CSV import accepts
both separators back (``core.csv_import``) and removes the apostrophe again.
"""

import csv
import decimal
import io
import re

from django.http import HttpResponse
from django.utils import formats

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PHONE_LIKE = re.compile(r"[+-][\d\s()./-]*\Z")
BOM = "\ufeff"
CONTENT_TYPE = "text/csv; charset=utf-8"


def spreadsheet_separators():
    """The cell separator and decimal separator of a spreadsheet in the active language."""
    decimal_separator = formats.get_format("DECIMAL_SEPARATOR")
    return (";" if decimal_separator == "," else ","), decimal_separator


def escape_cell(value, decimal_separator="."):
    """A cell as text that a spreadsheet shows and never runs."""
    if value is None:
        return ""
    if isinstance(value, float | decimal.Decimal):
        return str(value).replace(".", decimal_separator)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not PHONE_LIKE.match(text):
        return "'" + text
    return text


def unescape_cell(text):
    """The value of a cell written by ``escape_cell`` (for reading a file back)."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def csv_bytes(header, rows):
    """A header row and data rows as UTF-8 CSV with a byte order mark, every cell escaped,
    separated as a spreadsheet in the active language expects."""
    delimiter, decimal_separator = spreadsheet_separators()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow([escape_cell(cell, decimal_separator) for cell in header])
    for row in rows:
        writer.writerow([escape_cell(cell, decimal_separator) for cell in row])
    return (BOM + out.getvalue()).encode("utf-8")


def csv_response(*, filename, header, rows):
    """A CSV download: the file from ``csv_bytes``, offered as an attachment named ``filename``."""
    response = HttpResponse(csv_bytes(header, rows), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
