"""Each workflow mail says what happened from the reader's side, who did it, and what to do next,
with the step's reason or question in the writer's words and language, in the reader's language."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from authorities import services as authority_services
from authorities.models import Authority
from core.models import OutboxMessage
from requests_app import services
from requests_app.models import Action, Status
from tests.factories import AuthorityFactory, UserFactory, country
from tests.request_states import answer_all, request_in, step


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run a step and return the mails it sent, by recipient address."""

    def run(function, *args, **kwargs):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            function(*args, **kwargs)
        return {message.to[0]: message for message in mail.outbox}

    return run


def in_language(language, text, **values):
    with translation.override(language):
        return gettext(text) % {key: str(value) for key, value in values.items()}


def html_of(message):
    return message.alternatives[0][0]


def name_of(authority, language):
    with translation.override(language):
        return authority.name


# What each reader is told, written out here rather than derived from the templates:
# (state before, action, who acts, parameters, who reads, subject, what to do next).
STEPS = [
    (
        Status.AWAITING_ACCEPTANCE,
        Action.ACCEPT,
        "pt_handler",
        {"days": 30, "note": "The register is checked by hand."},
        "bg_handler",
        "%(reference)s: %(authority)s accepted the request",
        "The reply is due by %(date)s. Nothing to do for now: you will get a mail when the reply is sent.",
    ),
    (
        Status.OPEN,
        Action.CHANGE_DEADLINE,
        "pt_handler",
        {"deadline": "in 40 days", "note": "The archive is closed in February."},
        "bg_handler",
        "%(reference)s: %(authority)s changed the deadline",
        "The reply is now due by %(date)s. If this does not suit you, write a message to the responding "
        "authority on the request page.",
    ),
    (
        "answered",
        Action.REPLY,
        "pt_handler",
        {"note": "See the certificate attached."},
        "bg_handler",
        "%(reference)s: %(authority)s replied",
        "Read the answers, then accept the reply and close the request, ask for clarification, or refer the "
        "request to the coordinator.",
    ),
    (
        Status.REPLIED,
        Action.REQUEST_CLARIFICATION,
        "bg_handler",
        {"note": "Кой регистър?"},
        "pt_handler",
        "%(reference)s: %(authority)s asks for clarification",
        "Answer the question: change the answers where needed and send the reply again.",
    ),
    (
        Status.REPLIED,
        Action.CLOSE,
        "bg_handler",
        {},
        "pt_handler",
        "%(reference)s: %(authority)s accepted the reply and closed the request",
        "Nothing more to do: the request is closed.",
    ),
    (
        Status.REPLIED,
        Action.REFER,
        "bg_handler",
        {"note": "Отговорът не отговаря на въпроса."},
        "pt_handler",
        "%(reference)s: %(authority)s referred the request to the coordinator",
        "Nothing to do for now: the coordinator will return the request to you or close it.",
    ),
    (
        Status.REPLIED,
        Action.REFER,
        "bg_handler",
        {"note": "Отговорът не отговаря на въпроса."},
        "pt_coordinator",
        "%(reference)s: %(authority)s referred the request to the coordinator",
        "Read the request and the reply, then return the request to the responding authority or close the "
        "referral, giving your reason.",
    ),
    (
        Status.REFERRED,
        Action.RETURN_FROM_REFERRAL,
        "pt_coordinator",
        {"note": "Answer question 2 in full."},
        "pt_handler",
        "%(reference)s: the coordinator returned the request to %(target)s",
        "Complete the answers as the coordinator asks and send the reply again.",
    ),
    (
        Status.REFERRED,
        Action.RETURN_FROM_REFERRAL,
        "pt_coordinator",
        {"note": "Answer question 2 in full."},
        "bg_handler",
        "%(reference)s: the coordinator returned the request to %(target)s",
        "Nothing to do for now: you will get a mail when the new reply is sent.",
    ),
    (
        Status.REFERRED,
        Action.CLOSE_REFERRAL,
        "pt_coordinator",
        {"note": "The reply is complete."},
        "bg_handler",
        "%(reference)s: the coordinator closed the referral and the request",
        "Nothing more to do: the request is closed.",
    ),
    (
        Status.OPEN,
        Action.WITHDRAW,
        "bg_handler",
        {"note": "Лицето е оттеглило заявлението си."},
        "pt_handler",
        "%(reference)s: %(authority)s withdrew the request",
        "Stop working on the request: nothing more is needed from your authority.",
    ),
]


