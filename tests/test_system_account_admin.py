"""Coordinators in the admin: a system account for an authority of their scope, its tokens (shown once), and
nothing beyond the scope. The same services as the LDA's pages, so the same change log."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from api import services
from api.models import SystemAccount
from tests.factories import area

pytestmark = pytest.mark.django_db


def add(client, authority, name="SIGA", areas=("professional-qualifications",)):
    return client.post(
        reverse("admin:api_systemaccount_add"),
        {"authority": authority.pk, "name": name, "areas": [area(code).pk for code in areas]},
    )


def test_a_coordinator_creates_an_account_for_an_authority_of_the_scope(client, world):
    client.force_login(world.pt_coordinator)
    response = add(client, world.pt_authority)
    account = SystemAccount.objects.get(name="SIGA")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:api_systemaccount_token", args=[account.pk])
    assert account.authority == world.pt_authority and account.user.is_system
    assert list(account.user.roles.values_list("legislative_area__code", "kind")) == [
        ("professional-qualifications", "handler")
    ]
    assert account.created_by == world.pt_coordinator
    assert LogEntry.objects.filter(object_id=str(account.pk), user=world.pt_coordinator).count() == 1


def test_not_beyond_the_scope_nor_in_areas_the_authority_does_not_handle(client, world):
    client.force_login(world.pt_coordinator)
    response = add(client, world.bg_authority)
    assert response.status_code == 200 and "authority" in response.context["adminform"].form.errors
    response = add(client, world.pt_authority, areas=["posting-of-workers"])
    assert response.status_code == 200 and "areas" in response.context["adminform"].form.errors
    assert not SystemAccount.objects.exists()


def test_a_token_is_issued_in_the_admin_and_shown_once(client, world):
    account = services.system_account_create(
        actor=world.pt_handler, authority=world.pt_authority, name="SIGA", areas=[area("professional-qualifications")]
    )
    client.force_login(world.pt_coordinator)
    url = reverse("admin:api_systemaccount_token", args=[account.pk])
    assert url in client.get(reverse("admin:api_systemaccount_change", args=[account.pk])).content.decode()
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "production", "scope": "act", "days": 30})
    token = response.context["token"]
    assert services.token_for(token).account == account
    assert token in response.content.decode()
    assert token not in client.get(reverse("admin:api_systemaccount_change", args=[account.pk])).content.decode()
    response = client.post(url, {"name": "", "scope": "nope", "days": 0})
    assert response.status_code == 200 and "token" not in response.context and response.context["form"].errors


def test_the_wrong_people_get_nothing(client, world):
    account = services.system_account_create(
        actor=world.pt_handler, authority=world.pt_authority, name="SIGA", areas=[area("professional-qualifications")]
    )
    url = reverse("admin:api_systemaccount_token", args=[account.pk])
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(world.bg_coordinator)
    assert client.get(url).status_code == 404
    assert add(client, world.pt_authority).status_code == 200  # the form again: not an authority of the scope
    client.force_login(world.pt_handler)  # the LDA manages it in the portal, not in the admin
    assert client.get(url).status_code == 302
    services.system_account_revoke(actor=world.pt_handler, account=account)
    client.force_login(world.pt_coordinator)
    assert client.get(url).status_code == 404
