import datetime
import os
import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from authorities.models import Authority, LegislativeArea
from core.models import ChoiceLabels


def private_storage():
    """Files of requests live outside the web root and are served only through a checked view."""
    return storages["private"]


class QuestionSet(models.Model):
    """The questions an information request in a legislative area may ask."""

    legislative_area = models.ForeignKey(
        LegislativeArea, on_delete=models.PROTECT, related_name="question_sets", verbose_name=_("legislative area")
    )
    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("question set")
        verbose_name_plural = _("question sets")
        ordering = ["legislative_area__code", "code"]

    def __str__(self):
        return self.name


class Question(ChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        YES_NO = "yes_no", _("Yes or no")
        CHOICE = "choice", _("Choice among options")
        DATE = "date", _("Date")
        TEXT = "text", _("Free text")
        FILE = "file", _("File")

    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.CASCADE, related_name="questions", verbose_name=_("question set")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    text = models.TextField(_("question"))
    kind = models.CharField(_("answer kind"), max_length=10, choices=Kind.choices, default=Kind.TEXT)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["question_set", "order", "pk"]

    def __str__(self):
        return self.text


class AnswerOption(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options", verbose_name=_("question"))
    order = models.PositiveIntegerField(_("order"), default=0)
    text = models.CharField(_("option"), max_length=300)

    class Meta:
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        ordering = ["question", "order", "pk"]

    def __str__(self):
        return self.text


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("request status", "Draft")
    AWAITING_ACCEPTANCE = "awaiting_acceptance", pgettext_lazy("request status", "Awaiting acceptance")
    OPEN = "open", pgettext_lazy("request status", "Open")
    REPLIED = "replied", pgettext_lazy("request status", "Replied")
    CLARIFICATION_REQUESTED = "clarification_requested", pgettext_lazy("request status", "Clarification requested")
    REFERRED = "referred", pgettext_lazy("request status", "Referred to the coordinator")
    CLOSED = "closed", pgettext_lazy("request status", "Closed")
    WITHDRAWN = "withdrawn", pgettext_lazy("request status", "Withdrawn")


# The groups of states the rules speak of, each defined here once (an enum's body would make them members).
# Open: the responder is answering; the deadline can pass ("overdue") and answers can be given.
Status.OPEN_STATES = frozenset({Status.OPEN, Status.CLARIFICATION_REQUESTED})
# Running: the responder is working towards the deadline, so "due in" or "overdue" applies.
Status.RUNNING = frozenset({Status.AWAITING_ACCEPTANCE, *Status.OPEN_STATES})
# Finished: nothing more happens; the retention periods count from here.
Status.FINISHED = frozenset({Status.CLOSED, Status.WITHDRAWN})


class Action(models.TextChoices):
    CREATE = "create", pgettext_lazy("request action", "Created")
    SEND = "send", pgettext_lazy("request action", "Send")
    ACCEPT = "accept", pgettext_lazy("request action", "Accept")
    FORWARD = "forward", pgettext_lazy("request action", "Forward")
    ALLOCATE = "allocate", pgettext_lazy("request action", "Allocate")
    ASSIGN = "assign", pgettext_lazy("request action", "Assign to a handler")
    SPLIT = "split", pgettext_lazy("request action", "Split")
    CHANGE_DEADLINE = "change_deadline", pgettext_lazy("request action", "Change the deadline")
    REPLY = "reply", pgettext_lazy("request action", "Send the reply")
    REQUEST_CLARIFICATION = "request_clarification", pgettext_lazy("request action", "Ask for clarification")
    CLOSE = "close", pgettext_lazy("request action", "Accept the reply and close")
    REFER = "refer", pgettext_lazy("request action", "Refer to the coordinator")
    RETURN_FROM_REFERRAL = "return_from_referral", pgettext_lazy("request action", "Return to the responder")
    CLOSE_REFERRAL = "close_referral", pgettext_lazy("request action", "Close the referral")
    WITHDRAW = "withdraw", pgettext_lazy("request action", "Withdraw")


class Rating(models.TextChoices):
    POSITIVE = "positive", pgettext_lazy("rating", "Good")
    NEUTRAL = "neutral", pgettext_lazy("rating", "Acceptable")
    NEGATIVE = "negative", pgettext_lazy("rating", "Poor")


class ReferenceCounter(models.Model):
    """The last request number given in a year: references are IMI-<year>-<number>."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")

    def __str__(self):
        return f"{self.year}: {self.last}"


def overdue_rule(today=None):
    """Open past its agreed deadline, as a condition (``InformationRequest.objects.overdue()``)."""
    today = today or timezone.localdate()
    return Q(status__in=Status.OPEN_STATES, agreed_deadline__lt=today)


class InformationRequestQuerySet(models.QuerySet):
    def overdue(self, today=None):
        return self.filter(overdue_rule(today))


class InformationRequest(ChoiceLabels, models.Model):
    # The personal data of a request, declared here once: these fields, and everything users wrote or
    # attached (answers in free text and files, messages, notes of the timeline, attachments).
    PERSONAL_DATA_FIELDS = ("subject_name", "subject_identifier", "subject_date_of_birth", "subject_address")

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    legislative_area = models.ForeignKey(
        LegislativeArea, on_delete=models.PROTECT, related_name="requests", verbose_name=_("legislative area")
    )
    requesting_authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="sent_requests", verbose_name=_("requesting authority")
    )
    responding_authority = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="received_requests",
        verbose_name=_("responding authority"),
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    requester_handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("handler of the requesting authority"),
    )
    responder_handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("handler of the responding authority"),
        null=True,
        blank=True,
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, related_name="children", null=True, blank=True, verbose_name=_("split from")
    )
    summary = models.CharField(
        _("summary"),
        max_length=200,
        help_text=_("What the request is about, without personal data, e.g. “Qualification of a tourist guide”."),
    )
    # The language the summary was written in (the writer's page language); blank where not known.
    summary_language = models.CharField(_("language of the summary"), max_length=10, blank=True)
    subject_name = models.CharField(_("name of the person or company"), max_length=200, blank=True)
    subject_identifier = models.CharField(
        _("identification number"), max_length=100, blank=True, help_text=_("Registration or identity number.")
    )
    subject_date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    subject_address = models.TextField(_("address"), blank=True)
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.DRAFT)
    proposed_deadline = models.DateField(_("proposed deadline"), null=True, blank=True)
    agreed_deadline = models.DateField(_("agreed deadline"), null=True, blank=True)
    deadline_reason = models.TextField(_("reason for the deadline"), blank=True)
    rating_timeliness = models.CharField(_("timeliness"), max_length=10, choices=Rating.choices, blank=True)
    rating_effort = models.CharField(_("effort"), max_length=10, choices=Rating.choices, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # When the current responding authority received it: the "not accepted after N days" reminder counts from here.
    responder_since = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Retention (Regulation (EU) No 1024/2012, Art. 14): blocked some months after closure, deleted years after.
    personal_data_blocked_at = models.DateTimeField(_("personal data blocked"), null=True, blank=True)
    personal_data_deleted_at = models.DateTimeField(_("personal data deleted"), null=True, blank=True)

    objects = InformationRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "agreed_deadline"]),
            models.Index(fields=["status", "responder_since"]),
            models.Index(fields=["responding_authority", "status"]),
            models.Index(fields=["requesting_authority", "status"]),
            # The lists, newest first (requests_app/selectors.request_list), holding what the visibility rule
            # and the list's filters test: their ids are read from the index alone, not from each row.
            models.Index(
                fields=["-created_at", "-id"],
                name="request_newest_first",
                include=[
                    "sent_at",
                    "requesting_authority",
                    "responding_authority",
                    "legislative_area",
                    "requester_handler",
                    "responder_handler",
                    "status",
                    "agreed_deadline",
                ],
            ),
            # By date, and holding what the activity figures count (statistics.py): they read no row.
            models.Index(
                fields=["responding_authority", "sent_at"],
                name="request_received_by_date",
                include=[
                    "id",
                    "status",
                    "legislative_area",
                    "accepted_at",
                    "responder_since",
                    "replied_at",
                    "agreed_deadline",
                    "rating_timeliness",
                    "rating_effort",
                ],
            ),
            models.Index(
                fields=["requesting_authority", "sent_at"],
                name="request_sent_by_date",
                include=["id", "status", "legislative_area"],
            ),
            # The list search (icontains is UPPER(column) LIKE '%...%'): trigram indexes serve it.
            GinIndex(OpClass(Upper("reference"), name="gin_trgm_ops"), name="request_reference_trgm"),
            GinIndex(OpClass(Upper("summary"), name="gin_trgm_ops"), name="request_summary_trgm"),
            GinIndex(OpClass(Upper("subject_name"), name="gin_trgm_ops"), name="request_subject_trgm"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=Status.DRAFT) | Q(responding_authority__isnull=False),
                name="sent_request_has_a_responder",
            ),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("requests:detail", args=[self.pk])

    @property
    def deadline(self):
        return self.agreed_deadline or self.proposed_deadline

    def is_overdue_on(self, day):
        return self.status in Status.OPEN_STATES and self.agreed_deadline is not None and day > self.agreed_deadline

    @property
    def is_overdue(self):
        return self.is_overdue_on(timezone.localdate())

    @property
    def days_to_deadline(self):
        """Days until the deadline (negative when past), or None without one."""
        return (self.deadline - timezone.localdate()).days if self.deadline else None

    @property
    def days_overdue(self):
        return -self.days_to_deadline if self.is_overdue else 0

    @property
    def runs_against_deadline(self):
        """Whether the responder is working towards the deadline now (so "due in" or "overdue" applies)."""
        return self.status in Status.RUNNING

    def unanswered_questions(self):
        """The questions still without an answer, as ``(number, question)`` with the number the pages show."""
        items = self.questions.select_related("question")
        return [(number, item) for number, item in enumerate(items, start=1) if not item.is_answered]

    @property
    def is_draft(self):
        return self.status == Status.DRAFT

    @property
    def is_finished(self):
        return self.status in Status.FINISHED


class RequestQuestion(models.Model):
    """A question chosen for a request, and its answer."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="questions")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+", verbose_name=_("question"))
    order = models.PositiveIntegerField(default=0)
    answer_text = models.TextField(_("answer"), blank=True)
    answer_language = models.CharField(_("language of the answer"), max_length=10, blank=True)
    answer_yes_no = models.BooleanField(_("answer"), null=True, blank=True)
    answer_option = models.ForeignKey(
        AnswerOption, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("answer")
    )
    answer_date = models.DateField(_("answer"), null=True, blank=True)
    answer_file = models.ForeignKey(
        "Attachment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("answer")
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("question of a request")
        verbose_name_plural = _("questions of requests")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "question"], name="unique_question_per_request"),
        ]

    def __str__(self):
        return str(self.question)

    @property
    def is_answered(self):
        kind = self.question.kind
        return {
            Question.Kind.YES_NO: self.answer_yes_no is not None,
            Question.Kind.CHOICE: self.answer_option_id is not None,
            Question.Kind.DATE: self.answer_date is not None,
            Question.Kind.TEXT: bool(self.answer_text.strip()),
            Question.Kind.FILE: self.answer_file_id is not None,
        }[kind]


