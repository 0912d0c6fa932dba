"""The people the tests are about.

A small world: a Bulgarian authority with an LDA and a handler who back each
other up, a Portuguese authority, the national coordinators of Bulgaria and
Romania, Bulgaria's helpdesk, and a stranger from Latvia who must see nothing
of the others.
"""

import datetime
import socket
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from authorities.models import Authority
from tests.factories import AuthorityFactory, UserFactory, country, make_backup

TOTP_SECRET = "JBSWY3DPEHPK3PXP"


def with_authenticator(user):
    """Coordinators and helpdesk staff cannot use the portal before they set up MFA."""
    TOTP.activate(user, TOTP_SECRET)
    return user


class World:
    def __init__(self):
        self.bg_authority = AuthorityFactory(
            official_name="Изпълнителна агенция „Главна инспекция по труда“",
            display_name_en="General Labour Inspectorate Executive Agency",
            country=country("BG"),
            city="София",
            areas=["posting-of-workers", "services", "professional-qualifications"],
        )
        self.pt_authority = AuthorityFactory(
            official_name="Turismo de Portugal, I.P.",
            country=country("PT"),
            city="Lisboa",
            areas=["professional-qualifications"],
        )
        self.ro_authority = AuthorityFactory(
            official_name="Inspecția Muncii",
            country=country("RO"),
            city="București",
            areas=["posting-of-workers"],
        )
        self.lv_authority = AuthorityFactory(
            official_name="Valsts darba inspekcija",
            country=country("LV"),
            city="Rīga",
            areas=["posting-of-workers"],
        )
        # The LDA of the Bulgarian authority, also a request handler there.
        self.bg_lda = UserFactory(
            email="lda@bg.test",
            full_name="Мария Иванова",
            authority=self.bg_authority,
            is_lda=True,
            preferred_language="bg",
            roles=[("posting-of-workers", "handler"), ("professional-qualifications", "handler")],
        )
        # A request handler of the same Bulgarian authority.
        self.bg_handler = UserFactory(
            email="handler@bg.test",
            full_name="Георги Петров",
            authority=self.bg_authority,
            preferred_language="bg",
            roles=[("posting-of-workers", "handler"), ("professional-qualifications", "handler")],
        )
        # A supervisor of the Bulgarian authority: reads, never acts.
        self.bg_supervisor = UserFactory(
            email="supervisor@bg.test",
            full_name="Десислава Николова",
            authority=self.bg_authority,
            preferred_language="bg",
            roles=[("professional-qualifications", "supervisor")],
        )
        make_backup(self.bg_lda, self.bg_handler)
        make_backup(self.bg_handler, self.bg_lda)
        # A request handler of the Portuguese tourism authority.
        self.pt_handler = UserFactory(
            email="handler@pt.test",
            full_name="Ana Silva",
            authority=self.pt_authority,
            is_lda=True,
            roles=[("professional-qualifications", "handler")],
        )
        # An allocator of the Portuguese authority, who assigns incoming requests.
        self.pt_allocator = UserFactory(
            email="allocator@pt.test",
            full_name="Rui Costa",
            authority=self.pt_authority,
            roles=[("professional-qualifications", "allocator")],
        )
        # Another Portuguese authority competent for qualifications, to forward to.
        self.pt_other_authority = AuthorityFactory(
            official_name="Direção-Geral do Ensino Superior",
            country=country("PT"),
            city="Lisboa",
            areas=["professional-qualifications"],
        )
        self.pt_other_handler = UserFactory(
            email="handler@dges.pt.test",
            full_name="Marta Lopes",
            authority=self.pt_other_authority,
            roles=[("professional-qualifications", "handler")],
        )
        # Portugal's national coordinator: allocates what is forwarded to it, mediates referrals.
        self.pt_coordinator = with_authenticator(
            UserFactory(
                email="coordinator@pt.test",
                full_name="Ana Ferreira",
                authority=AuthorityFactory(
                    official_name="Direção-Geral das Atividades Económicas",
                    country=country("PT"),
                    coordinator_type=Authority.CoordinatorType.NATIONAL,
                ),
            )
        )
        # A Romanian user, in the Romanian coordinator's scope only.
        self.ro_user = UserFactory(email="user@ro.test", full_name="Ion Popescu", authority=self.ro_authority)
        # A stranger: a Latvian LDA who must see nothing of the Bulgarian or Portuguese authorities.
        self.stranger = UserFactory(
            email="stranger@lv.test",
            full_name="Jānis Bērziņš",
            authority=self.lv_authority,
            is_lda=True,
            preferred_language="lv",
        )
        # The national coordinators of Bulgaria and Romania.
        self.bg_coordinator = with_authenticator(
            UserFactory(
                email="coordinator@bg.test",
                full_name="Елена Димитрова",
                authority=AuthorityFactory(
                    official_name="Министерски съвет — национален координатор",
                    country=country("BG"),
                    coordinator_type=Authority.CoordinatorType.NATIONAL,
                ),
            )
        )
        self.ro_coordinator = with_authenticator(
            UserFactory(
                email="coordinator@ro.test",
                full_name="Andrei Ionescu",
                authority=AuthorityFactory(
                    official_name="Ministerul Afacerilor Externe — coordonator național",
                    country=country("RO"),
                    coordinator_type=Authority.CoordinatorType.NATIONAL,
                ),
            )
        )
        # Staff of Bulgaria's national helpdesk: manages Bulgarian users, belongs to no authority.
        self.bg_helpdesk = with_authenticator(
            UserFactory(
                email="helpdesk@bg.test", full_name="Иван Колев", authority=None, helpdesk_country=country("BG")
            )
        )
        self.superuser = with_authenticator(
            UserFactory(email="admin@imi.test", full_name="Portal Administrator", authority=None, is_superuser=True)
        )


