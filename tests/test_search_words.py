"""Typed words are corrected against the words of the documents, then found through the full-text index."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from authorities.models import Authority
from authorities.selectors import authorities_search
from authorities.services import authority_search_refresh
from core.models import SearchWord
from core.search import edits_to_starts, is_typo_of, search_words_rebuild, typed_words
from core.tasks import rebuild_search_words
from registers.models import Register
from registers.selectors import registers_search
from registers.services import register_search_refresh
from tests.factories import AuthorityFactory, country


def words(model):
    return set(SearchWord.objects.filter(source=model._meta.label_lower).values_list("word", flat=True))


@pytest.fixture
def estonian(db):
    # Named in Estonian, with an English and a Latvian name beside it.
    return AuthorityFactory(
        official_name="Tööinspektsioon",
        display_name_en="Labour Inspectorate of Estonia",
        display_name_lv="Igaunijas Darba inspekcija",
        country=country("EE"),
        city="Tallinn",
    )


@pytest.fixture
def register(estonian):
    register = Register.objects.create(
        name_en="Register of occupational health specialists",
        country=country("EE"),
        authority=estonian,
        url="https://register.example/",
        coverage="occupational health",
    )
    register_search_refresh(registers=Register.objects.filter(pk=register.pk))
    return register


def test_it_keeps_the_words_of_a_saved_document_without_accents(estonian):
    assert {"tooinspektsioon", "labour", "inspectorate", "igaunijas", "tallinn"} <= words(Authority)


def test_it_corrects_a_typed_word_to_a_word_of_the_documents(estonian):
    corrected = typed_words(Authority, "inspectorat of estnia")
    assert "inspectorat" in corrected  # also searched for as typed, as the start of a word
    assert [word for word, _score in corrected["estnia"]] == ["estonia"]


def test_it_finds_a_name_in_another_language_with_a_typo(estonian):
    assert list(authorities_search(query="igaunjas darba")) == [estonian]  # Latvian, a letter missing
    assert list(authorities_search(query="labour inspectorat estnia")) == [estonian]


def test_a_word_found_as_typed_ranks_before_a_correction(estonian):
    other = AuthorityFactory(official_name="Estnia Labour Office", country=country("EE"))
    assert list(authorities_search(query="estnia labour")) == [other, estonian]


def test_a_word_of_registers_is_no_correction_for_authorities(register):
    assert "specialists" in words(Register)
    assert "specialists" not in words(Authority)
    assert "specialists" not in dict(typed_words(Authority, "specialsts")["specialsts"])
    assert list(registers_search(query="ocupational specialsts")) == [register]


def test_words_of_a_changed_or_deleted_document_are_harmless_and_go_at_the_rebuild(estonian, register):
    Authority.objects.filter(pk=estonian.pk).update(display_name_lv="")
    authority_search_refresh(authorities=Authority.objects.filter(pk=estonian.pk))
    register.delete()
    assert "igaunijas" in words(Authority)  # the old word stays until the rebuild
    assert list(authorities_search(query="igaunijas")) == []
    assert list(registers_search(query="specialists")) == []

    search_words_rebuild(Authority)
    search_words_rebuild(Register)
    assert "igaunijas" not in words(Authority)
    assert "tooinspektsioon" in words(Authority)
    assert words(Register) == set()


def test_a_nightly_task_drops_the_words_no_document_holds(estonian):
    SearchWord.objects.create(source="authorities.authority", word="arbeitsinspektorat")
    rebuild_search_words.delay()
    assert "arbeitsinspektorat" not in words(Authority)
    assert "tooinspektsioon" in words(Authority)
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "core.tasks.rebuild_search_words" in schedule


def test_the_rebuild_command_collects_the_words_of_documents_written_in_bulk(estonian):
    SearchWord.objects.all().delete()
    out = StringIO()
    call_command("search_words_rebuild", stdout=out)
    assert "authorities.authority:" in out.getvalue()
    assert "tooinspektsioon" in words(Authority)
    assert list(authorities_search(query="tooinspektsion")) == [estonian]


def test_it_sets_nothing_in_the_session_and_does_not_depend_on_it(estonian):
    with connection.cursor() as cursor:
        # A server configured otherwise (or a pooled connection left so) changes nothing.
        cursor.execute("SET pg_trgm.similarity_threshold = 0.99")
        cursor.execute("SET pg_trgm.word_similarity_threshold = 0.99")
    with CaptureQueriesContext(connection) as queries:
        found = list(authorities_search(query="tooinspektsion labour"))
    assert found == [estonian]
    assert not [query["sql"] for query in queries.captured_queries if "SET " in query["sql"].upper()]
    assert len(queries.captured_queries) == 2  # the correction of the typed words, then the search


def test_punctuation_alone_finds_everything_and_unknown_symbols_nothing(estonian):
    assert estonian in set(authorities_search(query=" - "))
    assert list(authorities_search(query="??")) == []


@pytest.mark.parametrize(
    ("typed", "word", "expected"),
    [
        ("gide", "guide", True),  # a letter missing in a short word
        ("inspekcjia", "inspekcija", True),  # two letters swapped
        ("minstr", "ministry", True),  # the start of a word, a letter missing
        ("helth", "healthcare", True),
        ("gide", "identity", False),  # short words are not compared with shorter starts
        ("inspekcija", "inspektsioon", False),
    ],
)
def test_a_typo_is_a_letter_or_two_off(typed, word, expected):
    assert is_typo_of(typed, word) is expected


def test_edits_count_a_swap_as_one_and_give_the_distance_to_every_start_of_the_word():
    assert edits_to_starts("abcd", "abdc")[-1] == 1
    assert edits_to_starts("kitten", "sitting")[-1] == 3
    assert edits_to_starts("helth", "healthcare") == [5, 4, 3, 3, 3, 2, 1, 2, 3, 4, 5]
    # Within a bound, only what is within it is exact.
    assert edits_to_starts("helth", "healthcare", 1) == [2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2]


@pytest.mark.parametrize("query", ["o'brien", "a\\b", "''", "%_", "\x01", "tallinn\\"])
def test_quotes_backslashes_and_odd_characters_are_no_error(estonian, query):
    list(authorities_search(query=query))


@pytest.mark.parametrize("query", ["!(tallinn) & labour:*", "tallinn <-> 'labour'", "tallinn|labour"])
def test_full_text_operators_typed_are_only_words(estonian, query):
    assert list(authorities_search(query=query)) == [estonian]
