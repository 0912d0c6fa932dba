""" "My tasks" and the coordination page show the first rows of each group, its true number, and a link
to the requests list filtered to the whole group (?task=), which lists exactly the group's requests."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from authorities.models import Authority
from requests_app import selectors
from requests_app.models import InformationRequest, Status
from tests.request_states import request_in


@pytest.fixture
def two_shown(settings):
    settings.IMI_TASKS_SHOWN = 2


def listed(client, **query):
    response = client.get(reverse("requests:list"), query)
    assert response.status_code == 200
    return response


def show_all_link(task):
    return f'href="{reverse("requests:list")}?task={task}"'


def test_my_tasks_show_the_first_rows_the_true_number_and_a_link_to_all(client, world, questions, two_shown):
    waiting = [request_in(world, questions, Status.AWAITING_ACCEPTANCE) for _ in range(3)]
    client.force_login(world.pt_handler)
    response = client.get(reverse("home"))
    to_accept = response.context["tasks"]["to_accept"]
    assert len(to_accept) == 2 and to_accept.total == 3
    page = response.content.decode()
    assert "To accept: check the proposed deadline (3)</h2>" in page
    assert show_all_link("to_accept") in page and "Show all 3" in page
    assert sum(info_request.reference in page for info_request in waiting) == 2

    following = listed(client, task="to_accept")
    assert set(following.context["requests"]) == set(waiting)
    assert following.context["page"].paginator.count == 3


def test_a_group_that_fits_has_no_link(client, world, questions, two_shown):
    request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    request_in(world, questions, Status.OPEN)
    client.force_login(world.pt_handler)
    page = client.get(reverse("home")).content.decode()
    assert "To accept: check the proposed deadline (1)</h2>" in page
    assert "?task=" not in page


def test_the_task_filter_combines_with_the_others(client, world, questions):
    waiting = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    request_in(world, questions, Status.OPEN)
    client.force_login(world.pt_handler)
    assert len(listed(client, task="to_accept").context["requests"]) == 2
    assert list(listed(client, task="to_accept", q=waiting.reference).context["requests"]) == [waiting]
    assert list(listed(client, task="to_accept", direction="outgoing").context["requests"]) == []
    assert len(listed(client, task="to_answer").context["requests"]) == 1


def test_the_list_of_a_group_is_the_groups_own_rule(world, questions):
    for status in [Status.AWAITING_ACCEPTANCE, Status.OPEN, Status.REPLIED, Status.REFERRED, Status.DRAFT] * 2:
        request_in(world, questions, status)
    for user in [world.pt_handler, world.bg_handler, world.pt_allocator, world.pt_coordinator, world.superuser]:
        for name, group in selectors.task_groups(user).items():
            assert set(selectors.request_list(user=user, task=name)) <= set(group), (user, name)
            assert set(selectors.request_list(user=user, task=name)) == set(
                group.filter(pk__in=selectors.request_list(user=user).values("pk"))
            ), (user, name)


def test_another_authoritys_handler_gets_none_of_the_group(client, world, questions, two_shown):
    for _ in range(3):
        request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    client.force_login(world.pt_other_handler)
    response = listed(client, task="to_accept")
    assert not response.context["form"].errors  # a group a handler can have: their own, empty
    assert list(response.context["requests"]) == []


def test_a_coordinators_group_asked_by_someone_else_lists_nothing(client, world, questions, two_shown):
    late = [request_in(world, questions, Status.OPEN) for _ in range(3)]
    InformationRequest.objects.filter(pk__in=[r.pk for r in late]).update(
        agreed_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(world.pt_handler)  # sees the requests, but is no coordinator
    response = listed(client, task="overdue")
    assert list(response.context["requests"]) == []
    assert response.context["form"].errors["task"]
    assert list(selectors.request_list(user=world.pt_handler, task="overdue")) == []
    client.force_login(world.ro_coordinator)  # a coordinator of another scope
    assert list(listed(client, task="overdue").context["requests"]) == []


def test_an_invalid_task_is_a_form_error(client, world, questions):
    request_in(world, questions, Status.OPEN)
    client.force_login(world.pt_handler)
    response = listed(client, task="everything")
    assert response.context["form"].errors["task"]
    assert list(response.context["requests"]) == []
    assert "everything" in response.content.decode()  # the form shows the error, not a crash


def test_the_coordination_page_shows_the_first_rows_and_links_to_all(client, world, questions, two_shown):
    referred = [request_in(world, questions, Status.REFERRED) for _ in range(3)]
    late = [request_in(world, questions, Status.OPEN) for _ in range(3)]
    InformationRequest.objects.filter(pk__in=[r.pk for r in late]).update(
        agreed_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(world.pt_coordinator)
    response = client.get(reverse("requests:coordination"))
    assert (len(response.context["referred"]), response.context["referred"].total) == (2, 3)
    assert (len(response.context["overdue"]), response.context["overdue"].total) == (2, 3)
    page = response.content.decode()
    assert "Referred to you (3)</h2>" in page and "Overdue requests (3)</h2>" in page
    assert show_all_link("coordination_referred") in page and show_all_link("overdue") in page
    assert set(listed(client, task="coordination_referred").context["requests"]) == set(referred)
    assert set(listed(client, task="overdue").context["requests"]) == set(late)


def test_my_tasks_count_every_group_in_one_query(world, questions, django_assert_num_queries):
    request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    request_in(world, questions, Status.OPEN)
    user = world.pt_handler
    selectors.my_tasks(user=user)  # the user's areas and covered colleagues are read once per user object
    # Every group's first ids and number in one query; their rows in one.
    with django_assert_num_queries(1 + 1):
        tasks = selectors.my_tasks(user=user)
    assert (tasks["to_accept"].total, tasks["to_answer"].total, tasks["replies"].total) == (1, 1, 0)


def test_each_group_shows_its_first_rows_in_its_own_order(world, questions, two_shown):
    # Read together, each group keeps its rows apart, in its own order, cut at the number shown.
    today = timezone.localdate()
    waiting = [request_in(world, questions, Status.AWAITING_ACCEPTANCE) for _ in range(3)]
    answering = [request_in(world, questions, Status.OPEN) for _ in range(3)]
    for days, info_request in zip([9, 3, 6], waiting, strict=True):
        InformationRequest.objects.filter(pk=info_request.pk).update(proposed_deadline=today + datetime.timedelta(days))
    for days, info_request in zip([5, 8, 2], answering, strict=True):
        InformationRequest.objects.filter(pk=info_request.pk).update(agreed_deadline=today + datetime.timedelta(days))
    tasks = selectors.my_tasks(user=world.pt_handler)
    assert [r.pk for r in tasks["to_accept"]] == [waiting[1].pk, waiting[2].pk] and tasks["to_accept"].total == 3
    assert [r.pk for r in tasks["to_answer"]] == [answering[2].pk, answering[0].pk] and tasks["to_answer"].total == 3


def test_no_group_has_a_row_reads_no_row(world, questions, django_assert_num_queries):
    user = world.pt_handler
    selectors.my_tasks(user=user)
    with django_assert_num_queries(1):
        tasks = selectors.my_tasks(user=user)
    assert all(not group and group.total == 0 for group in tasks.values())


def overdue(world, questions, how_many):
    late = [request_in(world, questions, Status.OPEN) for _ in range(how_many)]
    InformationRequest.objects.filter(pk__in=[r.pk for r in late]).update(
        agreed_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )


def test_the_pages_cost_the_same_queries_for_one_row_or_many(client, world, questions, count_queries, two_shown):
    # One row in each group first: a group with no row reads nothing, one with rows reads them once.
    for status in [Status.AWAITING_ACCEPTANCE, Status.OPEN, Status.REFERRED]:
        request_in(world, questions, status)
    overdue(world, questions, 1)
    pages = {("pt_handler", "home"), ("pt_coordinator", "home"), ("pt_coordinator", "requests:coordination")}

    def costs():
        counted = {}
        for persona, url in sorted(pages):
            client.force_login(getattr(world, persona))
            counted[persona, url] = count_queries(reverse(url))
        return counted

    few = costs()
    overdue(world, questions, 4)
    for status in [Status.AWAITING_ACCEPTANCE, Status.REFERRED] * 4:
        request_in(world, questions, status)
    client.force_login(world.pt_coordinator)
    assert client.get(reverse("requests:coordination")).context["overdue"].total == 5
    assert costs() == few


def test_a_user_of_a_suspended_authority_has_empty_groups_and_numbers(client, world, questions):
    request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    request_in(world, questions, Status.OPEN)
    Authority.objects.filter(pk=world.pt_authority.pk).update(status=Authority.Status.SUSPENDED)
    client.force_login(world.pt_allocator)  # allocates nothing while suspended: that group's rule is empty
    tasks = client.get(reverse("home")).context["tasks"]
    assert tasks["to_allocate"] == [] and tasks["to_allocate"].total == 0
    assert list(listed(client, task="to_allocate").context["requests"]) == []


def test_my_tasks_open_when_all_groups_but_one_can_match_nothing(client, world, questions):
    # A supervisor works in no area: the groups of the areas' requests match nothing and are left out of the
    # query, only the drafts group remains.
    request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    client.force_login(world.bg_supervisor)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert all(group.total == 0 for group in response.context["tasks"].values())