TESTS = Path(__file__).resolve().parent
# Tests marked by where they live, as "file" or "file::test" prefixes (pyproject.toml
# describes each marker). `make test-fast` leaves them out; `make test` and CI run them.
MARKED = {
    "browser": ["browser/"],
    "fault": ["test_faults.py", "test_database_restart.py", "test_celery_delivery.py", "test_replicas.py"],
    "crawl": ["test_leak_crawl.py"],
    "slow": [
        "test_bench_",
        "test_every_language.py",  # every page in each of the 23 languages but English
        "test_fuzz.py",  # hypothesis: hundreds of generated forms each
        "test_fuzz_admin.py",
        "test_seed_demo.py",  # seeds the whole demo world
        "test_demo_content.py::test_the_requests_dates_are_counted_from_the_day_of_the_seed",  # seeds it too
        "test_admin_pages.py::test_every_admin_page_answers_every_persona_without_an_error",
        "test_request_pages.py::test_the_lists_cost_the_same_queries_for_many_requests",
        "test_getting_started.py::test_the_nightly_reset_restores_the_demo_world_only_in_training",
    ],
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        where = f"{Path(item.path).resolve().relative_to(TESTS).as_posix()}::{item.name}"
        for marker, prefixes in MARKED.items():
            if where.startswith(tuple(prefixes)):
                item.add_marker(marker)


def pytest_addoption(parser):
    parser.addoption(
        "--today",
        metavar="YYYY-MM-DD[THH:MM]",
        help="run the whole session on this day (Brussels time; noon if no time is given), the clock ticking "
        "from there, and stop the clock of the tests that use `frozen_now` at that moment instead of their own: "
        "shows the suite holds on any date, e.g. --today 2028-02-29T23:45",
    )


def brussels(given):
    moment = datetime.datetime.fromisoformat(given if "T" in given else f"{given}T12:00")
    return moment.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))


def given_today(config):
    """The moment of --today, or None."""
    given = config.getoption("--today")
    return brussels(given) if given else None


TRAVEL = pytest.StashKey()


