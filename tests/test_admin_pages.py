"""Every admin page, as every staff persona: an answer, never an error page.

Each list, add form, object page, history and delete page of every model the admin holds, for a
national and a delegated coordinator, helpdesk staff and a superuser, with objects of their own
country and of another; and the date hierarchies with years out of the calendar.
"""

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from authorities import audit
from authorities.models import Authority
from core.mail import send_to_user
from registers.models import Register
from tests.conftest import with_authenticator
from tests.factories import AuthorityFactory, UserFactory, area, country

ANSWERS = {200, 302, 403, 404}


def delegated_coordinator():
    authority = AuthorityFactory(country=country("BG"), coordinator_type=Authority.CoordinatorType.DELEGATED)
    authority.coordinated_areas.set([area("services")])
    return with_authenticator(UserFactory(authority=authority, email="delegated@bg.test"))


def furnish(world):
    """One object of each admin model in Bulgaria and one in Portugal, where the model has a country."""
    for code, authority in (("BG", world.bg_authority), ("PT", world.pt_authority)):
        Register.objects.create(
            name_en=f"Register {code}", country=country(code), authority=authority, url="https://r.example/"
        )
    audit.record(actor=world.superuser, obj=world.bg_handler, message="Checked.")
    audit.record(actor=world.superuser, obj=world.pt_handler, message="Checked.")
    send_to_user(user=world.bg_handler, template="invitation", context={"invited_by": world.bg_lda, "link": "x"})


def sample(model, model_admin, request):
    """An object the persona's list holds and objects it does not (the first and last of the model)."""
    objects = {model._default_manager.order_by("pk").first(), model._default_manager.order_by("pk").last()}
    objects.add(model_admin.get_queryset(request).order_by("pk").first())
    return [obj for obj in objects if obj is not None]


@pytest.mark.parametrize("persona", ["bg_coordinator", "delegated", "bg_helpdesk", "superuser"])
def test_every_admin_page_answers_every_persona_without_an_error(client, world, questions, rf, persona):
    furnish(world)
    user = delegated_coordinator() if persona == "delegated" else getattr(world, persona)
    client.force_login(user)
    request = rf.get("/")
    request.user = user
    seen = {}
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        urls = [reverse(f"{name}_changelist"), reverse(f"{name}_add")]
        for obj in sample(model, model_admin, request):
            urls += [reverse(f"{name}_{view}", args=[obj.pk]) for view in ("change", "history", "delete")]
        for url in urls:
            seen[url] = client.get(url).status_code
    assert {url: status for url, status in seen.items() if status not in ANSWERS} == {}
    assert len(seen) > 40


@pytest.mark.parametrize("persona", ["bg_coordinator", "superuser"])
def test_a_date_out_of_the_calendar_in_a_list_is_a_bad_filter_not_an_error(client, world, persona):
    client.force_login(getattr(world, persona))
    for model, model_admin in admin.site._registry.items():
        if not model_admin.date_hierarchy:
            continue
        field = model_admin.date_hierarchy
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for query in (
            {f"{field}__year": "99999999999999999999"},
            {f"{field}__year": "9999"},
            {f"{field}__year": "9999", f"{field}__month": "12"},
            {f"{field}__year": "0"},
            {f"{field}__year": "2026", f"{field}__month": "99999999999999999999"},
        ):
            response = client.get(url, query)
            assert response.status_code in (200, 302, 403), (url, query, response.status_code)


def test_the_change_log_with_a_year_out_of_range_shows_the_list_again(client, world):
    client.force_login(world.bg_coordinator)
    url = reverse("admin:admin_logentry_changelist")
    response = client.get(url, {"action_time__year": "99999999999999999999"})
    assert response.status_code == 302
    assert response["Location"] == f"{url}?e=1"


def test_the_helpdesk_opens_an_authority_of_its_country(client, world):
    client.force_login(world.bg_helpdesk)
    response = client.get(reverse("admin:authorities_authority_change", args=[world.bg_authority.pk]))
    assert response.status_code == 200


def view_on_site(model, pk):
    content_type = ContentType.objects.get_for_model(model)
    return reverse("admin:view_on_site", args=[content_type.pk, pk])


def test_view_on_site_answers_alike_for_another_countrys_object_and_an_unknown_id(client, world):
    bulgarian = Register.objects.create(
        name_en="Register of posted workers", country=country("BG"), authority=world.bg_authority, url="https://r.bg/"
    )
    portuguese = Register.objects.create(
        name_en="Register of tourist guides", country=country("PT"), authority=world.pt_authority, url="https://r.pt/"
    )
    client.force_login(world.bg_coordinator)
    assert client.get(view_on_site(Register, bulgarian.pk)).status_code == 302
    other_country = client.get(view_on_site(Register, portuguese.pk))
    unknown = client.get(view_on_site(Register, 999_999))
    assert other_country.status_code == unknown.status_code == 404
    for model, pk in ((Authority, world.pt_authority.pk), (LogEntry, 1), (Authority, "abc")):
        assert client.get(view_on_site(model, pk)).status_code == 404
    client.force_login(world.superuser)
    assert client.get(view_on_site(Register, portuguese.pk)).status_code == 302
