"""Finding authorities (and registers) by what a user would type, in any language.

Each searchable row keeps a ``search_document``: its names in every language,
acronym, city and competence keywords, lower-cased, stripped of accents by
PostgreSQL's ``unaccent``, with Cyrillic also spelled in Latin letters. A
trigram GIN index on it serves substring matches and small typos ("turist
gide"); every word typed must match.
"""

from django.db import connection
from django.db.models import F, FloatField, Func, Q, Value

# Bulgarian romanisation (the official Streamlined System), enough to find a Cyrillic name typed in Latin.
CYRILLIC_TO_LATIN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
        "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
        "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu",
        "я": "ya", "ё": "yo", "ы": "y", "э": "e", "є": "ye", "і": "i", "ї": "yi",
    }
)  # fmt: skip
# Below this word similarity a typed word does not count as found (pg_trgm's default, 0.6, misses typos).
WORD_SIMILARITY = 0.45


def searchable(*parts):
    """The raw text of a search document: lower-case, and Cyrillic also in Latin letters."""
    text = " ".join(str(part) for part in parts if part).lower()
    latin = text.translate(CYRILLIC_TO_LATIN)
    return text if latin == text else f"{text} {latin}"


def unaccent(value):
    return Func(Value(value), function="unaccent")


def store_document(queryset, text):
    """Write a search document through PostgreSQL's unaccent, the same as the queries use."""
    queryset.update(search_document=unaccent(text))


def words_of(query):
    return [word for word in searchable(query).split()[:8] if word.strip(".,;:-")]


def search(queryset, query):
    """Filter a queryset with a ``search_document`` by the words typed, best matches first."""
    words = words_of(query)
    if not words:
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    with connection.cursor() as cursor:
        cursor.execute("SET pg_trgm.word_similarity_threshold = %s", [WORD_SIMILARITY])
    scores = []
    for word in words:
        term = unaccent(word)
        if len(word) <= 3:
            # Trigrams of very short words say little: take them as typed.
            queryset = queryset.filter(search_document__contains=term)
        else:
            found = Q(search_document__contains=term) | Q(search_document__trigram_word_similar=term)
            queryset = queryset.filter(found)
        scores.append(Func(term, F("search_document"), function="word_similarity", output_field=FloatField()))
    rank = scores[0] if len(scores) == 1 else sum(scores[1:], scores[0])
    return queryset.annotate(rank=rank)