def pytest_configure(config):
    # From collection on (module-level dates too) to the end; the clock keeps ticking, so
    # timeouts, expiries and waits behave as on any other day.
    if moment := given_today(config):
        config.stash[TRAVEL] = time_machine.travel(moment, tick=True)
        config.stash[TRAVEL].start()


def pytest_unconfigure(config):
    if TRAVEL in config.stash:
        config.stash[TRAVEL].stop()


@pytest.fixture
def frozen_now(request):
    """Stops the clock at a fixed moment (or the one given with --today); returns it.

    A test that uses it sets its dates relative to this moment, so it passes on the 1st of
    a month, on New Year's Day or on 29 February as it does on the day it was written.
    """
    moment = given_today(request.config) or brussels(getattr(request.module, "FROZEN_AT", "2026-06-17T10:00"))
    with time_machine.travel(moment, tick=False):
        yield moment


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in English: a page requested as a Bulgarian user leaves Bulgarian active in
    the thread, so a test would otherwise depend on which ran before it (as under pytest-xdist)."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def count_queries(client):
    """How many queries a page costs; list pages must cost the same for few and many rows."""

    def count(url):
        # A first visit may write once (the checklist remembers pages seen): count a later one.
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    return count


@pytest.fixture
def world(db):
    return World()


class QuestionSetFactoryData:
    """A small question set of professional qualifications, one question of each kind."""

    @staticmethod
    def create():
        from requests_app.models import AnswerOption, Question, QuestionSet
        from tests.factories import area

        question_set = QuestionSet.objects.create(
            legislative_area=area("professional-qualifications"),
            code="pq-test",
            name_en="Professional qualifications",
            name_bg="Професионални квалификации",
        )
        texts = [
            (
                "yes_no",
                "Is the person registered as a tourist guide in your country?",
                "Регистрирано ли е лицето като екскурзовод във вашата държава?",
            ),
            (
                "choice",
                "Which qualification level does the diploma correspond to?",
                "На кое квалификационно ниво съответства дипломата?",
            ),
            (
                "text",
                "Has the professional been subject to disciplinary sanctions?",
                "Налагани ли са на специалиста дисциплинарни наказания?",
            ),
            (
                "date",
                "Since when has the professional pursued the activity?",
                "От кога специалистът упражнява дейността?",
            ),
        ]
        questions = []
        for order, (kind, english, bulgarian) in enumerate(texts):
            question = Question.objects.create(
                question_set=question_set, order=order, kind=kind, text_en=english, text_bg=bulgarian
            )
            questions.append(question)
        for order, (english, bulgarian) in enumerate(
            [("Certificate", "Удостоверение"), ("Diploma", "Диплома"), ("Degree", "Степен")]
        ):
            AnswerOption.objects.create(question=questions[1], order=order, text_en=english, text_bg=bulgarian)
        return questions


@pytest.fixture
def questions(db):
    return QuestionSetFactoryData.create()


# Outbound connections (the register link checker, the webhooks): made-up host names, and every connection
# attempted, none leaving this machine.
REAL_GETADDRINFO = socket.getaddrinfo
REAL_CONNECT = socket.socket.connect


@pytest.fixture
def dns(monkeypatch):
    """Names the tests make up, resolved to the addresses given; any other name as the machine resolves it."""
    names = {}

    def getaddrinfo(host, port, *args, **kwargs):
        if host in names:
            answers = names[host]
            addresses = answers.pop(0) if isinstance(answers[0], list) else answers
            return [
                (socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))
                for address in addresses
            ]
        return REAL_GETADDRINFO(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return names


@pytest.fixture
def connections(monkeypatch):
    """Every connection the checker attempts; only those to 127.0.0.0/8 go through."""
    attempts = []

    def connect(sock, address):
        attempts.append(address[0])
        if not address[0].startswith("127."):
            raise ConnectionRefusedError("the tests connect to nothing beyond this machine")
        return REAL_CONNECT(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempts
