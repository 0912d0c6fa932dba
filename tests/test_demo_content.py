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
from requests_app.models import InformationRequest, Status


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
    assert len(users) == 90
    # A few of the README's rows, as the README states them.
    assert users["admin@demo.imi.test"]["kind"] == "superuser"
    assert users["petar.georgiev@bg.demo.imi.test"]["kind"] == "coordinator"
    assert users["viktoria.angelova@bg.demo.imi.test"]["kind"] == "helpdesk"
    assert users["maria.ivanova@bg.demo.imi.test"]["kind"] == "lda"
    assert users["georgi.dimitrov@bg.demo.imi.test"]["absent"] == (2, 10)
    assert users["henrik.madsen@dk.demo.imi.test"]["active"] is False
    assert users["tsvetelina.marinova@bg.demo.imi.test"]["roles"] == {("public-documents", "handler")}
    assert users["ana.ferreira@pt.demo.imi.test"]["language"] == "pt"
    assert users["nikos.antoniou@gr.demo.imi.test"]["language"] == "el"
    assert users["tomasz.wisniewski@pl.demo.imi.test"]["kind"] == "handler"


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


def test_a_malformed_request_names_the_request_and_the_step_and_writes_nothing(db, content_copy):
    def break_requests(requests):
        guide, tour_operator, *_rest = requests
        guide["steps"][1]["do"] = "acept"
        guide["state"] = "pending"
        tour_operator["steps"][1].pop("days")
        tour_operator["steps"][2]["answers"][2] = "Not asked"
        tour_operator["steps"][2]["answers"][4] = 7  # the question has three options
        tour_operator["steps"][5]["by"] = "nobody@pt.demo.imi.test"
        requests[8]["steps"][2]["questions"] = [1, 6]  # 1 is not asked in that request
        requests[9]["responder"]["official_name"] = "Instituto dos Registos"

    edit(content_copy / "requests.yaml", break_requests)
    with pytest.raises(CommandError) as raised:
        call_command("seed_demo", verbosity=0)
    guide = "requests.yaml, request 1 (Qualification of a tourist guide)"
    tour_operator = (
        "requests.yaml, request 2 (Licença de um operador turístico búlgaro que vende viagens organizadas em Portugal)"
    )
    assert str(raised.value).splitlines()[1:] == [
        f"{guide}: unknown state 'pending' (one of {', '.join(Status.values)})",
        f"{guide}, step 2: unknown step 'acept' (do: one of send, accept, forward, allocate, assign, split, "
        "change_deadline, reply, request_clarification, close, refer, return_from_referral, close_referral, withdraw, "
        "answer, message, overdue)",
        f"{tour_operator}, step 2: no days",
        f"{tour_operator}, step 3 (answer), answers: 4: not an answer to a choice question",
        f"{tour_operator}, step 3 (answer), answers: 2 is not the place of a question the request asks",
        f"{tour_operator}, step 6 (close): 'nobody@pt.demo.imi.test' is no user of the world files",
        "requests.yaml, request 9 (Diploma and professional standing of a doctor), step 3 (split): questions: "
        "expected places of questions the request asks",
        "requests.yaml, request 10 (Licence of a Portuguese travel agency offering tours in Bulgaria), responder: "
        "no authority 'Instituto dos Registos' in the world file of 'PT'",
    ]
    assert not InformationRequest.objects.exists()
    assert not User.objects.exists()


def test_the_requests_dates_are_counted_from_the_day_of_the_seed(db, frozen_now):
    call_command("seed_demo", verbosity=0)
    today = frozen_now.date()
    tour_operator = InformationRequest.objects.get(summary__startswith="Licença de um operador turístico búlgaro")
    assert tour_operator.proposed_deadline == today + datetime.timedelta(days=20)
    assert tour_operator.agreed_deadline == today + datetime.timedelta(days=10)
    licence_valid_until = tour_operator.questions.get(question__order=5)
    assert licence_valid_until.answer_date == today + datetime.timedelta(days=730)
    overdue = InformationRequest.objects.get(summary__startswith="Working time and wages")
    assert overdue.agreed_deadline == today - datetime.timedelta(days=9)
    assert overdue.status == Status.OPEN
