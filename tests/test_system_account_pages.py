"""An authority's LDA manages its national systems: their accounts, tokens and webhook endpoints.

Personas (tests/conftest.py): the Bulgarian LDA (bg_lda) manages the Bulgarian authority's systems; a
request handler of the same authority (bg_handler) is no LDA; the Latvian LDA (stranger) manages only
their own authority's; the Romanian coordinator (ro_coordinator) looks after another country.
"""

import uuid
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone, translation

from api import services
from api.models import ApiToken, SystemAccount, WebhookDelivery, WebhookEndpoint
from tests.factories import area


def in_bulgarian(text):
    """What the Bulgarian LDA reads for ``text`` (a msgid or a lazy label)."""
    with translation.override("bg"):
        return str(translation.gettext(text) if isinstance(text, str) else text)


WRONG_PEOPLE = ["bg_handler", "stranger", "ro_coordinator"]


@pytest.fixture
def bg_systems(world):
    """A national system of the Bulgarian authority with one token, and one webhook endpoint with a failed delivery."""
    account = services.system_account_create(
        actor=world.bg_lda, authority=world.bg_authority, name="Bulgarian case system", areas=[area("services")]
    )
    token, _secret = services.token_issue(actor=world.bg_lda, account=account, name="production", scope="read", days=30)
    endpoint = services.webhook_endpoint_save(
        actor=world.bg_lda,
        authority=world.bg_authority,
        url="https://cases.bg.example/hooks",
        event_types=["request.accept"],
    )
    delivery = delivery_of(endpoint, state=WebhookDelivery.State.FAILED)
    return {"account": account, "token": token, "endpoint": endpoint, "delivery": delivery}


def delivery_of(endpoint, state=WebhookDelivery.State.DELIVERED, **fields):
    failed = state == WebhookDelivery.State.FAILED
    values = {
        "endpoint": endpoint,
        "message_id": f"msg_{uuid.uuid4().hex}",
        "event_type": "request.accept",
        "payload": {"type": "request.accept"},
        "state": state,
        "attempts": 1,
        "last_status": 500 if failed else 200,
        "last_error": "Internal Server Error" if failed else "",
        "delivered_at": None if failed else timezone.now(),
    }
    return WebhookDelivery.objects.create(**{**values, **fields})


def pages(systems):
    """Every page, with the object it is about."""
    return [
        ("systems:systems", []),
        ("systems:account_new", []),
        ("systems:account_revoke", [systems["account"].pk]),
        ("systems:token_new", [systems["account"].pk]),
        ("systems:token_revoke", [systems["token"].pk]),
        ("systems:endpoint_new", []),
        ("systems:endpoint", [systems["endpoint"].pk]),
        ("systems:endpoint_edit", [systems["endpoint"].pk]),
        ("systems:endpoint_delete", [systems["endpoint"].pk]),
        ("systems:deliveries", [systems["endpoint"].pk]),
    ]


def test_the_lda_opens_every_page(client, world, bg_systems):
    client.force_login(world.bg_lda)
    for name, args in pages(bg_systems):
        assert client.get(reverse(name, args=args)).status_code == 200, name


@pytest.mark.parametrize("persona", WRONG_PEOPLE)
def test_the_wrong_person_gets_404_for_the_authority_s_systems(client, world, bg_systems, persona):
    client.force_login(getattr(world, persona))
    for name, args in pages(bg_systems):
        if not args and persona != "bg_handler":
            continue  # their own authority's page: below
        assert client.get(reverse(name, args=args)).status_code == 404, name
        assert client.post(reverse(name, args=args)).status_code == 404, name
    url = reverse("systems:delivery_send_again", args=[bg_systems["delivery"].pk])
    assert client.post(url).status_code == 404


def test_another_lda_sees_only_their_own_authority_s_systems(client, world, bg_systems):
    client.force_login(world.stranger)
    response = client.get(reverse("systems:systems"))
    assert response.status_code == 200
    assert "Bulgarian case system" not in response.content.decode()
    assert "cases.bg.example" not in response.content.decode()


def test_anonymous_people_are_sent_to_log_in(client, world, bg_systems):
    for name, args in [*pages(bg_systems), ("systems:delivery_send_again", [bg_systems["delivery"].pk])]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("account_login")), name


def test_the_list_shows_accounts_tokens_and_endpoints(client, world, bg_systems):
    client.force_login(world.bg_lda)
    page = client.get(reverse("systems:systems")).content.decode()
    assert "Bulgarian case system" in page
    assert "production" in page
    assert in_bulgarian(ApiToken.Scope.READ.label) in page
    assert "https://cases.bg.example/hooks" in page


