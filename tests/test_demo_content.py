"""The demo world as data: the files under demo/content/, checked before anything is written."""

import datetime
import shutil

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from authorities.models import Authority, User
from core.content_loader import ContentError
from demo import registers as demo_registers
from demo import world
from demo.management.commands import seed_demo
from registers.models import Register


@pytest.fixture
def content_copy(tmp_path, monkeypatch):
    """A copy of demo/content/ that seed_demo reads instead of the real one."""
    directory = tmp_path / "content"
    shutil.copytree(world.CONTENT, directory)
    monkeypatch.setattr(seed_demo, "CONTENT", directory)
    return directory


def edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_the_world_files_give_every_account_of_the_readme_its_kind(db):
    users = {user["email"]: user for user in world.world_read()["users"]}
    assert len(users) == 69
    # A few of the README's rows, as the README states them.
    assert users["admin@demo.imi.test"]["kind"] == "superuser"
    assert users["petar.georgiev@bg.demo.imi.test"]["kind"] == "coordinator"
    assert users["viktoria.angelova@bg.demo.imi.test"]["kind"] == "helpdesk"
    assert users["maria.ivanova@bg.demo.imi.test"]["kind"] == "lda"
    assert users["georgi.dimitrov@bg.demo.imi.test"]["absent"] == (2, 10)
    assert users["henrik.madsen@dk.demo.imi.test"]["active"] is False
    assert users["tsvetelina.marinova@bg.demo.imi.test"]["roles"] == {("public-documents", "handler")}
    assert users["ana.ferreira@pt.demo.imi.test"]["language"] == "en"


def test_each_authority_user_is_covered_by_the_next_present_colleague(db):
    backups = dict(world.world_read()["backups"])
    # Мария Иванова's next colleague, Георги Димитров, is absent: Надежда Петкова covers her.
    assert backups["maria.ivanova@bg.demo.imi.test"] == "nadezhda.petkova@bg.demo.imi.test"
    assert backups["georgi.dimitrov@bg.demo.imi.test"] == "nadezhda.petkova@bg.demo.imi.test"
    # The last one is covered by the first.
    assert backups["nadezhda.petkova@bg.demo.imi.test"] == "maria.ivanova@bg.demo.imi.test"
    assert "petar.georgiev@bg.demo.imi.test" not in backups  # a coordinator has no colleague


def test_a_malformed_world_file_names_the_file_and_the_entry_and_writes_nothing(db, content_copy):
    def break_bulgaria(data):
        sofia = data["authorities"][3]
        del sofia["display_name"]["lv"]
        sofia["users"][1]["role"] = sofia["users"][1].pop("roles")  # misspelt
        sofia["users"][2]["roles"][0]["area"] = "posting-of-workers"  # not competent there
        data["authorities"][0]["competences"]["fisheries"] = "boats"

    edit(content_copy / "world" / "bg.yaml", break_bulgaria)
    edit(
        content_copy / "world" / "dk.yaml",
        lambda data: data["authorities"][0]["users"].append(
            {"name": "Anne Jensen", "email": "anne.jensen@dk.demo.imi.test", "roles": ["handler"]}
        ),
    )
    users, authorities = User.objects.count(), Authority.objects.count()

    with pytest.raises(CommandError) as raised:
        call_command("seed_demo", verbosity=0)

    message = str(raised.value)
    assert "bg.yaml, authority 1, competences: unknown legislative area 'fisheries'" in message
    assert "bg.yaml, authority 4, display_name: no text in lv" in message
    assert (
        "bg.yaml, Столична община, user 2: unknown role (expected name, email, lda, roles, absent, active)" in message
    )
    assert (
        "bg.yaml, Столична община, user 3, roles: role in 'posting-of-workers', where the authority is not "
        "competent" in message
    )
    assert "the e-mail 'anne.jensen@dk.demo.imi.test' is given twice" in message
    assert (User.objects.count(), Authority.objects.count()) == (users, authorities)


def test_an_authority_whose_only_colleague_is_away_is_refused(db, content_copy):
    def everyone_away(data):
        for user in data["authorities"][2]["users"]:  # Министерство на здравеопазването: two users
            user["absent"] = {"since_days_ago": 1, "back_in_days": 3}

    edit(content_copy / "world" / "bg.yaml", everyone_away)
    with pytest.raises(ContentError) as raised:
        world.world_read(content_copy)
    assert "Министерство на здравеопазването: Стефан Василев has no active colleague to be the backup" in (
        raised.value.errors
    )


def test_a_file_that_is_not_yaml_is_named(db, content_copy):
    (content_copy / "world" / "ro.yaml").write_text("code: RO\n  language: [ro\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"ro\.yaml: not a readable YAML file"):
        call_command("seed_demo", verbosity=0)
    assert not User.objects.exists()


def test_a_malformed_register_names_the_register_and_writes_nothing(db, content_copy):
    def break_registers(registers):
        registers[0]["legislative_areas"] = ["professional-qualifications", "posting-of-workers"]
        registers[1]["authority"] = "Turismo de Portugal"
        del registers[2]["name"]["et"]
        registers[3]["reviewed_days_ago"] = "long ago"

    edit(content_copy / "registers.yaml", break_registers)
    with pytest.raises(CommandError) as raised:
        call_command("seed_demo", verbosity=0)
    assert str(raised.value).splitlines()[1:] == [
        "registers.yaml, register 1: Turismo de Portugal, I.P. is not competent in posting-of-workers",
        "registers.yaml, register 2: no authority 'Turismo de Portugal' in the world file of 'PT'",
        "registers.yaml, register 3, name: no text in et",
        "registers.yaml, register 4: reviewed_days_ago: expected a whole number of days",
    ]
    assert not Register.objects.exists()
    assert not User.objects.exists()


def test_registers_are_written_once_and_an_edited_one_is_updated(db, content_copy):
    today = datetime.date(2026, 6, 17)
    content = world.world_read(content_copy)
    writer = world.WorldWriter(today)
    _users, authorities = writer.write(content)
    registers = demo_registers.registers_read(content, content_copy)
    assert demo_registers.registers_write(registers, authorities, today) == {
        "created": 12,
        "updated": 0,
        "registers": 12,
    }
    assert demo_registers.registers_write(registers, authorities, today) == {
        "created": 0,
        "updated": 0,
        "registers": 12,
    }

    edit(content_copy / "registers.yaml", lambda data: data[0]["description"].update(lv="Tūristu gidi Portugālē."))
    registers = demo_registers.registers_read(content, content_copy)
    assert demo_registers.registers_write(registers, authorities, today) == {
        "created": 0,
        "updated": 1,
        "registers": 12,
    }
    guides = Register.objects.get(name_en="National Register of Tourist Guides")
    assert guides.description_lv == "Tūristu gidi Portugālē."
    assert guides.last_reviewed == today - datetime.timedelta(days=12)
