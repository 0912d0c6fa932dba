"""Machine translation of a request's free text: which texts, for whom, and the translations kept.

The texts are the summary, which holds no personal data and is read by whoever sees the
request, and the free text of the personal data (messages, free-text answers, notes, the
reason for a deadline), read only by those who read the personal data
(``auth.RequestAccess.personal_data``). A text is offered for translation into the reader's
language when its own language is known and differs, and when ``core.machine_translation``
may send it: personal data only to a translator inside the trust boundary.

A translation is asked for once per text and language and kept (``TextTranslation``) with
the hash of the text it translates: everybody who reads that language reuses it, and it is
no longer shown once the text changes. It is shown beside the original, never instead of it.
Asking is recorded in the read log like a read of the personal data. The translator is
called after the commit by a Celery task (``run``); what it has not answered is asked
again by ``retry_due`` (every minute), so a translator or broker outage loses nothing.
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core import machine_translation
from requests_app import selectors, services
from requests_app.models import (
    Event,
    Message,
    PersonalDataRead,
    Question,
    RequestQuestion,
    TextTranslation,
)

logger = logging.getLogger(__name__)

Field = TextTranslation.Field
State = TextTranslation.State

# Waits before asking a translator again that failed, and how long an asynchronous one may take.
RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30)]
CALLBACK_WAIT = timedelta(minutes=15)
MAX_ATTEMPTS = 5


def text_hash(text):
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Text:
    """One free text of a request: where it is, what it says, in which language."""

    field: str
    object_id: int
    text: str
    language: str

    @property
    def anchor(self):
        return anchor(self.field, self.object_id)


def anchor(field, object_id):
    """The id of a free text's place on the request page, where its translation or its button is."""
    return f"text-{field}-{object_id}"


def _personal_data(field):
    return field in TextTranslation.PERSONAL_FIELDS


def _readable(field, access):
    """Whether the reader reads this kind of text at all: the summary with the request, the rest with
    the personal data."""
    return not _personal_data(field) or access.personal_data


def offered(text):
    """Whether this text may go to the configured translator (``machine_translation.may_send``)."""
    return machine_translation.may_send(personal_data=_personal_data(text.field), length=len(text.text))


def texts_of(info_request, *, events, messages, questions):
    """Every free text of the request that has something in it, keyed by (field, object_id)."""
    found = [Text(Field.SUMMARY, info_request.pk, info_request.summary, info_request.summary_language)]
    found += [Text(Field.MESSAGE, message.pk, message.body, message.language) for message in messages]
    found += [
        Text(Field.ANSWER, item.pk, item.answer_text, item.answer_language)
        for item in questions
        if item.question.kind == Question.Kind.TEXT
    ]
    found += [Text(Field.NOTE, event.pk, event.note, event.note_language) for event in events]
    if info_request.deadline_reason:
        found.append(
            Text(
                Field.DEADLINE_REASON,
                info_request.pk,
                info_request.deadline_reason,
                selectors.deadline_reason_language(info_request=info_request, events=events),
            )
        )
    return {(text.field, text.object_id): text for text in found if text.text.strip()}


def text_of(info_request, field, object_id):
    """One free text of the request, read from the database; None when there is no such text."""
    events = messages = questions = []
    if field == Field.MESSAGE:
        messages = Message.objects.filter(request=info_request, pk=object_id)
    elif field == Field.ANSWER:
        questions = RequestQuestion.objects.filter(request=info_request, pk=object_id).select_related("question")
    elif field == Field.NOTE:
        events = Event.objects.filter(request=info_request, pk=object_id)
    elif field == Field.DEADLINE_REASON:
        events = list(Event.objects.filter(request=info_request, action__in=selectors.DEADLINE_ACTIONS))
    elif field != Field.SUMMARY:
        return None
    return texts_of(info_request, events=events, messages=messages, questions=questions).get((field, object_id))


@dataclass(frozen=True)
class Offer:
    """What the page shows under one text for its reader: a "Translate" button, or the translation
    (``state``: ``ask``, ``pending``, ``retrying``, ``done`` or ``failed``)."""

    text: Text
    target: str
    state: str
    translation: str = ""


def offers(info_request, *, access, language, events, messages, questions):
    """The offers of the request page, keyed by (field, object_id); one query, none without a translator."""
    if not machine_translation.backend().enabled:
        return {}
    texts = {
        key: text
        for key, text in texts_of(info_request, events=events, messages=messages, questions=questions).items()
        if text.language and text.language != language and _readable(text.field, access) and offered(text)
    }
    if not texts:
        return {}
    kept = {
        (row.field, row.object_id): row
        for row in TextTranslation.objects.filter(request=info_request, target_language=language)
    }
    found = {}
    for key, text in texts.items():
        row = kept.get(key)
        if row is None or row.source_hash != text_hash(text.text):
            found[key] = Offer(text, language, "ask")
        elif row.state == State.DONE:
            found[key] = Offer(text, language, "done", row.text)
        elif row.state == State.FAILED:
            found[key] = Offer(text, language, "failed")
        else:
            found[key] = Offer(text, language, "retrying" if row.last_error else "pending")
    return found


class Refused(Exception):
    """The reader may not have this text translated (not theirs to read, already in their language, or
    not for the configured translator)."""


def ask(*, user, info_request, access, field, object_id, language):
    """Have one text translated into ``language`` for ``user``: reuse the kept translation when the text
    is unchanged, otherwise (or after a failure) ask the translator once the transaction commits.

    Raises ``Refused`` when the text is not the user's to translate. Returns the ``TextTranslation`` and
    whether the translator is asked now (False: the kept translation, done or under way, is the answer).
    """
    if field not in Field.values or not _readable(field, access):
        raise Refused
    text = text_of(info_request, field, object_id)
    if text is None or not text.language or text.language == language or not offered(text):
        raise Refused
    now = timezone.now()
    digest = text_hash(text.text)
    with transaction.atomic():
        row, created = TextTranslation.objects.select_for_update().get_or_create(
            request=info_request,
            field=field,
            object_id=object_id,
            target_language=language,
            defaults={"source_language": text.language, "source_hash": digest, "requested_by": user},
        )
        asked_now = created or row.source_hash != digest or row.state == State.FAILED
        if asked_now:
            row.source_language = text.language
            row.source_hash = digest
            row.text = ""
            row.state = State.PENDING
            row.attempts = 0
            row.last_error = ""
            row.requested_by = user
            row.requested_at = now
            row.next_attempt_at = now
            row.translated_at = None
            row.save()
            transaction.on_commit(partial(_queue, row.pk))
        if _personal_data(field):
            services.personal_data_reads_record(
                user=user, info_requests=[info_request], what=PersonalDataRead.What.MACHINE_TRANSLATION
            )
    return row, asked_now


def _queue(row_id):
    # Imported here: the task module imports this one.
    from requests_app.tasks import translate_text

    try:
        translate_text.apply_async((row_id,), retry=False)
    except Exception as error:  # the broker is down: retry_due asks later
        logger.warning("Could not queue translation %s (%s); the sweep asks later.", row_id, error)


def _reference(row):
    return f"{row.pk}.{row.source_hash[:16]}"


def run(row_id):
    """Send one waiting translation to the translator; True when it is translated (or handed over) now."""
    with transaction.atomic():
        row = (
            TextTranslation.objects.select_for_update(skip_locked=True)
            .filter(pk=row_id, state=State.PENDING)
            .select_related("request")
            .first()
        )
        if row is None:
            return False
        text = text_of(row.request, row.field, row.object_id)
        if text is None:
            # The text is gone (erased with the personal data): so is its translation.
            row.delete()
            return False
        row.source_hash = text_hash(text.text)
        row.source_language = text.language
        row.attempts += 1
        row.backend = machine_translation.backend().name
        try:
            translated = machine_translation.translate(
                [text.text],
                text.language,
                row.target_language,
                personal_data=_personal_data(row.field),
                reference=_reference(row),
                callback_url=settings.SITE_URL + reverse("requests:translation_callback"),
            )
        except machine_translation.NotAllowed as error:
            # The translator was changed since the text was offered: asking again will not help.
            row.state = State.FAILED
            row.last_error = str(error)
        except machine_translation.Unavailable as error:
            _failed(row, str(error))
        else:
            if translated is None:
                row.state = State.SUBMITTED
                row.next_attempt_at = timezone.now() + CALLBACK_WAIT
            else:
                _done(row, translated[0])
        row.save()
        return row.state in (State.DONE, State.SUBMITTED)


def _failed(row, error):
    row.last_error = error[:2000]
    logger.warning("Translation %s failed (attempt %s): %s", row.pk, row.attempts, error)
    if row.attempts >= MAX_ATTEMPTS:
        row.state = State.FAILED
    else:
        row.state = State.PENDING
        row.next_attempt_at = timezone.now() + RETRY_DELAYS[min(row.attempts - 1, len(RETRY_DELAYS) - 1)]


def _done(row, translated):
    row.text = translated
    row.state = State.DONE
    row.last_error = ""
    row.translated_at = timezone.now()


def receive(data):
    """A translation (or an error) an asynchronous translator posted back; False when the post is forged
    or unreadable. A late answer for a text that changed since is ignored."""
    result = machine_translation.parse_callback(data)
    if result is None:
        return False
    row_id, _sep, digest = result.reference.partition(".")
    with transaction.atomic():
        row = (
            TextTranslation.objects.select_for_update()
            .filter(pk=row_id if row_id.isdigit() else None, state__in=[State.SUBMITTED, State.PENDING])
            .first()
        )
        if row is None or not row.source_hash.startswith(digest) or result.number != 0:
            return True
        if result.error:
            _failed(row, result.error)
        else:
            _done(row, result.text)
        row.save()
    return True


def retry_due(now=None):
    """Ask again what is waiting: failed attempts whose wait is over, and asynchronous requests the
    translator has not answered in ``CALLBACK_WAIT``. Returns how many were sent."""
    now = now or timezone.now()
    TextTranslation.objects.filter(state=State.SUBMITTED, next_attempt_at__lte=now).update(state=State.PENDING)
    due = TextTranslation.objects.filter(state=State.PENDING, next_attempt_at__lte=now)
    return sum(run(row_id) for row_id in due.values_list("pk", flat=True)[:500])
