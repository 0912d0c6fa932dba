"""Accepting shows the date the days needed lead to; changing the deadline says the same; a missing
reason is shown on the reason field.
"""

import datetime

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from requests_app.models import Action, Status
from tests.request_states import request_in


def long_date(day):
    return date_format(day, "DATE_FORMAT")


def test_the_accept_page_shows_the_deadline_the_proposed_days_lead_to(client, world, questions, frozen_now):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    client.force_login(world.pt_handler)
    response = client.get(reverse("requests:act", args=[info_request.pk, Action.ACCEPT]))
    days = response.context["form"]["days"]
    assert days.value() == 20
    today = timezone.localdate()
    assert long_date(today + datetime.timedelta(days=20)) in days.help_text
    # Every possible date, for the page's script to show as the number changes, formatted by the server.
    dates = response.context["deadline_dates"]
    assert dates["1"] == long_date(today + datetime.timedelta(days=1))
    assert dates["365"] == long_date(today + datetime.timedelta(days=365))
    assert 'id="deadline-dates"' in response.content.decode()


def test_a_later_deadline_without_a_reason_is_refused_on_the_reason_field(client, world, questions, frozen_now):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    client.force_login(world.pt_handler)
    response = client.post(reverse("requests:act", args=[info_request.pk, Action.ACCEPT]), {"days": 30, "note": ""})
    form = response.context["form"]
    assert form.non_field_errors() == []
    assert form.errors["note"] == ["Explain why you need more time than the requesting authority proposed."]
    # The date the 30 days lead to is shown with the number still filled in.
    assert long_date(timezone.localdate() + datetime.timedelta(days=30)) in form["days"].help_text
    info_request.refresh_from_db()
    assert info_request.status == Status.AWAITING_ACCEPTANCE


def test_the_confirmation_names_the_agreed_deadline(client, world, questions, frozen_now):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    client.force_login(world.pt_handler)
    response = client.post(reverse("requests:act", args=[info_request.pk, Action.ACCEPT]), {"days": 12, "note": ""})
    deadline = long_date(timezone.localdate() + datetime.timedelta(days=12))
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        f"Done: {Action.ACCEPT.label}. The agreed deadline is {deadline}."
    ]


def test_changing_the_deadline_shows_the_current_one_and_confirms_the_new_one(client, world, questions, frozen_now):
    info_request = request_in(world, questions, Status.OPEN)
    client.force_login(world.pt_handler)
    url = reverse("requests:act", args=[info_request.pk, Action.CHANGE_DEADLINE])
    page = client.get(url).content.decode()
    assert long_date(info_request.agreed_deadline) in page
    new = timezone.localdate() + datetime.timedelta(days=45)
    response = client.post(url, {"deadline": new.isoformat(), "note": "Waiting for the register."})
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        f"Done: {Action.CHANGE_DEADLINE.label}. The agreed deadline is {long_date(new)}."
    ]


def test_a_past_date_is_refused_on_the_date_field(client, world, questions, frozen_now):
    info_request = request_in(world, questions, Status.OPEN)
    client.force_login(world.pt_handler)
    url = reverse("requests:act", args=[info_request.pk, Action.CHANGE_DEADLINE])
    response = client.post(url, {"deadline": timezone.localdate().isoformat(), "note": "Waiting."})
    form = response.context["form"]
    assert form.non_field_errors() == []
    assert form.errors["deadline"] == ["The new deadline must be a date after today."]


def test_the_change_deadline_page_counts_the_days_to_the_agreed_deadline(client, world, questions, frozen_now):
    info_request = request_in(world, questions, Status.OPEN)
    client.force_login(world.pt_handler)
    response = client.get(reverse("requests:act", args=[info_request.pk, Action.CHANGE_DEADLINE]))
    field = response.context["form"]["deadline"]
    days = (info_request.agreed_deadline - timezone.localdate()).days
    assert days > 0
    assert f"Calendar days from today: <strong>{days}</strong>" in field.help_text
    # The script counts from the server's today, whatever the browser's clock says.
    assert f'data-deadline-today="{timezone.localdate().isoformat()}"' in str(field)
    assert "js/deadline.js" in response.content.decode()


def test_a_date_not_after_today_is_announced_before_it_is_sent(client, world, questions, frozen_now):
    info_request = request_in(world, questions, Status.OPEN)
    client.force_login(world.pt_handler)
    url = reverse("requests:act", args=[info_request.pk, Action.CHANGE_DEADLINE])
    response = client.post(url, {"deadline": timezone.localdate().isoformat(), "note": "Waiting."})
    help_text = str(response.context["form"]["deadline"].help_text)
    assert "<span data-deadline-count hidden>" in help_text
    assert "<span data-deadline-too-early>A date after today.</span>" in help_text