class Message(models.Model):
    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"))
    language = models.CharField(_("language"), max_length=10)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.request} · {self.author}"


def attachment_path(instance, filename):
    """A generated name: the uploader's name is kept in ``original_name`` and never reaches the storage."""
    extension = os.path.splitext(filename)[1].lower()[:16]
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class Attachment(models.Model):
    """A file of a request. Files are personal data: stored outside the public web root."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="attachments")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to=attachment_path, storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("requests:attachment", args=[self.request_id, self.pk])


class Event(ChoiceLabels, models.Model):
    """One step of a request: its timeline for users and its audit trail."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, null=True, related_name="+")
    action = models.CharField(max_length=40, choices=Action.choices)
    from_status = models.CharField(max_length=30, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=30, choices=Status.choices)
    note = models.TextField(blank=True)
    # The handler a request was assigned to, for an assignment.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    # The language the note was written in (the actor's page language); blank where not known.
    note_language = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("step of a request")
        verbose_name_plural = _("steps of requests")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.request} {self.action}"


class Reminder(models.Model):
    """A reminder sent, once per request, kind and deadline.

    The record is what makes the sweep safe to run again: a repeated run finds
    it and sends nothing twice; a changed deadline has none yet and starts over.
    """

    class Kind(models.TextChoices):
        NOT_ACCEPTED = "not_accepted", _("Not accepted yet")
        DUE_SOON = "due_soon", _("Deadline approaching")
        DUE_TODAY = "due_today", _("Due today")
        OVERDUE = "overdue", _("Overdue")
        ESCALATED = "escalated", _("Overdue, escalated to the coordinator")

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The deadline the reminder is about; for "not accepted", the day the responder received the request.
    deadline = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "kind", "deadline"], name="one_reminder_per_kind_and_deadline")
        ]

    def __str__(self):
        return f"{self.request} {self.kind} {self.deadline}"