@pytest.mark.parametrize(("state", "action", "actor", "params", "reader", "subject", "next_step"), STEPS)
def test_a_step_s_mail_says_what_happened_who_did_it_and_what_to_do_next(
    world, questions, sent, frozen_now, state, action, actor, params, reader, subject, next_step
):
    if state == "answered":
        info_request = request_in(world, questions, Status.OPEN)
        answer_all(world, info_request)
    else:
        info_request = request_in(world, questions, state)
    actor, reader = getattr(world, actor), getattr(world, reader)
    if params.get("deadline") == "in 40 days":
        params = {**params, "deadline": timezone.localdate() + datetime.timedelta(days=40)}
    # The actor writes in their own language.
    with translation.override(actor.preferred_language):
        mails = sent(step, info_request, action, actor, **params)
    message = mails[reader.email]
    info_request.refresh_from_db()
    language = reader.preferred_language
    assert message.subject == in_language(
        language,
        subject,
        reference=info_request.reference,
        authority=name_of(actor.authority, language),
        target=name_of(info_request.responding_authority, language),
    )
    with translation.override(language):
        date = date_format(info_request.agreed_deadline, "DATE_FORMAT") if info_request.agreed_deadline else ""
    expected_next = in_language(language, next_step, date=date)
    assert expected_next in message.body
    assert expected_next in html_of(message)
    # Who did it, by name and authority.
    assert actor.full_name in message.body
    # Never the subject's identity.
    for part in (message.subject, message.body, html_of(message)):
        assert "Maria Sousa" not in part
        assert "PT-123456" not in part
    # The button label of the other side is not the subject any more.
    with translation.override(language):
        assert not message.subject.endswith(f": {Action(action).label}")


def test_the_clarification_question_is_quoted_in_the_writer_s_words_with_its_language_marked(world, questions, sent):
    info_request = request_in(world, questions, Status.REPLIED)
    with translation.override("bg"):
        mails = sent(step, info_request, Action.REQUEST_CLARIFICATION, world.bg_handler, note="Кой регистър?")
    message = mails[world.pt_handler.email]  # an English reader
    assert "Question (written in Bulgarian):\nКой регистър?" in message.body
    html = html_of(message)
    assert '<blockquote lang="bg"' in html
    assert "Кой регистър?</blockquote>" in html
    assert "(written in Bulgarian)" in html
    assert '<html lang="en">' in html


def test_a_note_in_the_reader_s_own_language_is_quoted_without_a_mark(world, questions, sent):
    info_request = request_in(world, questions, Status.REPLIED)
    with translation.override("en"):
        mails = sent(step, info_request, Action.REQUEST_CLARIFICATION, world.bg_handler, note="Which register?")
    message = mails[world.pt_handler.email]
    assert "Question:\nWhich register?" in message.body
    assert "written in" not in message.body


def test_the_reason_for_a_later_deadline_reaches_the_requester_in_the_requester_s_language(world, questions, sent):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    with translation.override("en"):
        mails = sent(step, info_request, Action.ACCEPT, world.pt_handler, days=60, note="The archive is far away.")
    message = mails[world.bg_handler.email]
    with translation.override("bg"):
        label = gettext("Reason for the deadline")
        english = translation.get_language_info("en")["name_translated"]
        written_in = gettext("written in %(language)s") % {"language": english}
    assert f"{label} ({written_in}):\nThe archive is far away." in message.body
    assert '<html lang="bg">' in html_of(message)


def test_a_forward_tells_the_requester_where_and_why_and_the_new_authority_what_to_do(world, questions, sent):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    mails = sent(
        step,
        info_request,
        Action.FORWARD,
        world.pt_handler,
        authority=world.pt_other_authority,
        note="Guides are registered by the other authority.",
    )
    news = mails[world.bg_handler.email]
    target = name_of(world.pt_other_authority, "bg")
    assert news.subject == in_language(
        "bg",
        "%(reference)s: %(authority)s forwarded the request to %(target)s",
        reference=info_request.reference,
        authority=name_of(world.pt_authority, "bg"),
        target=target,
    )
    assert "Guides are registered by the other authority." in news.body
    assert target in news.body

    new = mails[world.pt_other_handler.email]
    assert new.subject == (f"{info_request.reference}: {world.pt_authority.name} forwarded a request to your authority")
    assert f"{world.pt_handler.full_name} of {world.pt_authority.name} forwarded to your authority" in new.body
    assert "Check the proposed deadline before accepting the request" in new.body
    # The notes of a request are read once the authority has accepted it: so is the reason in the mail.
    assert "Guides are registered" not in new.body
    assert "Guides are registered" not in html_of(new)


