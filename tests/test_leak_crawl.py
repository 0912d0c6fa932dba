"""Personal data reach only those who may see them, on every page, search, export and file, as every persona.

A marker is planted in every place of every request that holds personal data (tests/leak_crawl.py).
Every persona then visits every address the URLconf and the admin can form, follows every link and
submits every search form with every marker. The table below, written by hand from the rules of
Regulation (EU) No 1024/2012 as the design states them, says which requests' personal data each
persona may see; the five kinds of personal data (identity, free text, files, answers, notes) share
one rule. A marker anywhere else is a leak; a search that finds a request by a marker the persona may
not read is a leak too (the match tells the name); each response that shows personal data writes
its read in the log; and no mail carries a marker, but the note of a step (a reason, a question) quoted to
a reader who could read the request's notes when the step was taken.
"""

import logging
import os
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import resolve
from django.urls.exceptions import Resolver404

from api.services import areas_for_systems, system_account_create, token_issue
from authorities.models import User
from core.models import OutboxMessage
from requests_app.models import PersonalDataRead
from tests.leak_crawl import NOTES, Crawler, markers_in, plant_world, seed_urls

# R1 draft · R2 awaiting acceptance · R3 open · R4 replied · R5 clarification requested · R6 referred
# R7 closed · R8 withdrawn before acceptance · R9 accepted, answered, then forwarded to another PT authority
# (not accepted there) · R10 closed and blocked · R11 closed, blocked, opened by the PT coordinator with a
# justification · R12 open, one answered question split off to the other PT authority · R12c that child.
# All from the Bulgarian labour inspectorate to the Portuguese tourism authority.

# Who may see a request's personal data, on the request pages (and everywhere but the people's data pages).
PAGES = {
    "bg_handler": {"R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R12", "R12c"},
    "bg_lda": {"R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R12", "R12c"},
    "bg_supervisor": {"R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R12", "R12c"},
    "pt_handler": {"R3", "R4", "R5", "R6", "R7", "R12"},
    "pt_allocator": {"R3", "R4", "R5", "R6", "R7", "R12"},
    "pt_other_handler": set(),
    "pt_coordinator": {"R6", "R11"},
    "bg_coordinator": set(),
    "ro_coordinator": set(),
    "ro_user": set(),
    "bg_helpdesk": set(),
    "stranger": set(),
    "superuser": {"R6"},
}

# On the people's data pages (/requests/data-subjects/..., their exports and correction pages).
PEOPLES_DATA = {
    **PAGES,
    "pt_coordinator": {"R3", "R4", "R5", "R6", "R7", "R12", "R11"},
    "bg_coordinator": {"R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R12", "R12c"},
    "superuser": {"R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R12", "R12c"},
}

# Whose notes a step's mail may quote to a persona: the requests whose notes it could read when the step
# was taken (R10 and R11 were closed before they were blocked; R8 was withdrawn and R9 forwarded before the
# Portuguese accepted them; R12c was never accepted).
NOTES_BY_MAIL = {
    "bg_handler": {"R3", "R4", "R5", "R6", "R7", "R9", "R10", "R11", "R12", "R12c"},
    "pt_handler": {"R3", "R4", "R5", "R6", "R7", "R10", "R11", "R12"},
    "pt_coordinator": {"R6"},
}

# A blocked request a coordinator could open with a justification may be listed there by its reference
# (never with its data) when a search matches it.
LISTED_BY_REFERENCE = {"pt_coordinator": {"R10"}, "superuser": {"R10", "R11"}}

PERSONAS = list(PAGES)
PEOPLES_DATA_PATH = "/requests/data-subjects/"
SUMMARY_LINES = 40


def on_peoples_data(url):
    return urlsplit(url).path.startswith(PEOPLES_DATA_PATH)


def may_see(persona, url):
    return (PEOPLES_DATA if on_peoples_data(url) else PAGES)[persona]


def may_find(persona, url):
    """The requests a search on this page may find by their personal data."""
    listed = LISTED_BY_REFERENCE.get(persona, set()) if on_peoples_data(url) else set()
    return may_see(persona, url) | listed


@dataclass(frozen=True)
class Problem:
    kind: str  # "shown", "found by search", "not in the read log", "in a mail"
    persona: str
    url: str
    requests: tuple
    group: str
    marker: str


def page_of(url):
    try:
        return resolve(urlsplit(url).path).route
    except Resolver404:
        return urlsplit(url).path


class Judge:
    def __init__(self, planted, personas):
        self.planted = planted
        self.personas = personas  # user pk -> persona
        self.problems = []
        self.seen = defaultdict(set)  # persona -> markers seen where allowed

    def __call__(self, user, page, asked, baseline):
        persona = self.personas[user.pk]
        if page.error:
            self.report("server error", persona, page.url, set(), "-", page.error[:80])
        allowed = may_see(persona, page.url)
        keys_read = {self.planted.key_of(pk) for pk in page.new_reads}
        to_log = {}
        # A marker the persona asked for comes back in the search box: what it finds is judged below.
        for text in sorted(markers_in(page.text) - set(asked)):
            marker = self.planted.markers.get(text)
            if marker is None:
                continue
            if marker.owners & allowed:
                self.seen[persona].add(text)
                to_log.setdefault(marker.owners & allowed, marker)
            else:
                self.report("shown", persona, page.url, marker.owners, marker.group, text)
        for owners, marker in to_log.items():
            if not owners & keys_read:
                self.report("not in the read log", persona, page.url, owners, marker.group, marker.text)
        if baseline is None:
            return
        found = page.references - baseline.references
        for value, owners in sorted(asked.items()):
            for key in sorted(owners - may_find(persona, page.url), key=order):
                if self.planted.requests[key].reference in found:
                    marker = self.planted.markers.get(value)
                    group = marker.group if marker else "identity (date of birth)"
                    self.report("found by search", persona, page.url, {key}, group, value)

    def report(self, kind, persona, url, owners, group, marker):
        self.problems.append(Problem(kind, persona, url, tuple(sorted(owners, key=order)), group, marker))

    def check_mails(self):
        personas = {user.email: self.personas[user.pk] for user in User.objects.filter(pk__in=self.personas)}
        texts = []
        for message in mail.outbox:
            text = message.subject + message.body + str(message.alternatives)
            texts.append(("mail.outbox", personas.get(message.to[0]), text))
        for message in OutboxMessage.objects.all():
            texts.append(
                (
                    f"outbox {message.template} to {message.to_email}",
                    personas.get(message.to_email),
                    message.subject + message.body_text + message.body_html,
                )
            )
        for where, persona, text in texts:
            for found in sorted(markers_in(text)):
                marker = self.planted.markers[found]
                if marker.group == NOTES and marker.owners & NOTES_BY_MAIL.get(persona, set()):
                    continue
                self.report("in a mail", persona or "-", where, marker.owners, marker.group, found)


