"""Machine translation of a request's free text, against local translators (tests/translators.py)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone, translation

from core import machine_translation
from requests_app import machine_translations, retention, services
from requests_app.models import Action, PersonalDataRead, Status, TextTranslation
from tests.request_states import request_in, step
from tests.translators import CallbackTranslator, LibreTranslateServer, translated

SUMMARY = "Квалификация на екскурзовод"
MESSAGE = "The diploma was issued in Lisbon in 2009."
ANSWER = "No sanctions are recorded."


@pytest.fixture
def exchange(world, questions):
    """An open request from Bulgaria (written in Bulgarian) that the Portuguese side answered in English."""
    world.bg_handler.preferred_language = "bg"
    world.bg_handler.save()
    world.pt_handler.preferred_language = "en"
    world.pt_handler.save()
    with translation.override("bg"):
        info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
        info_request.summary = SUMMARY
        info_request.save()
    with translation.override("en"):
        info_request = step(info_request, Action.ACCEPT, world.pt_handler, days=10)
        text_question = info_request.questions.get(question__kind="text")
        services.answers_save(info_request=info_request, user=world.pt_handler, answers={text_question.pk: ANSWER})
        message = services.message_add(info_request=info_request, user=world.pt_handler, body=MESSAGE)
    return info_request, message, text_question


@pytest.fixture
def libretranslate(settings):
    with LibreTranslateServer() as server:
        settings.MACHINE_TRANSLATION = server.settings()
        yield server


def detail(client, info_request):
    return client.get(reverse("requests:detail", args=[info_request.pk])).content.decode()


def ask(client, info_request, field, object_id, capture):
    with capture(execute=True):
        return client.post(reverse("requests:translate", args=[info_request.pk]), {"field": field, "object": object_id})


def test_without_a_translator_nothing_is_offered_and_asking_is_refused(
    client, world, exchange, django_capture_on_commit_callbacks
):
    info_request, message, _question = exchange
    client.force_login(world.bg_handler)
    page = detail(client, info_request)
    assert reverse("requests:translate", args=[info_request.pk]) not in page
    assert ask(client, info_request, "message", message.pk, django_capture_on_commit_callbacks).status_code == 404
    assert not TextTranslation.objects.exists()


def test_a_message_is_translated_into_the_readers_language_beside_the_original(
    client, world, exchange, libretranslate, django_capture_on_commit_callbacks
):
    info_request, message, _question = exchange
    client.force_login(world.bg_handler)
    page = detail(client, info_request)
    assert page.count('name="field" value="message"') == 1
    assert page.count('name="field" value="answer"') == 1
    # The summary is in the reader's own language: nothing to translate.
    assert 'name="field" value="summary"' not in page

    response = ask(client, info_request, "message", message.pk, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/requests/{info_request.pk}/#text-message-{message.pk}")
    assert libretranslate.received == [{"q": [MESSAGE], "source": "en", "target": "bg", "format": "text"}]

    page = detail(client, info_request)
    assert MESSAGE in page  # the original stays
    assert f'<p class="ecl-u-type-paragraph ecl-u-mt-none" lang="bg">{translated(MESSAGE, "bg")}</p>' in page
    with translation.override("bg"):
        assert translation.gettext("Machine translation") in page
    assert 'name="field" value="message"' not in page
    row = TextTranslation.objects.get()
    assert (row.field, row.source_language, row.target_language, row.state) == ("message", "en", "bg", "done")
    # Asking is in the read log, like a read of the personal data.
    assert PersonalDataRead.objects.filter(
        user=world.bg_handler, request=info_request, what=PersonalDataRead.What.MACHINE_TRANSLATION
    ).exists()


def test_a_translation_is_kept_and_reused_and_not_shown_once_the_text_changes(
    client, world, exchange, libretranslate, django_capture_on_commit_callbacks
):
    info_request, _message, text_question = exchange
    client.force_login(world.bg_handler)
    ask(client, info_request, "answer", text_question.pk, django_capture_on_commit_callbacks)
    ask(client, info_request, "answer", text_question.pk, django_capture_on_commit_callbacks)
    assert libretranslate.texts == [ANSWER]
    assert translated(ANSWER, "bg") in detail(client, info_request)

    with translation.override("en"):
        services.answers_save(
            info_request=info_request, user=world.pt_handler, answers={text_question.pk: "One warning, in 2019."}
        )
    page = detail(client, info_request)
    assert translated(ANSWER, "bg") not in page
    assert 'name="field" value="answer"' in page
    ask(client, info_request, "answer", text_question.pk, django_capture_on_commit_callbacks)
    assert libretranslate.texts == [ANSWER, "One warning, in 2019."]
    assert translated("One warning, in 2019.", "bg") in detail(client, info_request)
    assert TextTranslation.objects.count() == 1


def test_each_reader_gets_their_own_language_and_the_summary_goes_the_other_way(
    client, world, exchange, libretranslate, django_capture_on_commit_callbacks
):
    info_request, _message, _question = exchange
    client.force_login(world.pt_handler)
    page = detail(client, info_request)
    assert 'name="field" value="summary"' in page
    assert 'name="field" value="message"' not in page  # written in English, the reader's language
    ask(client, info_request, "summary", info_request.pk, django_capture_on_commit_callbacks)
    assert translated(SUMMARY, "en") in detail(client, info_request)
    # The summary holds no personal data: asking for it is not a read of the personal data.
    assert not PersonalDataRead.objects.filter(what=PersonalDataRead.What.MACHINE_TRANSLATION).exists()


def test_personal_data_never_go_to_a_translator_outside_the_trust_boundary(
    client, world, exchange, settings, django_capture_on_commit_callbacks
):
    info_request, message, text_question = exchange
    with LibreTranslateServer() as server:
        settings.MACHINE_TRANSLATION = server.settings(trusted=False)
        client.force_login(world.pt_handler)
        assert 'name="field" value="summary"' in detail(client, info_request)
        ask(client, info_request, "summary", info_request.pk, django_capture_on_commit_callbacks)
        client.force_login(world.bg_handler)
        page = detail(client, info_request)
        assert 'name="field"' not in page
        for field, object_id in [("message", message.pk), ("answer", text_question.pk)]:
            assert ask(client, info_request, field, object_id, django_capture_on_commit_callbacks).status_code == 404
        assert server.texts == [SUMMARY]
    with pytest.raises(machine_translation.NotAllowed):
        machine_translation.translate([MESSAGE], "en", "bg", personal_data=True)


def test_whoever_may_not_read_a_text_gets_404_and_nothing_is_sent(
    client, world, questions, exchange, libretranslate, django_capture_on_commit_callbacks
):
    info_request, message, _question = exchange
    # Another authority of the responding country, and a stranger: the request is not theirs to see.
    for persona in ["pt_other_handler", "stranger", "ro_coordinator"]:
        client.force_login(getattr(world, persona))
        for field, object_id in [("summary", info_request.pk), ("message", message.pk)]:
            assert ask(client, info_request, field, object_id, django_capture_on_commit_callbacks).status_code == 404
    # The responder before acceptance sees the request but not its personal data (nor their free text).
    with translation.override("bg"):
        waiting = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
        step(waiting, Action.WITHDRAW, world.bg_handler, note="Изпратено по погрешка.")
    waiting_note = waiting.events.get(action=Action.WITHDRAW)
    client.force_login(world.pt_handler)
    assert ask(client, waiting, "note", waiting_note.pk, django_capture_on_commit_callbacks).status_code == 404
    # A text of another request, or one that does not exist, is no text of this one.
    client.force_login(world.bg_handler)
    assert ask(client, waiting, "message", message.pk, django_capture_on_commit_callbacks).status_code == 404
    assert ask(client, info_request, "message", 0, django_capture_on_commit_callbacks).status_code == 404
    not_a_free_text = ask(client, info_request, "subject_name", info_request.pk, django_capture_on_commit_callbacks)
    assert not_a_free_text.status_code == 404
    assert ask(client, info_request, "message", "x", django_capture_on_commit_callbacks).status_code == 404
    assert libretranslate.received == []
    client.logout()
    response = ask(client, info_request, "message", message.pk, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(reverse("requests:translate", args=[info_request.pk])).status_code in (302, 405)


def test_an_outage_says_so_loses_nothing_and_is_asked_again(
    client, world, exchange, libretranslate, django_capture_on_commit_callbacks
):
    info_request, message, _question = exchange
    client.force_login(world.bg_handler)
    libretranslate.failing = True
    ask(client, info_request, "message", message.pk, django_capture_on_commit_callbacks)
    page = detail(client, info_request)
    with translation.override("bg"):
        assert (
            translation.gettext(
                "The translation service does not answer at the moment. The portal tries again; nothing is lost."
            )
            in page
        )
    assert MESSAGE in page
    row = TextTranslation.objects.get()
    assert (row.state, row.attempts) == ("pending", 1) and "HTTP 500" in row.last_error

    libretranslate.failing = False
    assert machine_translations.retry_due() == 0  # not before its wait is over
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        assert machine_translations.retry_due() == 1
    assert translated(MESSAGE, "bg") in detail(client, info_request)


def test_a_translator_that_keeps_failing_is_given_up_and_can_be_asked_again(
    client, world, exchange, libretranslate, django_capture_on_commit_callbacks
):
    info_request, message, _question = exchange
    client.force_login(world.bg_handler)
    libretranslate.failing = True
    ask(client, info_request, "message", message.pk, django_capture_on_commit_callbacks)
    moment = timezone.now()
    for _attempt in range(machine_translations.MAX_ATTEMPTS):
        moment += datetime.timedelta(hours=1)
        with time_machine.travel(moment):
            machine_translations.retry_due()
    assert TextTranslation.objects.get().state == "failed"
    assert len(libretranslate.received) == machine_translations.MAX_ATTEMPTS
    page = detail(client, info_request)
    with translation.override("bg"):
        assert translation.gettext("The machine translation failed. You can ask for it again.") in page
    libretranslate.failing = False
    ask(client, info_request, "message", message.pk, django_capture_on_commit_callbacks)
    assert translated(MESSAGE, "bg") in detail(client, info_request)


def test_a_translator_that_does_not_answer_in_time_is_an_outage(
    client, world, exchange, settings, django_capture_on_commit_callbacks
):
    info_request, message, _question = exchange
    with LibreTranslateServer() as server:
        settings.MACHINE_TRANSLATION = server.settings(timeout=0.2)
        server.delay = 1.0
        client.force_login(world.bg_handler)
        response = ask(client, info_request, "message", message.pk, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    row = TextTranslation.objects.get()
    assert row.state == "pending" and "timed out" in row.last_error.lower()


def test_an_asynchronous_translator_answers_by_callback(
    client, world, exchange, settings, django_capture_on_commit_callbacks
):
    info_request, message, _question = exchange
    with CallbackTranslator() as server:
        settings.MACHINE_TRANSLATION = server.settings()
        client.force_login(world.bg_handler)
        ask(client, info_request, "message", message.pk, django_capture_on_commit_callbacks)
        assert TextTranslation.objects.get().state == "submitted"
        [sent] = server.received
        assert (sent["sourceLanguage"], sent["targetLanguages"], sent["textToTranslate"]) == ("EN", ["BG"], MESSAGE)
        callback = reverse("requests:translation_callback")
        assert sent["requesterCallback"] == settings.SITE_URL + callback
        page = detail(client, info_request)
        with translation.override("bg"):
            assert translation.gettext("Being translated by machine.") in page

        [(_address, form)] = server.callbacks()
        client.logout()  # the translator has no session
        forged = {**form, "external-reference": form["external-reference"] + "x"}
        assert client.post(callback, forged).status_code == 400
        assert client.post(callback, form).status_code == 204
        client.force_login(world.bg_handler)
        assert translated(MESSAGE, "bg") in detail(client, info_request)


def test_an_asynchronous_translators_error_or_silence_leads_to_asking_again(
    client, world, exchange, settings, django_capture_on_commit_callbacks
):
    info_request, message, _question = exchange
    with CallbackTranslator() as server:
        settings.MACHINE_TRANSLATION = server.settings()
        client.force_login(world.bg_handler)
        ask(client, info_request, "message", message.pk, django_capture_on_commit_callbacks)
        [(_address, form)] = server.callbacks(error="Language pair not supported")
        assert client.post(reverse("requests:translation_callback"), form).status_code == 204
        row = TextTranslation.objects.get()
        assert row.state == "pending" and row.last_error == "Language pair not supported"
        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
            machine_translations.retry_due()
        assert TextTranslation.objects.get().state == "submitted"
        # No answer within the wait: sent once more.
        with time_machine.travel(timezone.now() + machine_translations.CALLBACK_WAIT + datetime.timedelta(minutes=3)):
            machine_translations.retry_due()
        assert len(server.received) == 3


def test_a_late_answer_for_a_text_that_changed_is_ignored(
    client, world, exchange, settings, django_capture_on_commit_callbacks
):
    info_request, _message, text_question = exchange
    with CallbackTranslator() as server:
        settings.MACHINE_TRANSLATION = server.settings()
        client.force_login(world.bg_handler)
        ask(client, info_request, "answer", text_question.pk, django_capture_on_commit_callbacks)
        [(_address, old)] = server.callbacks()
        with translation.override("en"):
            services.answers_save(
                info_request=info_request, user=world.pt_handler, answers={text_question.pk: "One warning."}
            )
        ask(client, info_request, "answer", text_question.pk, django_capture_on_commit_callbacks)
        assert client.post(reverse("requests:translation_callback"), old).status_code == 204
        assert TextTranslation.objects.get().state == "submitted"
        [_first, (_address, new)] = server.callbacks()
        client.post(reverse("requests:translation_callback"), new)
        assert TextTranslation.objects.get().text == translated("One warning.", "bg")


def test_erasing_the_personal_data_erases_their_translations_and_keeps_the_summarys(
    client, world, exchange, libretranslate, django_capture_on_commit_callbacks
):
    info_request, message, text_question = exchange
    client.force_login(world.bg_handler)
    ask(client, info_request, "message", message.pk, django_capture_on_commit_callbacks)
    ask(client, info_request, "answer", text_question.pk, django_capture_on_commit_callbacks)
    client.force_login(world.pt_handler)
    ask(client, info_request, "summary", info_request.pk, django_capture_on_commit_callbacks)
    assert TextTranslation.objects.count() == 3
    retention.erase_personal_data(requests=type(info_request).objects.filter(pk=info_request.pk))
    assert list(TextTranslation.objects.values_list("field", flat=True)) == ["summary"]


def test_the_interface_translates_lists_and_checks_what_the_translator_answers(settings):
    with LibreTranslateServer() as server:
        settings.MACHINE_TRANSLATION = server.settings()
        assert machine_translation.translate(["a", "b"], "en", "da", personal_data=True) == ["[da] a", "[da] b"]
        assert machine_translation.translate(["same"], "da", "da", personal_data=True) == ["same"]
        assert len(server.received) == 1
    settings.MACHINE_TRANSLATION = {"BACKEND": "libretranslate", "URL": "http://127.0.0.1:9/", "TIMEOUT": 1}
    with pytest.raises(machine_translation.Unavailable):
        machine_translation.translate(["a"], "en", "da", personal_data=False)
    settings.MACHINE_TRANSLATION = {"BACKEND": "libretranslate", "URL": "file:///etc/passwd"}
    with pytest.raises(machine_translation.Unavailable):
        machine_translation.translate(["a"], "en", "da", personal_data=False)
    settings.MACHINE_TRANSLATION = {"BACKEND": "none"}
    assert not machine_translation.may_send(personal_data=False)


def test_the_data_protection_notice_says_what_goes_to_the_translator(client, db, settings):
    url = reverse("data_protection")
    assert "Machine translation" not in client.get(url).content.decode()
    settings.MACHINE_TRANSLATION = {"BACKEND": "libretranslate", "URL": "http://127.0.0.1:9", "TRUSTED": True}
    page = client.get(url).content.decode()
    assert "own protected network" in page
    settings.MACHINE_TRANSLATION = {"BACKEND": "etranslation", "URL": "http://127.0.0.1:9", "TRUSTED": False}
    page = client.get(url).content.decode()
    assert "Messages, answers and notes are never sent to it." in page


def test_a_text_longer_than_a_translator_takes_is_not_offered(
    client, world, exchange, libretranslate, django_capture_on_commit_callbacks
):
    info_request, _message, _question = exchange
    with translation.override("en"):
        long = services.message_add(
            info_request=info_request, user=world.pt_handler, body="x" * (machine_translation.MAX_LENGTH + 1)
        )
    client.force_login(world.bg_handler)
    page = detail(client, info_request)
    assert f'name="object" value="{long.pk}"' not in page
    assert ask(client, info_request, "message", long.pk, django_capture_on_commit_callbacks).status_code == 404
    assert libretranslate.received == []


def test_an_unknown_translator_is_a_clear_configuration_error(settings):
    settings.MACHINE_TRANSLATION = {"BACKEND": "deepl"}
    with pytest.raises(ImproperlyConfigured, match="not one of none, libretranslate, etranslation"):
        machine_translation.backend()