def test_my_authority_links_to_the_systems_for_the_lda_only(client, world):
    client.force_login(world.bg_lda)
    assert reverse("systems:systems") in client.get(reverse("authorities:my_authority")).content.decode()
    client.force_login(world.bg_handler)
    assert reverse("systems:systems") not in client.get(reverse("authorities:my_authority")).content.decode()


def test_the_lda_creates_an_account_in_the_areas_of_the_authority(client, world):
    client.force_login(world.bg_lda)
    posting = area("posting-of-workers")
    response = client.post(reverse("systems:account_new"), {"name": "Case system", "areas": [posting.pk]})
    account = SystemAccount.objects.get(authority=world.bg_authority)
    assert response.status_code == 302
    assert response["Location"] == reverse("systems:token_new", args=[account.pk])
    assert account.user.is_system
    assert list(account.user.roles.values_list("legislative_area__code", "kind")) == [("posting-of-workers", "handler")]
    assert account.created_by == world.bg_lda
    assert LogEntry.objects.filter(object_id=str(account.pk), user=world.bg_lda).exists()


def test_an_area_the_authority_is_not_competent_for_is_not_offered(client, world):
    client.force_login(world.bg_lda)
    documents = area("public-documents")
    response = client.post(reverse("systems:account_new"), {"name": "Case system", "areas": [documents.pk]})
    assert response.status_code == 200
    assert not SystemAccount.objects.exists()


def test_a_token_is_shown_once(client, world, bg_systems):
    client.force_login(world.bg_lda)
    url = reverse("systems:token_new", args=[bg_systems["account"].pk])
    response = client.post(url, {"name": "test server", "scope": "act", "days": "90"})
    assert response.status_code == 200
    row = ApiToken.objects.get(name="test server")
    token = response.context["token"]
    assert token.startswith(f"imi_{row.prefix}_")
    assert token in response.content.decode()
    assert in_bulgarian("Copy the token now: it will not be shown again.") in response.content.decode()
    assert services.token_for(token) == row
    assert row.scope == "act"
    assert row.expires_at.date() == (timezone.now() + timedelta(days=90)).date()
    # Nowhere else: not kept in the session, not in a message, not on any later page.
    assert token not in str(dict(client.session))
    for later in (url, reverse("systems:systems")):
        assert token not in client.get(later).content.decode()


def test_a_token_lives_no_longer_than_the_settings_allow(client, world, bg_systems, settings):
    settings.IMI_API_TOKEN_MAX_DAYS = 30
    client.force_login(world.bg_lda)
    url = reverse("systems:token_new", args=[bg_systems["account"].pk])
    assert client.get(url).context["form"]["days"].initial == 30
    response = client.post(url, {"name": "long", "scope": "read", "days": "31"})
    assert response.status_code == 200
    assert not ApiToken.objects.filter(name="long").exists()


def test_revoking_a_token_asks_first_then_revokes_it(client, world, bg_systems):
    client.force_login(world.bg_lda)
    token = bg_systems["token"]
    url = reverse("systems:token_revoke", args=[token.pk])
    assert client.get(url).status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is None
    assert client.post(url).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get(url).status_code == 404  # nothing left to revoke


def test_revoking_an_account_asks_first_then_revokes_it_and_its_tokens(client, world, bg_systems):
    client.force_login(world.bg_lda)
    account = bg_systems["account"]
    url = reverse("systems:account_revoke", args=[account.pk])
    assert client.get(url).status_code == 200
    account.refresh_from_db()
    assert not account.is_revoked
    assert client.post(url).status_code == 302
    account.refresh_from_db()
    assert account.is_revoked
    assert not account.tokens.filter(revoked_at__isnull=True).exists()
    # A revoked account gets no new token.
    assert client.get(reverse("systems:token_new", args=[account.pk])).status_code == 404


def test_the_lda_registers_edits_and_deletes_an_endpoint(client, world):
    client.force_login(world.bg_lda)
    response = client.post(
        reverse("systems:endpoint_new"),
        {"url": "https://cases.bg.example/in", "event_types": ["request.send", "request.reply"], "is_active": "on"},
    )
    endpoint = WebhookEndpoint.objects.get(authority=world.bg_authority)
    assert response["Location"] == reverse("systems:endpoint", args=[endpoint.pk])
    assert endpoint.event_types == ["request.reply", "request.send"]
    assert endpoint.created_by == world.bg_lda
    page = client.get(reverse("systems:endpoint", args=[endpoint.pk])).content.decode()
    assert endpoint.secret in page
    assert in_bulgarian("Signing secret") in page

    client.post(
        reverse("systems:endpoint_edit", args=[endpoint.pk]),
        {"url": "https://cases.bg.example/in", "event_types": ["request.close"]},
    )
    endpoint.refresh_from_db()
    assert endpoint.event_types == ["request.close"]
    assert not endpoint.is_active

    url = reverse("systems:endpoint_delete", args=[endpoint.pk])
    assert client.get(url).status_code == 200
    assert WebhookEndpoint.objects.filter(pk=endpoint.pk).exists()
    client.post(url)
    assert not WebhookEndpoint.objects.filter(pk=endpoint.pk).exists()


