"""Finding authorities (and registers) by what a user would type, in any language.

Each searchable row keeps a ``search_document``: its names in every language,
acronym, city and competence keywords, lower-cased, stripped of accents by
PostgreSQL's ``unaccent``, with Cyrillic also spelled in Latin letters. From it
PostgreSQL generates the column ``search_vector`` (``to_tsvector('simple', ...)``,
a GIN index; the migrations that add it say so), which answers the words typed:
every word must be found, as a word or the start of one.

Typos are corrected first, as PostgreSQL's pg_trgm documentation suggests: the
distinct words of the documents are kept in ``SearchWord`` (per model, with a
trigram GiST index), each typed word is compared with them by trigram word
similarity (the nearest ones through the index, no session setting needed), and
the close words are searched for as well. A document ranks by how well it holds
each typed word: 1 for the word itself (or a longer word starting with it), the
similarity of the close word it holds otherwise.
"""

from django.apps import apps
from django.contrib.postgres.search import SearchQueryField, SearchVectorField
from django.db import connection, transaction
from django.db.models import BooleanField, Case, Expression, FloatField, Func, Value, When
from django.db.models.functions import Cast

from core.models import SearchWord

# Bulgarian romanisation (the official Streamlined System), enough to find a Cyrillic name typed in Latin.
CYRILLIC_TO_LATIN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
        "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
        "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu",
        "я": "ya", "ё": "yo", "ы": "y", "э": "e", "є": "ye", "і": "i", "ї": "yi",
    }
)  # fmt: skip
# A document word this similar to a typed one (pg_trgm's word similarity) stands for it: the typed
# word is most of it (pg_trgm's default, 0.6, misses typos).
WORD_SIMILARITY = 0.45
# How many of the nearest document words are considered for each typed word.
CORRECTIONS = 20
# Typed words this short are taken as typed: their few trigrams would call too many words close.
SHORTEST_CORRECTED = 4
# Only the first words typed count.
MAX_WORDS = 8


def searchable(*parts):
    """The raw text of a search document: lower-case, and Cyrillic also in Latin letters."""
    text = " ".join(str(part) for part in parts if part).lower()
    latin = text.translate(CYRILLIC_TO_LATIN)
    return text if latin == text else f"{text} {latin}"


def unaccent(value):
    return Func(Value(value), function="unaccent")


def store_document(queryset, text):
    """Write a search document through PostgreSQL's unaccent, the same as the queries use; and its words."""
    queryset.update(search_document=unaccent(text))
    search_words_add(queryset)


def _source(model):
    return model._meta.label_lower


def search_words_add(queryset):
    """Add the words of these rows' documents to the words that typed words are corrected to.

    ``store_document`` calls it; a bulk load that writes ``search_document`` itself calls it
    (or ``search_words_rebuild``) once afterwards.
    """
    model = queryset.model
    rows, params = queryset.values("pk").query.sql_with_params()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(SearchWord._meta.db_table)} (source, word) "  # noqa: S608 (models' own table names)
            f"SELECT DISTINCT %s, word FROM {quote(model._meta.db_table)} AS t, "
            f"unnest(tsvector_to_array(t.search_vector)) AS word WHERE t.{quote(model._meta.pk.column)} IN ({rows}) "
            "ON CONFLICT DO NOTHING",
            [_source(model), *params],
        )


@transaction.atomic
def search_words_rebuild(model):
    """The words of every document of this model: drops those no document holds any more, adds the missing."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH held AS (SELECT DISTINCT word FROM {quote(model._meta.db_table)}, "  # noqa: S608 (own tables)
            "unnest(tsvector_to_array(search_vector)) AS word) "
            f"DELETE FROM {quote(SearchWord._meta.db_table)} AS w "
            "WHERE w.source = %s AND NOT EXISTS (SELECT FROM held WHERE held.word = w.word)",
            [_source(model)],
        )
    search_words_add(model._default_manager.all())
    return SearchWord.objects.filter(source=_source(model)).count()


def edits_to_starts(typed, word, most=None):
    """The letters inserted, deleted, changed or swapped to turn ``typed`` into each start of ``word``.

    Optimal string alignment (Damerau-Levenshtein without re-edits), returned as the list of
    distances to ``word[:0]`` ... ``word``. Given ``most``, only distances up to it are exact (the
    others are ``most + 1``) and only a band of the table is computed, fast enough for the
    candidates of every typed word.
    """
    far = len(typed) + len(word) if most is None else most + 1
    band = far if most is None else most
    before, previous = None, [min(j, far) for j in range(len(word) + 1)]
    for i, letter in enumerate(typed, start=1):
        current = [min(i, far)] + [far] * len(word)
        for j in range(max(1, i - band), min(len(word), i + band) + 1):
            other = word[j - 1]
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (letter != other))
            if i > 1 and j > 1 and letter == word[j - 2] and typed[i - 2] == other:
                cost = min(cost, before[j - 2] + 1)
            current[j] = min(cost, far)
        if min(current) >= far:
            return [far] * (len(word) + 1)
        before, previous = previous, current
    return previous


def is_typo_of(typed, word, allowed=None):
    """Whether a typed word is a document word, or the start of one, with a typo or two.

    Unless told how many letters may be wrong: one in a word of up to five letters, two in a
    longer one. Trigram similarity finds these words but scores a typo in a short word too low
    to tell it from another word.
    """
    allowed = allowed or (1 if len(typed) <= 5 else 2)
    longest = len(typed) + allowed
    if len(word) <= longest:
        return abs(len(word) - len(typed)) <= allowed and edits_to_starts(typed, word, allowed)[-1] <= allowed
    # The start of a longer word: as long as the typed word, give or take the letters a typo adds or
    # drops (a short typed word is not compared with shorter starts: too many words begin alike).
    shortest = len(typed) if allowed == 1 else len(typed) - 1
    return min(edits_to_starts(typed, word[:longest], allowed)[shortest:]) <= allowed


def searchable_models():
    """The models whose rows have a search document (their tables have the generated ``search_vector``)."""
    return [model for model in apps.get_models() if any(f.name == "search_document" for f in model._meta.fields)]


def search_words_rebuild_all():
    """Every searchable model's words afresh (nightly: the words of changed and deleted documents go)."""
    return {model._meta.label_lower: search_words_rebuild(model) for model in searchable_models()}


