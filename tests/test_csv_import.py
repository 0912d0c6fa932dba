"""Coordinators import and export authorities and registers as CSV in the admin: all rows or none."""

import csv
import io

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from authorities.csv_import import AuthorityCsv
from authorities.models import Authority
from registers.csv_import import RegisterCsv
from registers.models import Register
from tests.conftest import with_authenticator
from tests.factories import AuthorityFactory, UserFactory, area, country

AUTHORITIES = "admin:authorities_authority"
REGISTERS = "admin:registers_register"


def csv_bytes(columns, *rows, delimiter=",", bom=False):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(columns)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def authority_row(**changes):
    values = {
        "official_name": "Комисия за защита на потребителите",
        "display_name_en": "Commission for Consumer Protection",
        "acronym": "КЗП",
        "country": "BG",
        "city": "София",
        "address": "пл. „Славейков“ 4А, ет. 3",
        "email": "info@kzp.test",
        "phone": "+359 2 933 0565",
        "website": "https://kzp.test",
        "languages": "bg|en",
        "legislative_areas": "services|professional-qualifications",
        "status": "validated",
    }
    values.update(changes)
    return [values[column] for column in AuthorityCsv.columns]


def register_row(world, **changes):
    values = {
        "name_en": "Register of labour inspections",
        "description_en": "Inspections of employers, by year.",
        "country": "BG",
        "managing_authority": world.bg_authority.official_name,
        "url": "https://inspections.gli.test/register",
        "coverage": "construction, agriculture, tourism",
        "legislative_areas": "posting-of-workers",
        "is_public_and_free": "yes",
        "languages": "bg|en",
    }
    values.update(changes)
    return [values[column] for column in RegisterCsv.columns]


def authorities_file(*rows, **options):
    return csv_bytes(AuthorityCsv.columns, *rows, **options)


def registers_file(*rows, **options):
    return csv_bytes(RegisterCsv.columns, *rows, **options)


def preview(client, admin, content, name="import.csv"):
    upload = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(reverse(f"{admin}_import_csv"), {"file": upload})


def confirm(client, admin, sha256):
    return client.post(reverse(f"{admin}_import_csv"), {"confirm": "1", "sha256": sha256})


def import_file(client, admin, content):
    response = preview(client, admin, content)
    result = response.context["result"]
    assert result.is_valid, result.errors
    return confirm(client, admin, response.context["sha256"])


