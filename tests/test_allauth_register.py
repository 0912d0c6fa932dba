"""allauth's pages speak to a civil servant as the portal does: formally, in the portal's words.

allauth's own Estonian and Romanian (and, on a few buttons, Bulgarian) address the reader
informally ("Su konto", "Esti sigur(a)", "Забрави си паролата?"), and Django's password rules
are half in English in Romanian and Bulgarian. core/locale_allauth/ says them in the portal's
register; these tests render the login, password, two-factor and sign-out pages the portal
uses and look for what must not be there.
"""

import re
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from tests.catalogues import entries, translation_of
from tests.factories import PASSWORD

OVERRIDES = Path(settings.BASE_DIR) / "core" / "locale_allauth"

# What must not appear on a page in each language: the informal address and allauth's own words
# where the portal has others. Written independently of the catalogues under test.
INFORMAL = {
    "et": re.compile(
        r"\b(sa|Sa|su|Su|sind|sinu|Sinu|sulle|sinult|Unustasid|Sisesta|Palun sisesta|salasõna\w*|Salasõna\w*)\b"
    ),
    "ro": re.compile(
        r"(\((a|ă)\)|\b(Esti|Ești|ești|tău|tale|Te rugam|Te rugăm|Ai uitat|Ți-ai|îți|Introdu|Tine-ma|Reseteaza|Schimba|"
        r"Conecteaza-te|Deconecteaza-te|Folosește-ți|Poți|poți)\b|This password)"
    ),
    "bg": re.compile(r"(\bти\b|\bтвоя|Забрави си|Запомни ме|Възстанови паролата ми|апликация|This password)"),
}
# Text each page must show, in the portal's register, so that a page that failed to render
# (or rendered in English) cannot pass for a polite one.
EXPECTED = {
    "et": {
        "reset": "Sisestage allpool oma e-posti aadress",
        "mfa": "Teie konto on kaitstud kaheastmelise autentimisega",
        "password_rules": "Teie parool ei tohi koosneda ainult numbritest.",
        "logout": "Kas soovite kindlasti välja logida?",
    },
    "ro": {
        "reset": "Introduceți mai jos adresa de e-mail",
        "mfa": "Contul dumneavoastră este protejat",
        "password_rules": "Parola dumneavoastră nu poate fi formată numai din cifre.",
        "logout": "Doriți să vă deconectați?",
    },
    "bg": {
        "reset": "Въведете вашия имейл адрес",
        "mfa": "Моля, въведете кода от приложението за удостоверяване",
        "password_rules": "Вашата парола не може да бъде само от цифри.",
        "logout": "Сигурни ли сте, че искате да излезете?",
    },
}
LANGUAGES = sorted(INFORMAL)


def visible_text(response):
    """The words of the page's main part, as a reader sees them."""
    html = response.content.decode()
    html = re.sub(r"(?s)<(script|style|svg)\b.*?</\1>", " ", html)
    main = re.search(r"(?s)<main\b.*?</main>", html)
    return re.sub(r"\s+", " ", strip_tags(main.group(0) if main else html))


def anonymous_pages(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    yield "login", client.get(reverse("account_login"))
    yield "login failed", client.post(reverse("account_login"), {"login": "nobody@x.test", "password": "wrong"})
    yield "reset", client.get(reverse("account_reset_password"))
    yield "reset sent", client.get(reverse("account_reset_password_done"))
    yield "reset link spent", client.get("/accounts/password/reset/key/1-set-password/")
    yield "reset done", client.get(reverse("account_reset_password_from_key_done"))


def coordinator_login_pages(client, world, language):
    # A coordinator's login stops at the authenticator code.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.post(reverse("account_login"), {"login": world.bg_coordinator.email, "password": PASSWORD})
    yield "mfa", client.get(reverse("mfa_authenticate"))
    yield "mfa wrong code", client.post(reverse("mfa_authenticate"), {"code": "000000"})


def logged_in_pages(client, world, language):
    # A handler in their own language: the pages of their account.
    handler = world.bg_handler
    handler.preferred_language = language
    handler.save(update_fields=["preferred_language"])
    # A real login: setting up an authenticator asks for a recent one.
    client.post(reverse("account_login"), {"login": handler.email, "password": PASSWORD})
    yield "totp activate", client.get(reverse("mfa_activate_totp"))
    yield "mfa index", client.get(reverse("mfa_index"))
    yield "password_rules", client.get(reverse("account_change_password"))
    yield (
        "password change refused",
        client.post(
            reverse("account_change_password"), {"oldpassword": "wrong", "password1": "12345", "password2": "12346"}
        ),
    )
    yield "reauthenticate", client.get(reverse("account_reauthenticate"))
    with_app = world.bg_coordinator
    with_app.preferred_language = language
    with_app.save(update_fields=["preferred_language"])
    client.force_login(with_app)
    yield "mfa index with app", client.get(reverse("mfa_index"))
    yield "logout", client.get(reverse("account_logout"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_allauth_s_pages_address_the_reader_formally(world, language):
    assert Authenticator.objects.filter(user=world.bg_coordinator).exists()
    pages = [
        *anonymous_pages(Client(), language),
        *coordinator_login_pages(Client(), world, language),
        *logged_in_pages(Client(), world, language),
    ]
    texts = {}
    for name, response in pages:
        assert response.status_code == 200, name
        texts[name] = visible_text(response)
    informal = {name: INFORMAL[language].findall(text) for name, text in texts.items()}
    assert {name: found for name, found in informal.items() if found} == {}
    for name, expected in EXPECTED[language].items():
        assert expected in texts[name], name


@pytest.mark.parametrize("language", sorted(path.name for path in OVERRIDES.iterdir()))
def test_every_override_comes_out_at_run_time(language):
    # Neither shadowed by another catalogue nor left uncompiled: each entry is what gettext gives.
    overrides = entries(OVERRIDES / language / "LC_MESSAGES" / "django.po")
    assert len(overrides) > 10
    with translation.override(language):
        for entry in overrides:
            context = entry.get("msgctxt")
            if "msgid_plural" in entry:
                if context is None:
                    found = translation.ngettext(entry["msgid"], entry["msgid_plural"], 1)
                else:
                    found = translation.npgettext(context, entry["msgid"], entry["msgid_plural"], 1)
                assert found == entry["msgstr[0]"], entry["msgid"]
            elif context is None:
                assert translation.gettext(entry["msgid"]) == translation_of(entry), entry["msgid"]
            else:
                assert translation.pgettext(context, entry["msgid"]) == translation_of(entry), entry["msgid"]


def test_languages_that_need_no_override_have_none():
    # Danish public administration says "du", as the portal does; allauth's Latvian says "jūs". Irish, Maltese
    # and Portuguese (Django's "pt") have no allauth catalogue at all: the portal's is the whole of it.
    assert sorted(path.name for path in OVERRIDES.iterdir()) == ["bg", "et", "ga", "mt", "pt", "ro"]