def words_of(query):
    return [word for word in searchable(query).split()[:MAX_WORDS] if word.strip(".,;:-")]


class _SearchVector(Expression):
    """The ``search_vector`` column of the queried table, which the model does not declare."""

    output_field = SearchVectorField()

    def __init__(self, alias=None):
        super().__init__()
        self.alias = alias

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        resolved = self.copy()
        resolved.alias = query.get_initial_alias()
        return resolved

    def relabeled_clone(self, change_map):
        clone = self.copy()
        clone.alias = change_map.get(self.alias, self.alias)
        return clone

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name_unless_alias(self.alias)}.search_vector", []


class _Matches(Func):
    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def _matches(tsquery):
    return _Matches(_SearchVector(), Cast(Value(tsquery), SearchQueryField()))


def _lexeme(word, prefix=False):
    """A word as a tsquery operand, quoted (so that the parser does not split it again)."""
    quoted = "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"
    return f"{quoted}:*" if prefix else quoted


def typed_words(model, query):
    """Each word typed, written as the documents' words are, with the close words of the model's documents.

    One query: the typed text goes through the same ``unaccent`` and ``to_tsvector`` as the
    documents; the close words come through the trigram index, nearest first.
    Returns ``{word: [(close word, similarity), ...]}``.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT typed.lexeme, close.word, close.score
            FROM unnest(to_tsvector('simple', unaccent(%s))) AS typed
            LEFT JOIN LATERAL (
                SELECT word, word_similarity(typed.lexeme, word) AS score
                FROM {connection.ops.quote_name(SearchWord._meta.db_table)}
                WHERE source = %s AND char_length(typed.lexeme) >= %s
                ORDER BY typed.lexeme <<-> word
                LIMIT %s
            ) AS close ON true
            """,  # noqa: S608 (a model's own table name)
            [" ".join(words_of(query)), _source(model), SHORTEST_CORRECTED, CORRECTIONS],
        )
        nearest = {}
        for lexeme, word, score in cursor.fetchall():
            nearest.setdefault(lexeme, [])
            if word is not None:
                nearest[lexeme].append((word, score))
    return {lexeme: corrections(lexeme, words) for lexeme, words in nearest.items()}


def corrections(typed, nearest):
    """Which of the nearest document words a typed word may stand for, closest first.

    A typed word that no document holds (as a word, or the start of one) stands for the words
    it is a typo of (a letter or two off: ``is_typo_of``, which also catches other forms of the
    same word, "muncii" and "munca") and for those it is most of (trigram word similarity:
    parts of compounds). One that the documents hold is most likely meant as typed: it only
    stands for the words one letter off as well ("inspectorate", "inspectoratul"); searching
    for every word that shares most of its letters would only slow the search down.
    """
    known = any(word.startswith(typed) for word, _score in nearest)
    close = []
    for word, score in nearest:
        if word.startswith(typed):
            continue  # found as typed
        if is_typo_of(typed, word, allowed=1) if known else score >= WORD_SIMILARITY or is_typo_of(typed, word):
            close.append((word, score))
    return sorted(close, key=lambda pair: -pair[1])


def search(queryset, query):
    """Filter a queryset of a model with a search document by the words typed, best matches first."""
    if not words_of(query):
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    words = typed_words(queryset.model, query)
    if not words:
        return queryset.none().annotate(rank=Value(0.0, output_field=FloatField()))
    every_word, scores = [], []
    for lexeme, close in words.items():
        as_typed = _lexeme(lexeme, prefix=True)
        every_word.append("(" + " | ".join([as_typed, *(_lexeme(word) for word, _score in close)]) + ")")
        if close:
            scores.append(_word_score(as_typed, close))
    # Each word found as typed scores 1 (the same for every row, so only corrected words need an expression).
    rank = sum(scores, Value(float(len(words) - len(scores)), output_field=FloatField()))
    return queryset.filter(_matches(" & ".join(every_word))).annotate(rank=rank)


def _word_score(as_typed, close):
    """How well a row holds a typed word: 1 as typed, else the similarity of the closest word it holds.

    Only the nearest correction is told apart from the others, which share the lowest score: a
    matching row (thousands for a common word) then costs at most two or three ``@@`` tests.
    """
    (nearest, nearest_score), *others = close
    cases = [When(_matches(as_typed), then=Value(1.0)), When(_matches(_lexeme(nearest)), then=Value(nearest_score))]
    lowest = min((score for _word, score in others), default=0.0)
    return Case(*cases, default=Value(lowest), output_field=FloatField())
