"""Finding the portal's English on a page that is in another language.

``english_words(language)`` is a pattern of the English texts of the catalogues that read differently in
``language``: buttons, labels, statuses, month and day names... all a page in that language must not
show. ``own_words(html)`` is what a page says in its own language: its title and text, and the labels
read out by screen readers, outside any element marked with another language (free text, a content
field shown in the language that has it) and outside what is not shown. The browser tests use the
first (tests/browser/conftest.py), the test of every page in every language both
(tests/test_every_language.py).
"""

import functools
import re
from html.parser import HTMLParser

from django.utils.translation import trans_real


@functools.cache
def english_words(language):
    translations = {}  # msgid: its translations (a plural has one per form, its key the msgid and the form)
    for key, msgstr in trans_real.translation(language)._catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        # Without its context: "May" as a month and as a verb are one English word on a page.
        translations.setdefault(msgid.split("\x04")[-1], set()).add(msgstr)
    texts = set()
    for msgid, msgstrs in translations.items():
        if msgid in msgstrs:
            continue  # the same words in both languages (in one of its forms or contexts)
        if len(msgid) < 4 or not re.search("[A-Za-z]{3}", msgid):
            continue
        # A text with placeholders counts by its longest fixed part.
        msgid = max(re.split(r"%(?:\(\w+\))?[sd]|\{\w*\}|\n", msgid), key=len).strip(" .,:;()")
        if len(msgid) >= 4 and " " in msgid or len(msgid) >= 5:
            texts.add(msgid)
    # A word the language itself uses in its translations is not English there ("des Registers", the Swedish
    # "administration").
    # In any case: an admin writes "December 4." for the Hungarian "december 4.".
    own = "\n".join(msgstr for msgstrs in translations.values() for msgstr in msgstrs)
    texts = {text for text in texts if not re.search(rf"(?<![\w@.-]){re.escape(text)}(?![\w@-])", own, re.IGNORECASE)}
    alternatives = "|".join(re.escape(text) for text in sorted(texts, key=len, reverse=True))
    return re.compile(rf"(?<![\w@.-])(?:{alternatives})(?![\w@-])")


def english_in(texts, language):
    """The portal's English texts found in ``texts``, for a page in ``language``."""
    if language == "en":
        return []
    pattern = english_words(language)
    return sorted({match.group(0) for text in texts for match in pattern.finditer(text)})


# Elements without an end tag, and attributes a screen reader reads out.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
READ_OUT = ("aria-label", "title", "placeholder", "alt")


class _OwnWords(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page_language = ""
        self.stack = []  # (tag, language, hidden)
        self.texts = []

    def _mine(self, language, hidden):
        return not hidden and (not language or language == self.page_language)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.page_language = (attrs.get("lang") or "").split("-")[0]
        _tag, language, hidden = self.stack[-1] if self.stack else ("", "", False)
        if attrs.get("lang"):
            language = attrs["lang"].split("-")[0]
        hidden = hidden or tag in ("script", "style", "template") or "hidden" in attrs
        hidden = hidden or attrs.get("aria-hidden") == "true" or (tag == "input" and attrs.get("type") == "hidden")
        if self._mine(language, hidden):
            self.texts += [attrs[name] for name in READ_OUT if attrs.get(name)]
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.texts.append(attrs["value"])
        if tag not in VOID:
            self.stack.append((tag, language, hidden))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        _tag, language, hidden = self.stack[-1] if self.stack else ("", "", False)
        if data.strip() and self._mine(language, hidden):
            self.texts.append(data.strip())


def own_words(html):
    """The page's language and the texts it says in it (see the module's docstring)."""
    parser = _OwnWords()
    parser.feed(html)
    return parser.page_language, parser.texts