def test_an_endpoint_needs_https_and_known_events(client, world):
    client.force_login(world.bg_lda)
    response = client.post(
        reverse("systems:endpoint_new"), {"url": "http://cases.bg.example/in", "event_types": ["request.send"]}
    )
    assert response.status_code == 200
    response = client.post(
        reverse("systems:endpoint_new"), {"url": "https://cases.bg.example/in", "event_types": ["request.nothing"]}
    )
    assert response.status_code == 200
    assert not WebhookEndpoint.objects.exists()


def test_the_delivery_log_lists_the_newest_first(client, world, bg_systems):
    endpoint = bg_systems["endpoint"]
    delivery_of(endpoint, created_at=timezone.now() + timedelta(minutes=1), last_error="the newest")
    client.force_login(world.bg_lda)
    response = client.get(reverse("systems:deliveries", args=[endpoint.pk]))
    rows = [delivery for delivery, _event in response.context["rows"]]
    assert [row.last_error for row in rows] == ["the newest", "Internal Server Error"]
    assert in_bulgarian(WebhookDelivery.State.FAILED.label) in response.content.decode()


def test_the_delivery_log_costs_the_same_queries_for_1_and_30_deliveries(client, world, bg_systems, count_queries):
    client.force_login(world.bg_lda)
    url = reverse("systems:deliveries", args=[bg_systems["endpoint"].pk])
    one = count_queries(url)
    for _ in range(29):
        delivery_of(bg_systems["endpoint"])
    assert count_queries(url) == one


def test_send_again_starts_a_failed_delivery_again(client, world, bg_systems):
    client.force_login(world.bg_lda)
    delivery = bg_systems["delivery"]
    response = client.post(reverse("systems:delivery_send_again", args=[delivery.pk]))
    assert response["Location"] == reverse("systems:deliveries", args=[delivery.endpoint_id])
    delivery.refresh_from_db()
    assert delivery.state == WebhookDelivery.State.PENDING
    assert delivery.attempts == 0
    # Waiting already: nothing to send again, and no button.
    assert client.post(reverse("systems:delivery_send_again", args=[delivery.pk])).status_code == 404
    assert client.get(reverse("systems:delivery_send_again", args=[delivery.pk])).status_code == 405


def test_send_again_goes_through_the_webhooks(client, world, bg_systems, monkeypatch):
    sent = []
    monkeypatch.setattr("api.webhooks.send_again", lambda *, actor, delivery: sent.append((actor, delivery.pk)))
    client.force_login(world.bg_lda)
    delivery = bg_systems["delivery"]
    client.post(reverse("systems:delivery_send_again", args=[delivery.pk]))
    assert sent == [(world.bg_lda, delivery.pk)]


def test_the_admin_lists_only_the_accounts_of_the_coordinator_s_scope(client, world, bg_systems):
    services.system_account_create(
        actor=world.ro_coordinator,
        authority=world.ro_authority,
        name="Romanian case system",
        areas=[area("posting-of-workers")],
    )
    client.force_login(world.bg_coordinator)
    page = client.get(reverse("admin:api_systemaccount_changelist")).content.decode()
    assert "Bulgarian case system" in page
    assert "Romanian case system" not in page
    detail = client.get(reverse("admin:api_systemaccount_change", args=[bg_systems["account"].pk]))
    assert detail.status_code == 200
    assert bg_systems["token"].token_hash not in detail.content.decode()


def test_a_coordinator_revokes_an_account_in_the_admin(client, world, bg_systems):
    client.force_login(world.bg_coordinator)
    account = bg_systems["account"]
    client.post(reverse("admin:api_systemaccount_changelist"), {"action": "revoke", "_selected_action": [account.pk]})
    account.refresh_from_db()
    assert account.is_revoked


def test_a_coordinator_of_another_scope_cannot_revoke_in_the_admin(client, world, bg_systems):
    client.force_login(world.ro_coordinator)
    account = bg_systems["account"]
    client.post(reverse("admin:api_systemaccount_changelist"), {"action": "revoke", "_selected_action": [account.pk]})
    account.refresh_from_db()
    assert not account.is_revoked