class PersonalDataRead(ChoiceLabels, models.Model):
    """Who displayed a request's personal data or downloaded one of its files, and when."""

    class What(models.TextChoices):
        REQUEST = "request", _("Request page")
        ATTACHMENT = "attachment", _("File")
        EXPORT = "export", _("Export for the data subject")
        SEARCH = "search", _("Search for the data subject")
        CORRECTION = "correction", _("Correction for the data subject")
        MACHINE_TRANSLATION = "translation", _("Machine translation")

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="personal_data_reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    what = models.CharField(max_length=20, choices=What.choices)
    read_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("reading of personal data")
        verbose_name_plural = _("readings of personal data")
        ordering = ["-read_at", "-pk"]

    def __str__(self):
        return f"{self.user} {self.request} {self.read_at:%Y-%m-%d %H:%M}"


class TextTranslation(models.Model):
    """A machine translation of one free text of a request into one language (requests_app.machine_translations).

    The text is found by ``field`` and ``object_id`` (the request for its summary and reason for the
    deadline, the message, the question of the request, the event of a note). ``source_hash`` is the
    hash of the text that was translated: once the text changes, the translation is no longer shown.
    It never replaces the original, and goes with the request's personal data.
    """

    # Internal values, never shown: the page says what a state means in its own words.
    class Field(models.TextChoices):
        SUMMARY = "summary"
        MESSAGE = "message"
        ANSWER = "answer"
        NOTE = "note"
        DEADLINE_REASON = "deadline_reason"

    class State(models.TextChoices):
        PENDING = "pending"
        # Handed to an asynchronous translator, which posts the translation back.
        SUBMITTED = "submitted"
        DONE = "done"
        # Given up after MAX_ATTEMPTS, or the translator may no longer have the text: ask again.
        FAILED = "failed"

    # The summary holds no personal data (its help text asks for none); every other free text is personal data.
    PERSONAL_FIELDS = frozenset({Field.MESSAGE, Field.ANSWER, Field.NOTE, Field.DEADLINE_REASON})

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="text_translations")
    field = models.CharField(max_length=20, choices=Field.choices)
    object_id = models.PositiveBigIntegerField()
    source_language = models.CharField(max_length=10)
    target_language = models.CharField(max_length=10)
    source_hash = models.CharField(max_length=64)
    text = models.TextField(blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    backend = models.CharField(max_length=40, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    translated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("machine translation")
        verbose_name_plural = _("machine translations")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "field", "object_id", "target_language"],
                name="one_translation_per_text_and_language",
            )
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="translation_waiting",
                condition=models.Q(state__in=["pending", "submitted"]),
            )
        ]

    def __str__(self):
        return f"{self.request} {self.field} {self.object_id} → {self.target_language}"


class BlockedDataAccess(models.Model):
    """A coordinator's recorded justification for opening a request's blocked personal data, for a while."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="blocked_data_accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    justification = models.TextField(_("justification"))
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("access to blocked data")
        verbose_name_plural = _("accesses to blocked data")
        ordering = ["-granted_at"]

    def __str__(self):
        return f"{self.user} {self.request}"


class DataSubjectRequest(ChoiceLabels, models.Model):
    """A person's request to see, correct or erase their data (Art. 19), answered within 30 days."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("Access to the data")
        CORRECTION = "correction", _("Correction")
        ERASURE = "erasure", _("Erasure")

    DAYS_TO_ANSWER = 30

    kind = models.CharField(_("request of the person"), max_length=20, choices=Kind.choices)
    person = models.CharField(
        _("person"), max_length=300, help_text=_("Name and, if known, identifier or date of birth.")
    )
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("handled by")
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("request of a data subject")
        verbose_name_plural = _("requests of data subjects")
        ordering = ["answered_on", "received_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.person}"

    @property
    def due_on(self):
        return self.received_on + datetime.timedelta(days=self.DAYS_TO_ANSWER)

    @property
    def is_late(self):
        return self.answered_on is None and timezone.localdate() > self.due_on
