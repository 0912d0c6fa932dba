"""Every page in every one of the 24 languages says nothing in English that its catalogue translates.

The pages are those of the URLconf (tests/leak_crawl.seed_urls), one address per route, each opened
by the first persona who may (a requester, a responder, a coordinator, a helpdesk member, a
superuser in the admin, or nobody logged in), on a world of requests in several states with a
translator configured. Each page is fetched once per language and read as a person would
(tests/english.py): its own words must hold no English text that the language's catalogues
translate, and it must say that it is in that language.
"""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation

from requests_app.models import Question, Status
from tests.english import english_in, own_words
from tests.leak_crawl import seed_urls
from tests.request_states import request_in

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
PERSONAS = ["bg_handler", "pt_handler", "pt_coordinator", "bg_helpdesk", "stranger", "superuser"]


def clients(world):
    found = {}
    for persona in PERSONAS:
        client = Client()
        client.force_login(getattr(world, persona))
        found[persona] = client
    found["anonymous"] = Client()
    return found


def pages(by_persona):
    """One address of each route that answers with a page, and the first persona it answers."""
    chosen = {}
    for seed in seed_urls():
        try:
            route = resolve(urlsplit(seed.url).path).route
        except Resolver404:
            continue
        if route in chosen:
            continue
        for persona, client in by_persona.items():
            response = client.get(seed.url)
            if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
                chosen[route] = (persona, seed.url)
                break
    return sorted(chosen.values())


@pytest.fixture
def world_of_requests(world, settings):
    settings.MACHINE_TRANSLATION = {"BACKEND": "libretranslate", "URL": "http://127.0.0.1:9", "TRUSTED": True}
    # The superuser's name is shown on every admin page: a person's name, not the English words "Portal Administrator".
    world.superuser.full_name = "Aino Virtanen"
    world.superuser.save(update_fields=["full_name"])
    # The production question set of the leaflet's story (loaded by the migrations), in every language.
    questions = list(
        Question.objects.filter(question_set__code="pq-tourist-guides", kind__in=["yes_no", "choice", "text", "date"])
    )
    with translation.override("bg"):
        for status in (Status.DRAFT, Status.OPEN, Status.CLARIFICATION_REQUESTED, Status.REFERRED, Status.CLOSED):
            request_in(world, questions, status)
    # The change log keeps each change in the words of whoever made it: the Portuguese LDA works in Portuguese.
    with translation.override("pt"):
        national_systems(world)
    return world


def national_systems(world):
    """A national system of the Portuguese authority, whose LDA (pt_handler) opens its pages: an account, a
    token, an endpoint and a failed delivery."""
    from api import services as systems
    from api.models import WebhookDelivery

    actor, authority = world.pt_handler, world.pt_authority
    account = systems.system_account_create(
        actor=actor, authority=authority, name="SIGA", areas=authority.legislative_areas.all()
    )
    systems.token_issue(actor=actor, account=account, name="SIGA", scope="read", days=30)
    endpoint = systems.webhook_endpoint_save(
        actor=actor, authority=authority, url="https://siga.pt.example/hooks", event_types=["request.send"]
    )
    WebhookDelivery.objects.create(
        endpoint=endpoint,
        message_id="msg_every_language",
        event_type="request.send",
        payload={},
        state=WebhookDelivery.State.FAILED,
        attempts=10,
        last_status=503,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_is_in_the_language_with_no_english_left(world_of_requests, language):
    world = world_of_requests
    by_persona = clients(world)
    found = pages(by_persona)
    assert len(found) > 60, "the pages were not found: the test would pass on nothing"
    for persona in PERSONAS:
        user = getattr(world, persona)
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    by_persona["anonymous"].cookies[settings.LANGUAGE_COOKIE_NAME] = language

    problems = []
    for persona, url in found:
        response = by_persona[persona].get(url)
        page_language, texts = own_words(response.content.decode())
        if response.status_code != 200 or page_language != language:
            problems.append(f"{persona} {url}: {response.status_code}, in {page_language!r}")
            continue
        leftovers = english_in(texts, language)
        if leftovers:
            where = [next(text[:90] for text in texts if word in text) for word in leftovers]
            problems.append(
                f"{persona} {url}: " + "; ".join(f"{w!r} in {t!r}" for w, t in zip(leftovers, where, strict=False))
            )
    assert problems == [], f"{len(problems)} pages in {language} with English:\n" + "\n".join(problems)
