"""The request pages: the wizard, the list, the detail, the actions and "My tasks"."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from requests_app.models import Action, InformationRequest, Status
from tests.factories import area
from tests.request_states import answer_all, draft, request_in, step


def test_a_handler_drafts_a_request_step_by_step_and_sends_it(client, world, questions):
    client.force_login(world.bg_handler)
    response = client.post(
        reverse("requests:new"),
        {"legislative_area": area("professional-qualifications").pk, "summary": "Tourist guide qualification"},
    )
    info_request = InformationRequest.objects.get(summary="Tourist guide qualification")
    assert info_request.status == Status.DRAFT
    assert response["Location"] == reverse("requests:edit_authority", args=[info_request.pk])

    page = client.get(reverse("requests:edit_authority", args=[info_request.pk]), {"q": "turismo"})
    assert list(page.context["form"].fields["authority"].queryset) == [world.pt_authority]
    client.post(reverse("requests:edit_authority", args=[info_request.pk]), {"authority": world.pt_authority.pk})
    client.post(
        reverse("requests:edit_questions", args=[info_request.pk]), {"questions": [q.pk for q in questions[:2]]}
    )
    deadline = timezone.localdate() + datetime.timedelta(days=15)
    client.post(
        reverse("requests:edit_subject", args=[info_request.pk]),
        {
            "summary": "Tourist guide qualification",
            "subject_name": "João Fernandes",
            "subject_identifier": "",
            "subject_date_of_birth": "",
            "subject_address": "",
            "proposed_deadline": deadline.isoformat(),
        },
    )
    review = client.get(reverse("requests:review", args=[info_request.pk]))
    assert review.context["problems"] == []
    response = client.post(reverse("requests:review", args=[info_request.pk]))
    assert response["Location"] == reverse("requests:detail", args=[info_request.pk])
    info_request.refresh_from_db()
    assert (info_request.status, info_request.responding_authority, info_request.questions.count()) == (
        Status.AWAITING_ACCEPTANCE,
        world.pt_authority,
        2,
    )


def test_the_wizard_offers_only_areas_the_user_handles(client, world, questions):
    client.force_login(world.bg_handler)
    offered = set(client.get(reverse("requests:new")).context["form"].fields["legislative_area"].queryset)
    assert offered == {area("professional-qualifications"), area("posting-of-workers")}
    response = client.post(reverse("requests:new"), {"legislative_area": area("services").pk, "summary": "x"})
    assert response.status_code == 200
    assert not InformationRequest.objects.exists()


def test_the_wizard_refuses_an_authority_not_competent_in_the_area(client, world, questions):
    info_request = draft(world, questions)
    client.force_login(world.bg_handler)
    response = client.post(
        reverse("requests:edit_authority", args=[info_request.pk]), {"authority": world.ro_authority.pk}
    )
    assert response.status_code == 200
    info_request.refresh_from_db()
    assert info_request.responding_authority == world.pt_authority


def test_a_deadline_in_the_past_is_refused_and_the_draft_kept(client, world, questions):
    info_request = draft(world, questions)
    client.force_login(world.bg_handler)
    response = client.post(
        reverse("requests:edit_subject", args=[info_request.pk]),
        {"summary": "Changed", "subject_name": "X", "proposed_deadline": "2020-01-01"},
    )
    assert response.status_code == 200
    assert "proposed_deadline" in response.context["form"].errors
    info_request.refresh_from_db()
    assert info_request.summary == "Qualification of a tourist guide"


def test_a_sent_request_can_no_longer_be_edited_as_a_draft(client, world, questions):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    client.force_login(world.bg_handler)
    assert client.get(reverse("requests:edit_subject", args=[info_request.pk])).status_code == 404


def test_the_responder_accepts_through_the_action_page_with_a_reason(client, world, questions):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    client.force_login(world.pt_handler)
    url = reverse("requests:act", args=[info_request.pk, "accept"])
    days = (info_request.proposed_deadline - timezone.localdate()).days + 10
    response = client.post(url, {"days": days, "note": ""})
    assert response.status_code == 200
    assert "Explain why" in response.content.decode()
    response = client.post(url, {"days": days, "note": "We must ask the register."})
    assert response.status_code == 302
    info_request.refresh_from_db()
    assert info_request.status == Status.OPEN


def test_the_second_acceptance_gets_a_clear_message(client, world, questions):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    client.force_login(world.pt_handler)
    page = client.get(reverse("requests:act", args=[info_request.pk, "accept"]))
    assert page.status_code == 200
    step(info_request, Action.ACCEPT, world.pt_handler, days=5)
    # The form was open in another tab; the action is no longer offered.
    assert client.post(reverse("requests:act", args=[info_request.pk, "accept"]), {"days": 5}).status_code == 404


def test_the_responder_saves_answers_before_replying(client, world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    client.force_login(world.pt_handler)
    items = {item.question.kind: item for item in info_request.questions.select_related("question")}
    response = client.post(
        reverse("requests:answers", args=[info_request.pk]),
        {f"q{items['yes_no'].pk}": "yes", f"q{items['text'].pk}": "Nothing recorded."},
    )
    assert response.status_code == 302
    items["yes_no"].refresh_from_db()
    assert items["yes_no"].answer_yes_no is True
    response = client.post(reverse("requests:act", args=[info_request.pk, "reply"]), {"note": ""})
    assert "Answer every question" in response.content.decode()
    answer_all(world, info_request)
    client.post(reverse("requests:act", args=[info_request.pk, "reply"]), {"note": ""})
    info_request.refresh_from_db()
    assert info_request.status == Status.REPLIED


def test_the_detail_shows_questions_in_the_reader_language(client, world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    client.force_login(world.bg_handler)  # reads Bulgarian
    page = client.get(reverse("requests:detail", args=[info_request.pk])).content.decode()
    assert "Регистрирано ли е лицето като екскурзовод" in page
    client.force_login(world.pt_handler)  # reads English
    page = client.get(reverse("requests:detail", args=[info_request.pk])).content.decode()
    assert "Is the person registered as a tourist guide" in page


def test_the_list_filters_and_searches(client, world, questions):
    open_request = request_in(world, questions, Status.OPEN)
    closed = request_in(world, questions, Status.CLOSED)
    client.force_login(world.bg_handler)
    listed = lambda **query: list(client.get(reverse("requests:list"), query).context["requests"])  # noqa: E731
    assert set(listed()) == {open_request, closed}
    assert listed(status="closed") == [closed]
    assert listed(q=open_request.reference) == [open_request]
    assert listed(q="Maria Sousa") and set(listed(direction="incoming")) == set()
    InformationRequest.objects.filter(pk=open_request.pk).update(
        agreed_deadline=timezone.localdate() - datetime.timedelta(days=2)
    )
    assert listed(overdue="on") == [open_request]


def test_my_tasks_groups_what_waits_most_urgent_first(client, world, questions):
    waiting = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    replied = request_in(world, questions, Status.REPLIED)
    client.force_login(world.pt_handler)
    tasks = client.get(reverse("home")).context["tasks"]
    assert tasks["to_accept"] == [waiting]
    client.force_login(world.bg_handler)
    tasks = client.get(reverse("home")).context["tasks"]
    assert tasks["replies"] == [replied]


def test_my_tasks_puts_absent_colleagues_requests_first(client, world, questions):
    mine_later = request_in(world, questions, Status.OPEN)
    other = request_in(world, questions, Status.OPEN)
    InformationRequest.objects.filter(pk=mine_later.pk).update(
        agreed_deadline=timezone.localdate() + datetime.timedelta(days=30)
    )
    from tests.factories import UserFactory, make_backup

    colleague = UserFactory(authority=world.pt_authority, roles=[("professional-qualifications", "handler")])
    InformationRequest.objects.filter(pk=other.pk).update(responder_handler=colleague)
    client.force_login(world.pt_handler)
    assert client.get(reverse("home")).context["tasks"]["to_answer"] == [mine_later, other]
    colleague.absent_from = timezone.localdate()
    colleague.absent_until = timezone.localdate() + datetime.timedelta(days=3)
    colleague.save()
    make_backup(colleague, world.pt_handler)
    InformationRequest.objects.filter(pk=other.pk).update(
        agreed_deadline=timezone.localdate() + datetime.timedelta(days=3)
    )
    assert client.get(reverse("home")).context["tasks"]["to_answer"] == [other, mine_later]


def test_the_coordinator_sees_referred_and_overdue_requests_of_the_scope(client, world, questions):
    referred = request_in(world, questions, Status.REFERRED)
    late = request_in(world, questions, Status.OPEN)
    InformationRequest.objects.filter(pk=late.pk).update(
        agreed_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(world.pt_coordinator)
    response = client.get(reverse("requests:coordination"))
    assert response.context["referred"] == [referred]
    assert response.context["overdue"] == [late]
    client.force_login(world.ro_coordinator)
    response = client.get(reverse("requests:coordination"))
    assert response.context["referred"] == [] and response.context["overdue"] == []
    client.force_login(world.bg_handler)
    assert client.get(reverse("requests:coordination")).status_code == 404


def test_the_lists_cost_the_same_queries_for_many_requests(client, world, questions, count_queries):
    # One request in each state first: a table with no row reads nothing, one with rows reads them once.
    for status in [Status.OPEN, Status.REPLIED, Status.AWAITING_ACCEPTANCE, Status.REFERRED, Status.DRAFT]:
        request_in(world, questions, status)
    pages = {}
    for persona in ["bg_handler", "pt_handler", "pt_coordinator"]:
        client.force_login(getattr(world, persona))
        pages[persona] = [count_queries(reverse("home")), count_queries(reverse("requests:list"))]
    for status in [Status.OPEN, Status.REPLIED, Status.AWAITING_ACCEPTANCE, Status.REFERRED, Status.DRAFT] * 3:
        request_in(world, questions, status)
    for persona in pages:
        client.force_login(getattr(world, persona))
        assert [count_queries(reverse("home")), count_queries(reverse("requests:list"))] == pages[persona], persona
    client.force_login(world.pt_coordinator)
    few = count_queries(reverse("requests:coordination"))
    request_in(world, questions, Status.REFERRED)
    assert count_queries(reverse("requests:coordination")) == few


def test_the_detail_shows_each_kind_of_answer_as_its_kind(client, world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    answer_all(world, info_request)
    choice = info_request.questions.get(question__kind="choice").question.options.first()
    client.force_login(world.pt_handler)  # reads English
    page = client.get(reverse("requests:detail", args=[info_request.pk])).content.decode()
    assert "Yes" in page
    assert choice.text in page
    assert "1 June 2015" in page  # day before month, as the EU writes it
    assert "No sanctions are recorded." in page


def test_a_draft_is_continued_from_its_detail_and_never_sent_from_there(client, world, questions):
    info_request = request_in(world, questions, Status.DRAFT)
    client.force_login(world.bg_handler)
    page = client.get(reverse("requests:detail", args=[info_request.pk])).content.decode()
    assert reverse("requests:review", args=[info_request.pk]) in page
    assert reverse("requests:act", args=[info_request.pk, "send"]) not in page
    assert reverse("requests:act", args=[info_request.pk, "withdraw"]) in page


def test_the_action_pages_say_what_accepting_and_withdrawing_mean(client, world, questions):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    client.force_login(world.pt_handler)
    page = client.get(reverse("requests:act", args=[info_request.pk, "accept"])).content.decode()
    assert "The requesting authority proposes the deadline" in page
    client.force_login(world.bg_handler)  # reads Bulgarian
    page = client.get(reverse("requests:act", args=[info_request.pk, "withdraw"])).content.decode()
    with translation.override("bg"):
        assert gettext("A withdrawn request cannot be reopened.") in page