def order(key):
    """R1, R2, ... R12, R12c."""
    number = key[1:].rstrip("c")
    return (int(number) if number.isdigit() else 0, key)


def summary(problems):
    """One line per persona, kind of problem and page: which requests, which kinds of data, one example."""
    lines = defaultdict(lambda: {"requests": defaultdict(set), "count": 0, "example": None})
    for problem in problems:
        line = lines[(problem.kind, problem.persona, page_of(problem.url))]
        line["requests"]["+".join(problem.requests)].add(problem.group)
        line["count"] += 1
        line["example"] = line["example"] or (problem.url, problem.marker)
    rendered = []
    for (kind, persona, page), line in sorted(lines.items()):
        requests = " ".join(
            f"{key}[{','.join(sorted(groups))}]"
            for key, groups in sorted(line["requests"].items(), key=lambda item: order(item[0].split("+")[0]))
        )
        url, marker = line["example"]
        rendered.append(f"{kind.upper()} · {persona} · {page} · {requests} · e.g. {url} ({marker}) ×{line['count']}")
    shown = rendered[:SUMMARY_LINES]
    if len(rendered) > SUMMARY_LINES:
        shown.append(f"... and {len(rendered) - SUMMARY_LINES} more lines")
    return f"{len(problems)} problems:\n" + "\n".join(shown)


@pytest.fixture
def quiet_refusals():
    """The crawl is refused thousands of times (404, 403, 405): only server errors are logged meanwhile."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.mark.crawl
def test_personal_data_reach_only_those_the_table_allows_on_every_page(world, questions, settings, quiet_refusals):
    # Sessions in the cache: the crawl makes thousands of requests, and where a session lives changes no page.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    # A trusted translator: the pages show the planted machine translations of the free texts (no call is made).
    settings.MACHINE_TRANSLATION = {"BACKEND": "libretranslate", "URL": "http://127.0.0.1:9", "TRUSTED": True}
    planted = plant_world(world, questions)
    users = {persona: getattr(world, persona) for persona in PERSONAS}
    judge = Judge(planted, {user.pk: persona for persona, user in users.items()})
    PersonalDataRead.objects.all().delete()
    seeds = seed_urls()
    everything = set(planted.requests)
    visited = {}
    for persona, user in users.items():
        crawler = Crawler(
            user,
            planted,
            judge,
            may_not_find=lambda url, persona=persona: everything - may_find(persona, url),
        )
        crawler.crawl(seeds)
        visited[persona] = crawler.fetched
    # The API, as the national systems of four authorities: each gets exactly what a handler of its own
    # authority gets on the pages (docs/api.md), on every address of /api/v1/ the URLconf can form.
    api_seeds = [seed for seed in seeds if seed.url.startswith("/api/")]
    for persona, authority in [
        ("bg_handler", world.bg_authority),
        ("pt_handler", world.pt_authority),
        ("pt_other_handler", world.pt_other_authority),
        ("stranger", world.lv_authority),
    ]:
        account = system_account_create(
            actor=world.superuser,
            authority=authority,
            name=f"System of {persona}",
            areas=list(areas_for_systems(authority)),
        )
        _row, token = token_issue(actor=world.superuser, account=account, name="crawl", scope="act", days=5)
        judge.personas[account.user.pk] = persona
        crawler = Crawler(
            account.user,
            planted,
            judge,
            may_not_find=lambda url, persona=persona: everything - may_find(persona, url),
        )
        crawler.client.logout()
        crawler.client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        crawler.crawl(api_seeds)
        visited[f"{persona} (API)"] = crawler.fetched
        assert crawler.fetched, f"the API crawl as the system of {persona} fetched nothing"
    judge.check_mails()

    # The crawl is not blind: those who may see everything of a request find every one of its markers.
    blind = []
    for persona, keys in [
        ("bg_handler", PAGES["bg_handler"]),
        ("pt_handler", PAGES["pt_handler"]),
        ("pt_coordinator", {"R6", "R11"}),
    ]:
        expected = {text for text, marker in planted.markers.items() if marker.owners & keys}
        blind += [f"{persona} never saw {text}" for text in sorted(expected - judge.seen[persona])]

    problems = judge.problems
    if os.environ.get("LEAK_CRAWL_REPORT"):
        with open(os.environ["LEAK_CRAWL_REPORT"], "w") as report:
            report.write(f"pages fetched: {visited}\n")
            report.writelines(f"{problem}\n" for problem in problems)
            report.writelines(f"{line}\n" for line in blind)
    assert not problems, summary(problems)
    assert not blind, "The crawl missed what it should have found:\n" + "\n".join(blind[:SUMMARY_LINES])
