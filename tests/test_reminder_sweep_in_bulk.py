"""The reminder sweep in bulk: a fixed number of queries, the same recipients as the rules, each reminder once."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from authorities.auth import authorities_in_scope
from authorities.models import Authority
from core.models import OutboxMessage
from requests_app import reminders
from requests_app.models import InformationRequest, Reminder, Status
from requests_app.notifications import side_recipients, with_backups
from tests.factories import AuthorityFactory, UserFactory, area, make_backup
from tests.request_states import request_in

TODAY = datetime.date(2026, 12, 1)
# The day of the sweep: requests of each kind are made due on it below.
SWEEP_DAY = TODAY + datetime.timedelta(days=20)


def at(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def templates(world, questions):
    """One open and one not yet accepted request from Bulgaria to Portugal, to copy (closed themselves)."""
    with at(TODAY):
        made = request_in(world, questions, Status.OPEN), request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    InformationRequest.objects.filter(pk__in=[info_request.pk for info_request in made]).update(status=Status.CLOSED)
    OutboxMessage.objects.all().delete()
    return made


def copy(template, **fields):
    """A copy of the request (its row only: enough for the sweep) with other fields."""
    values = {field.attname: getattr(template, field.attname) for field in InformationRequest._meta.concrete_fields}
    values.update(id=None, reference=f"BULK-{InformationRequest.objects.count() + 1}")
    for name, value in fields.items():
        field = InformationRequest._meta.get_field(name)
        values[field.attname] = getattr(value, "pk", value) if field.is_relation else value
    return InformationRequest.objects.create(**values)


def due_requests(templates, world, count):
    """``count`` requests due on SWEEP_DAY for every kind of reminder, assigned or not."""
    open_request, waiting = templates
    deadlines = {
        "due_soon": SWEEP_DAY + datetime.timedelta(days=2),
        "due_today": SWEEP_DAY,
        "overdue_and_escalated": SWEEP_DAY - datetime.timedelta(days=8),
    }
    made = []
    for number in range(count):
        which = number % 4
        if which == 3:
            made.append(copy(waiting, responder_handler=None))
        else:
            deadline = list(deadlines.values())[which]
            handler = world.pt_handler if number % 2 else None
            made.append(copy(open_request, agreed_deadline=deadline, responder_handler=handler))
    return made


@pytest.fixture
def absent_handler_with_backup(world):
    """Portugal's handler is away around SWEEP_DAY; a colleague covers; a second handler there too."""
    colleague = UserFactory(authority=world.pt_authority, full_name="Beatriz Santos", preferred_language="ro", roles=[])
    make_backup(world.pt_handler, colleague)
    UserFactory(
        authority=world.pt_authority,
        full_name="Carlos Pinto",
        preferred_language="bg",
        roles=[("professional-qualifications", "handler")],
    )
    world.pt_handler.absent_from = SWEEP_DAY - datetime.timedelta(days=3)
    world.pt_handler.absent_until = SWEEP_DAY + datetime.timedelta(days=3)
    world.pt_handler.save()
    return colleague


@pytest.fixture
def delegated_coordinators(world):
    """Portugal's delegated coordinators: one of the request's area (told), one of another area (not told)."""
    made = {}
    for code in ["professional-qualifications", "services"]:
        authority = AuthorityFactory(
            country=world.pt_authority.country, coordinator_type=Authority.CoordinatorType.DELEGATED
        )
        authority.coordinated_areas.set([area(code)])
        made[code] = UserFactory(authority=authority, full_name=f"Delegated for {code}")
    return made


def sweep():
    with at(SWEEP_DAY):
        return reminders.sweep()


def queries_of_a_sweep():
    with at(SWEEP_DAY), CaptureQueriesContext(connection) as captured:
        reminders.sweep()
    return len(captured)


def test_it_runs_the_same_queries_for_3_and_for_30_due_reminders(
    templates, world, absent_handler_with_backup, delegated_coordinators
):
    made = due_requests(templates, world, 3)
    few = queries_of_a_sweep()
    InformationRequest.objects.filter(pk__in=[r.pk for r in made]).update(status=Status.CLOSED)
    due_requests(templates, world, 30)
    assert queries_of_a_sweep() == few
    assert few <= 16