def export(client, admin, objects):
    response = client.post(
        reverse(f"{admin}_changelist"), {"action": "export_csv", "_selected_action": [obj.pk for obj in objects]}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return response.content


def make_register(authority, name, areas=(), **fields):
    register = Register.objects.create(
        name=name,
        name_en=name,
        country=authority.country,
        authority=authority,
        url=fields.pop("url", "https://register.test/"),
        languages=fields.pop("languages", ["en"]),
        **fields,
    )
    register.legislative_areas.set([area(code) for code in areas])
    return register


def test_it_imports_a_valid_file_of_authorities(client, world):
    client.force_login(world.bg_coordinator)
    response = import_file(client, AUTHORITIES, authorities_file(authority_row()))
    assert response.status_code == 302
    authority = Authority.objects.get(official_name="Комисия за защита на потребителите")
    assert authority.country == country("BG")
    assert authority.display_name_en == "Commission for Consumer Protection"
    assert authority.email == "info@kzp.test"
    assert authority.languages == ["bg", "en"]
    assert authority.status == Authority.Status.VALIDATED
    assert set(authority.legislative_areas.values_list("code", flat=True)) == {
        "services",
        "professional-qualifications",
    }
    assert "commission for consumer protection" in authority.search_document
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Imported from import.csv: 1 created, 0 updated, 0 unchanged."]


def test_it_updates_authorities_on_a_second_import_instead_of_duplicating_them(client, world):
    client.force_login(world.bg_coordinator)
    import_file(client, AUTHORITIES, authorities_file(authority_row()))
    changed = authority_row(email="office@kzp.test", legislative_areas="services", acronym="")
    response = preview(client, AUTHORITIES, authorities_file(changed))
    [row] = response.context["result"].rows
    assert (row.action, row.changes) == ("update", ["acronym", "email", "legislative_areas"])
    confirm(client, AUTHORITIES, response.context["sha256"])
    authority = Authority.objects.get(official_name="Комисия за защита на потребителите")
    assert authority.email == "office@kzp.test"
    assert authority.acronym == ""
    assert list(authority.legislative_areas.values_list("code", flat=True)) == ["services"]
    assert Authority.objects.filter(official_name="Комисия за защита на потребителите").count() == 1


def test_it_records_one_log_entry_per_created_or_changed_object(client, world):
    client.force_login(world.bg_coordinator)
    unchanged = AuthorityCsv(world.bg_coordinator).export(Authority.objects.filter(pk=world.bg_authority.pk))
    rows = list(csv.reader(io.StringIO(unchanged.decode("utf-8-sig"))))[1:]
    import_file(client, AUTHORITIES, authorities_file(authority_row(), rows[0], authority_row(official_name="Нова")))
    entries = LogEntry.objects.filter(user=world.bg_coordinator, content_type__model="authority")
    assert sorted(entry.object_repr for entry in entries) == ["Комисия за защита на потребителите", "Нова"]
    assert {entry.action_flag for entry in entries} == {ADDITION}
    import_file(client, AUTHORITIES, authorities_file(authority_row(phone="+359 2 000 0000")))
    entry = LogEntry.objects.filter(action_flag=CHANGE, user=world.bg_coordinator).get()
    assert entry.change_message == "Changed by a CSV import: phone."


def test_it_imports_a_valid_file_of_registers_and_updates_them_on_a_second_import(client, world):
    client.force_login(world.bg_coordinator)
    response = import_file(client, REGISTERS, registers_file(register_row(world)))
    assert response.status_code == 302
    register = Register.objects.get(authority=world.bg_authority)
    assert (register.name_en, register.name, register.country) == (
        "Register of labour inspections",
        "Register of labour inspections",
        country("BG"),
    )
    assert register.coverage == "construction, agriculture, tourism"
    assert register.is_public_and_free
    assert list(register.legislative_areas.values_list("code", flat=True)) == ["posting-of-workers"]
    assert "labour inspections" in register.search_document
    assert LogEntry.objects.filter(object_id=str(register.pk), action_flag=ADDITION).exists()

    import_file(client, REGISTERS, registers_file(register_row(world, is_public_and_free="no", url="gli.test/r")))
    register = Register.objects.get(authority=world.bg_authority)
    assert not register.is_public_and_free
    assert register.url == "https://gli.test/r"
    assert Register.objects.filter(authority=world.bg_authority).count() == 1


BAD_ROWS = [
    pytest.param({"email": "not-an-e-mail"}, "email", "Enter a valid email address.", id="bad e-mail"),
    pytest.param({"country": "XX"}, "country", "Unknown country code: XX.", id="unknown country"),
    pytest.param(
        {"legislative_areas": "services|astrology"},
        "legislative_areas",
        "Unknown legislative area code: astrology.",
        id="unknown area",
    ),
    pytest.param({"country": "RO"}, "country", "Romania is outside your scope.", id="country outside the scope"),
    pytest.param({"city": ""}, "city", "This field is required.", id="missing required field"),
]


@pytest.mark.parametrize(("bad", "column", "message"), BAD_ROWS)
def test_it_changes_nothing_when_one_row_is_bad_and_shows_the_error_in_the_preview(client, world, bad, column, message):
    client.force_login(world.bg_coordinator)
    content = authorities_file(
        authority_row(),
        authority_row(official_name=world.bg_authority.official_name, email="changed@gli.test"),
        authority_row(official_name="Агенция по заетостта", **bad),
    )
    response = preview(client, AUTHORITIES, content)
    result = response.context["result"]
    assert [(error.row, error.column, error.message) for error in result.errors] == [(4, column, message)]
    assert message in response.content.decode()
    assert 'name="confirm"' not in response.content.decode()
    # Confirming anyway, or importing directly, writes nothing.
    assert "Imported" not in str(list(confirm(client, AUTHORITIES, response.context["sha256"]).wsgi_request._messages))
    assert not AuthorityCsv(world.bg_coordinator).run(content, dry_run=False).is_valid
    assert not Authority.objects.filter(
        official_name__in=["Комисия за защита на потребителите", "Агенция по заетостта"]
    )
    world.bg_authority.refresh_from_db()
    assert world.bg_authority.email != "changed@gli.test"
    assert not LogEntry.objects.filter(user=world.bg_coordinator).exists()


def test_it_writes_nothing_in_a_dry_run(client, world):
    client.force_login(world.bg_coordinator)
    content = authorities_file(
        authority_row(), authority_row(official_name=world.bg_authority.official_name, email="changed@gli.test")
    )
    response = preview(client, AUTHORITIES, content)
    result = response.context["result"]
    assert [(row.number, row.action) for row in result.rows] == [(2, "create"), (3, "update")]
    assert (result.created, result.updated) == (1, 1)
    assert not Authority.objects.filter(official_name="Комисия за защита на потребителите").exists()
    world.bg_authority.refresh_from_db()
    assert world.bg_authority.email != "changed@gli.test"
    assert not LogEntry.objects.exists()


def test_it_does_not_let_the_bulgarian_coordinator_import_romanian_rows(client, world):
    client.force_login(world.bg_coordinator)
    response = preview(
        client,
        AUTHORITIES,
        authorities_file(
            authority_row(official_name="Autoritatea Națională pentru Protecția Consumatorilor", country="RO"),
            authority_row(official_name=world.ro_authority.official_name, country="RO", email="x@bg.test"),
        ),
    )
    errors = [(error.row, error.column) for error in response.context["result"].errors]
    assert errors == [(2, "country"), (3, "country")]
    response = preview(
        client,
        REGISTERS,
        registers_file(register_row(world, country="RO", managing_authority=world.ro_authority.official_name)),
    )
    assert [(error.row, error.column) for error in response.context["result"].errors] == [(2, "country")]
    assert not Register.objects.exists()
    assert world.ro_authority.email != "x@bg.test"


def test_it_lets_the_romanian_coordinator_and_superusers_import_romanian_rows(client, world):
    row = authority_row(official_name="Autoritatea Națională pentru Protecția Consumatorilor", country="RO")
    client.force_login(world.ro_coordinator)
    import_file(client, AUTHORITIES, authorities_file(row))
    client.force_login(world.superuser)
    register = register_row(world, country="RO", managing_authority=row[0], legislative_areas="services")
    import_file(client, REGISTERS, registers_file(register))
    assert Register.objects.get().authority.country == country("RO")


def test_it_lets_a_delegated_coordinator_change_only_the_areas_it_coordinates(client, world):
    delegated = AuthorityFactory(country=country("BG"), coordinator_type=Authority.CoordinatorType.DELEGATED)
    delegated.coordinated_areas.set([area("services")])
    client.force_login(with_authenticator(UserFactory(authority=delegated)))
    response = preview(
        client,
        AUTHORITIES,
        authorities_file(
            authority_row(legislative_areas="services"),
            authority_row(official_name="Агенция по заетостта", legislative_areas="posting-of-workers"),
        ),
    )
    assert [(error.row, error.column) for error in response.context["result"].errors] == [(3, "legislative_areas")]


@pytest.mark.parametrize("admin", [AUTHORITIES, REGISTERS])
def test_it_forbids_helpdesk_staff_to_import(client, world, admin):
    client.force_login(world.bg_helpdesk)
    assert "csv_import_url" not in client.get(reverse(f"{admin}_changelist")).context
    assert client.get(reverse(f"{admin}_import_csv")).status_code == 403
    content = authorities_file(authority_row()) if admin == AUTHORITIES else registers_file(register_row(world))
    assert preview(client, admin, content).status_code == 403
    assert not Register.objects.exists()
    assert not Authority.objects.filter(official_name="Комисия за защита на потребителите").exists()


@pytest.mark.parametrize("admin", [AUTHORITIES, REGISTERS])
def test_it_shows_the_import_button_to_coordinators(client, world, admin):
    client.force_login(world.bg_coordinator)
    response = client.get(reverse(f"{admin}_changelist"))
    assert response.context["csv_import_url"] == reverse(f"{admin}_import_csv")
    assert "Import from CSV" in response.content.decode()
    assert client.get(reverse(f"{admin}_import_csv")).status_code == 200


def test_it_exports_selected_authorities_that_import_back_to_the_same_data(client, world):
    world.bg_authority.acronym = "=ГИТ"  # a spreadsheet would run it as a formula
    world.bg_authority.phone = "+359 2 809 8779"
    world.bg_authority.save()
    client.force_login(world.bg_coordinator)
    exported = export(client, AUTHORITIES, [world.bg_authority, world.ro_authority])
    text = exported.decode("utf-8-sig")
    assert "'=ГИТ" in text
    assert "'+359" not in text
    assert world.ro_authority.official_name not in text  # outside the scope, even when selected
    Authority.objects.filter(pk=world.bg_authority.pk).update(email="changed@gli.test", city="Пловдив")
    world.bg_authority.competences.filter(legislative_area__code="services").delete()

    response = preview(client, AUTHORITIES, exported)
    [row] = response.context["result"].rows
    assert (row.action, row.changes) == ("update", ["city", "email", "legislative_areas"])
    confirm(client, AUTHORITIES, response.context["sha256"])
    assert export(client, AUTHORITIES, [world.bg_authority]) == exported
    assert preview(client, AUTHORITIES, exported).context["result"].unchanged == 1


def test_it_exports_selected_registers_that_import_back_to_the_same_data(client, world):
    register = make_register(
        world.bg_authority, "Register of posted workers", areas=["posting-of-workers"], coverage="all, sectors"
    )
    make_register(world.ro_authority, "Registrul salariaților detașați")
    client.force_login(world.bg_coordinator)
    exported = export(client, REGISTERS, Register.objects.all())
    assert "Registrul" not in exported.decode("utf-8-sig")
    Register.objects.filter(pk=register.pk).update(is_public_and_free=False, url="https://changed.test/")
    register.legislative_areas.clear()

    import_file(client, REGISTERS, exported)
    assert export(client, REGISTERS, [register]) == exported
    assert preview(client, REGISTERS, exported).context["result"].unchanged == 1
    assert Register.objects.count() == 2


def test_it_reads_semicolon_separated_files_with_a_byte_order_mark(client, world):
    client.force_login(world.bg_coordinator)
    content = authorities_file(authority_row(), delimiter=";", bom=True)
    assert content.startswith(b"\xef\xbb\xbf")
    import_file(client, AUTHORITIES, content)
    authority = Authority.objects.get(official_name="Комисия за защита на потребителите")
    assert authority.address == "пл. „Славейков“ 4А, ет. 3"
    content = registers_file(register_row(world), delimiter=";", bom=True)
    import_file(client, REGISTERS, content)
    assert Register.objects.get().coverage == "construction, agriculture, tourism"


def test_it_refuses_to_confirm_a_file_that_changed_since_its_preview(client, world):
    client.force_login(world.bg_coordinator)
    first = preview(client, AUTHORITIES, authorities_file(authority_row()))
    # Another preview, in another tab, replaces the file kept for confirmation.
    preview(client, AUTHORITIES, authorities_file(authority_row(official_name="Друга агенция")))
    response = confirm(client, AUTHORITIES, first.context["sha256"])
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["The file has changed since its preview, or the preview has expired. Upload it again."]
    assert not Authority.objects.filter(official_name__in=["Комисия за защита на потребителите", "Друга агенция"])


def test_it_tells_what_is_wrong_with_a_file_that_is_not_a_csv_of_authorities(client, world):
    client.force_login(world.bg_coordinator)
    errors = preview(client, AUTHORITIES, b"name,e-mail\nX,x@x.test\n").context["result"].file_errors
    assert [error.message for error in errors][0].startswith("Unknown columns: name, e-mail.")
    errors = preview(client, AUTHORITIES, "official_name\n".encode("utf-16")).context["result"].file_errors
    assert [error.message for error in errors] == [
        "The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again."
    ]


def test_it_lets_coordinators_view_registers_in_the_admin_and_only_superusers_edit_them(client, world):
    register = make_register(world.bg_authority, "Register of posted workers", areas=["posting-of-workers"])
    romanian = make_register(world.ro_authority, "Registrul salariaților detașați")
    change_url = reverse(f"{REGISTERS}_change", args=[register.pk])
    client.force_login(world.bg_coordinator)
    listed = set(client.get(reverse(f"{REGISTERS}_changelist")).context["cl"].queryset)
    assert listed == {register}
    assert client.get(change_url).status_code == 200  # read-only
    assert client.post(change_url, {"name_en": "Changed"}).status_code == 403
    assert client.get(reverse(f"{REGISTERS}_change", args=[romanian.pk])).status_code == 302
    client.force_login(world.superuser)
    assert client.get(change_url).status_code == 200
    assert client.get(reverse(f"{REGISTERS}_changelist")).context["cl"].result_count == 2