def test_a_new_request_says_what_it_is_about_with_the_summary_s_language(world, questions, sent):
    with translation.override("bg"):
        info_request = request_in(world, questions, Status.DRAFT)
        info_request.summary = "Квалификация на екскурзовод"
        info_request.summary_language = "bg"
        info_request.save()
    mails = sent(step, info_request, Action.SEND, world.bg_handler)
    message = mails[world.pt_handler.email]
    assert "About: Квалификация на екскурзовод (written in Bulgarian)" in message.body
    assert '<span lang="bg">Квалификация на екскурзовод</span> (written in Bulgarian)' in html_of(message)


def test_a_file_added_by_one_side_is_announced_to_the_other_without_its_name(world, questions, sent):
    info_request = request_in(world, questions, Status.OPEN)
    upload = SimpleUploadedFile("certificate-maria-sousa.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    mails = sent(services.attachment_add, info_request=info_request, user=world.pt_handler, upload=upload)
    assert set(mails) == {world.bg_handler.email}
    message = mails[world.bg_handler.email]
    assert message.subject == in_language(
        "bg",
        "%(reference)s: %(authority)s added a file",
        reference=info_request.reference,
        authority=name_of(world.pt_authority, "bg"),
    )
    assert world.pt_handler.full_name in message.body
    assert f"/requests/{info_request.pk}/#attachments" in message.body
    assert "maria-sousa" not in message.body + html_of(message)
    assert '<html lang="bg">' in html_of(message)


def test_validating_an_authority_tells_its_users_they_can_work(world, sent):
    pending = AuthorityFactory(official_name="Агенция по заетостта", country=country("BG"))
    pending.status = Authority.Status.PENDING
    pending.save()
    lda = UserFactory(authority=pending, is_lda=True, preferred_language="bg")
    handler = UserFactory(authority=pending, preferred_language="en")
    UserFactory(authority=pending, is_active=False)
    mails = sent(
        authority_services.authority_status_set,
        actor=world.bg_coordinator,
        authority=pending,
        status=Authority.Status.VALIDATED,
        message="Validated.",
    )
    assert set(mails) == {lda.email, handler.email}
    english = mails[handler.email]
    assert english.subject == "Агенция по заетостта is validated: you can work in the IMI portal"
    assert (
        f"{world.bg_coordinator.full_name} of {world.bg_coordinator.authority.name} validated your authority"
        in english.body
    )
    assert "You can now send, accept and answer information requests" in english.body
    assert '<html lang="bg">' in html_of(mails[lda.email])
    assert OutboxMessage.objects.filter(template="authority_validated").count() == 2


def test_suspending_an_authority_sends_no_validation_mail(world, sent):
    authority = AuthorityFactory(country=country("BG"))
    UserFactory(authority=authority)
    mails = sent(
        authority_services.authority_status_set,
        actor=world.bg_coordinator,
        authority=authority,
        status=Authority.Status.SUSPENDED,
        message="Suspended.",
    )
    assert mails == {}


def test_a_split_tells_the_requester_the_new_request_and_where_it_went(world, questions, sent):
    info_request = request_in(world, questions, Status.OPEN)
    moving = info_request.questions.first()
    mails = sent(
        step,
        info_request,
        Action.SPLIT,
        world.pt_handler,
        authority=world.pt_other_authority,
        question_ids=[moving.pk],
        note="Question 1 is for the other authority.",
    )
    new_request = info_request.children.get()
    news = mails[world.bg_handler.email]
    assert new_request.reference in news.body
    assert name_of(world.pt_other_authority, "bg") in news.body
    assert "Question 1 is for the other authority." in news.body
    assert mails[world.pt_other_handler.email].subject == f"New information request {new_request.reference}"


def test_a_message_s_mail_says_who_wrote_it_and_what_to_do_next_without_its_text(world, questions, sent):
    info_request = request_in(world, questions, Status.OPEN)
    mails = sent(
        services.message_add, info_request=info_request, user=world.pt_handler, body="We are checking the register."
    )
    message = mails[world.bg_handler.email]
    assert message.subject == in_language(
        "bg",
        "%(reference)s: %(authority)s wrote a message",
        reference=info_request.reference,
        authority=name_of(world.pt_authority, "bg"),
    )
    assert world.pt_handler.full_name in message.body
    assert in_language("bg", "Read the message on the request page, and answer it there if needed.") in message.body
    assert "checking the register" not in message.body + html_of(message)