def test_it_sends_each_reminder_to_the_people_the_rules_name(
    templates, world, absent_handler_with_backup, delegated_coordinators
):
    made = due_requests(templates, world, 8)
    sent = sweep()
    assert sent == {"not_accepted": 2, "due_soon": 2, "due_today": 2, "overdue": 2, "escalated": 2}
    mails = {}
    for message in OutboxMessage.objects.filter(template="request_reminder"):
        mails.setdefault(message.link, []).append(message.recipient)
    with at(SWEEP_DAY):
        for info_request in made:
            link = reminders.link_to(info_request)
            kinds = Reminder.objects.filter(request=info_request).values_list("kind", flat=True)
            expected = []
            for kind in kinds:
                if kind == Reminder.Kind.ESCALATED:
                    expected += [
                        user
                        for user in [world.pt_coordinator, world.bg_coordinator, world.ro_coordinator]
                        + list(delegated_coordinators.values())
                        if authorities_in_scope(user).filter(pk=info_request.responding_authority_id).exists()
                    ]
                else:
                    expected += with_backups(side_recipients(info_request, "responder"))
            assert sorted(user.pk for user in mails[link]) == sorted(user.pk for user in expected)


def test_the_people_reminded_are_those_expected(templates, world, absent_handler_with_backup, delegated_coordinators):
    unassigned, assigned = due_requests(templates, world, 2)
    sweep()

    def reminded(info_request, kind):
        return {
            message.recipient.full_name
            for message in OutboxMessage.objects.filter(link=reminders.link_to(info_request))
            if message.subject.startswith(info_request.reference)
            and (kind == "escalated") == ("overdue at" in message.subject)
        }

    # Nobody assigned: every handler of the area at Portugal's authority, and the backup of the absent one.
    assert reminded(unassigned, "due_soon") == {"Ana Silva", "Carlos Pinto", "Beatriz Santos"}
    # The assigned handler is away: their backup is told too.
    assert reminded(assigned, "due_today") == {"Ana Silva", "Beatriz Santos"}


def test_escalations_reach_the_national_and_the_delegated_coordinator_of_the_area(
    templates, world, delegated_coordinators
):
    open_request, _waiting = templates
    late = copy(open_request, agreed_deadline=SWEEP_DAY - datetime.timedelta(days=8))
    sweep()
    escalated = OutboxMessage.objects.filter(link=reminders.link_to(late), subject__contains="overdue at")
    assert {message.recipient for message in escalated} == {
        world.pt_coordinator,
        delegated_coordinators["professional-qualifications"],
    }


def test_each_mail_is_in_its_recipient_s_language(templates, world, absent_handler_with_backup):
    open_request, _waiting = templates
    copy(open_request, agreed_deadline=SWEEP_DAY, responder_handler=None)
    sweep()
    languages = {message.recipient.full_name: message.language for message in OutboxMessage.objects.all()}
    assert languages == {"Ana Silva": "en", "Beatriz Santos": "ro", "Carlos Pinto": "bg"}
    subjects = {message.language: message.subject for message in OutboxMessage.objects.all()}
    assert subjects["en"].endswith("the deadline is today")
    assert len(set(subjects.values())) == 3  # each written in its own language


def test_a_second_run_sends_nothing_more(templates, world, absent_handler_with_backup, delegated_coordinators):
    due_requests(templates, world, 8)
    first = sweep()
    mails = OutboxMessage.objects.count()
    reminders_recorded = Reminder.objects.count()
    assert sum(first.values()) == 10
    assert sum(sweep().values()) == 0
    assert OutboxMessage.objects.count() == mails
    assert Reminder.objects.count() == reminders_recorded


def test_a_reminder_recorded_by_another_run_is_not_sent_again(templates, world):
    open_request, _waiting = templates
    info_request = copy(open_request, agreed_deadline=SWEEP_DAY)
    Reminder.objects.create(request=info_request, kind=Reminder.Kind.DUE_TODAY, deadline=SWEEP_DAY)
    assert sweep() == {kind.value: 0 for kind in Reminder.Kind}
    assert not OutboxMessage.objects.filter(template="request_reminder").exists()


def test_urgent_reminders_skip_the_digest_and_the_others_wait_for_it(templates, world):
    open_request, _waiting = templates
    world.pt_handler.wants_digest = True
    world.pt_handler.save()
    soon = copy(open_request, agreed_deadline=SWEEP_DAY + datetime.timedelta(days=1))
    late = copy(open_request, agreed_deadline=SWEEP_DAY - datetime.timedelta(days=1))
    sweep()
    assert OutboxMessage.objects.get(link=reminders.link_to(soon)).state == OutboxMessage.State.HELD
    assert OutboxMessage.objects.get(link=reminders.link_to(late)).state == OutboxMessage.State.PENDING
