import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from authorities.models import Backup
from authorities.services import absence_set, backups_set
from tests.factories import UserFactory


def test_it_saves_colleagues_of_the_same_authority_as_backups(client, world):
    colleague = UserFactory(authority=world.bg_authority)
    client.force_login(world.bg_handler)
    response = client.post(reverse("authorities:backups"), {"backups": [world.bg_lda.pk, colleague.pk]})
    assert response.status_code == 302
    assert set(world.bg_handler.backup_links.values_list("backup_id", flat=True)) == {world.bg_lda.pk, colleague.pk}


def test_it_removes_backups_left_unticked(client, world):
    client.force_login(world.bg_handler)
    client.post(reverse("authorities:backups"), {})
    assert not world.bg_handler.backup_links.exists()


def test_it_does_not_offer_users_of_other_authorities(client, world):
    client.force_login(world.bg_handler)
    response = client.post(reverse("authorities:backups"), {"backups": [world.pt_handler.pk]})
    assert response.status_code == 200
    assert response.context["form"].errors["backups"]
    assert list(world.bg_handler.backup_links.values_list("backup_id", flat=True)) == [world.bg_lda.pk]


def test_it_does_not_offer_the_user_themselves(client, world):
    client.force_login(world.bg_handler)
    response = client.post(reverse("authorities:backups"), {"backups": [world.bg_handler.pk]})
    assert response.context["form"].errors["backups"]


def test_the_service_refuses_a_self_backup(world):
    with pytest.raises(ValidationError):
        backups_set(user=world.bg_handler, backups=[world.bg_handler])


def test_the_service_refuses_a_backup_from_another_authority(world):
    with pytest.raises(ValidationError):
        backups_set(user=world.bg_handler, backups=[world.pt_handler])


def test_the_service_refuses_a_deactivated_backup(world):
    gone = UserFactory(authority=world.bg_authority, is_active=False)
    with pytest.raises(ValidationError):
        backups_set(user=world.bg_handler, backups=[gone])


def test_the_database_refuses_a_self_backup_too(world):
    with pytest.raises(IntegrityError):
        Backup.objects.create(user=world.bg_handler, backup=world.bg_handler)


def test_it_records_an_absence_period(client, world):
    client.force_login(world.bg_handler)
    response = client.post(reverse("authorities:absence"), {"absent_from": "2026-12-20", "absent_until": "2027-01-06"})
    assert response.status_code == 302
    world.bg_handler.refresh_from_db()
    assert world.bg_handler.absent_from == datetime.date(2026, 12, 20)
    assert world.bg_handler.is_absent_on(datetime.date(2027, 1, 1))
    assert not world.bg_handler.is_absent_on(datetime.date(2027, 1, 7))


def test_it_refuses_an_absence_that_ends_before_it_starts(client, world):
    client.force_login(world.bg_handler)
    response = client.post(reverse("authorities:absence"), {"absent_from": "2027-01-06", "absent_until": "2026-12-20"})
    assert response.status_code == 200
    assert response.context["form"].errors["absent_until"]
    world.bg_handler.refresh_from_db()
    assert world.bg_handler.absent_from is None


def test_it_clears_an_absence(world):
    absence_set(user=world.bg_handler, absent_from=datetime.date(2026, 1, 1), absent_until=datetime.date(2026, 1, 2))
    absence_set(user=world.bg_handler, absent_from=None, absent_until=None)
    world.bg_handler.refresh_from_db()
    assert world.bg_handler.absent_until is None


def test_the_service_refuses_half_an_absence(world):
    with pytest.raises(ValidationError):
        absence_set(user=world.bg_handler, absent_from=datetime.date(2026, 1, 1), absent_until=None)


def test_the_lda_sees_who_backs_up_whom(client, world):
    client.force_login(world.bg_lda)
    response = client.get(reverse("authorities:my_authority"))
    assert response.status_code == 200
    members = {member.pk: member for member in response.context["members"]}
    assert [link.backup for link in members[world.bg_handler.pk].backup_links.all()] == [world.bg_lda]


def test_a_user_edits_their_profile_and_language(client, world):
    client.force_login(world.bg_handler)
    response = client.post(
        reverse("authorities:profile"),
        {"full_name": "Георги Петров-Иванов", "phone": "+359 88 000", "preferred_language": "en"},
    )
    assert response.status_code == 302
    world.bg_handler.refresh_from_db()
    assert (world.bg_handler.full_name, world.bg_handler.phone, world.bg_handler.preferred_language) == (
        "Георги Петров-Иванов",
        "+359 88 000",
        "en",
    )
    assert client.get(reverse("home")).headers["Content-Language"] == "en"


def test_a_profile_without_a_name_is_refused_and_nothing_changes(client, world):
    client.force_login(world.bg_handler)
    response = client.post(reverse("authorities:profile"), {"full_name": "", "preferred_language": "xx"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"full_name", "preferred_language"}
    world.bg_handler.refresh_from_db()
    assert world.bg_handler.full_name == "Георги Петров"
