"""Date formats where Django's are not the EU's (``FORMAT_MODULE_PATH``).

Dates are written as the EU's Interinstitutional Style Guide writes them in
each language: day before month, a 24-hour clock. Only the formats Django
gets wrong or lacks are set here; the rest come from Django's own
``django/conf/locale/<lang>/formats.py`` (Danish and Latvian need nothing).

Bulgarian and Romanian write a month name in lower case inside a date
("2 декември 2026 г."), where Django's catalogs give "Декември" and
"Decembrie". Their formats use ``E``, the month "as used in a date", whose
lower-case names are in ``core/formats/locale/<lang>/`` (a catalog of its own,
after ``locale/`` in ``LOCALE_PATHS``, so ``makemessages`` never touches it);
``F``, the month standing alone (a heading "Декември 2026"), keeps its capital.
"""
