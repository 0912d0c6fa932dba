from django.conf import settings
from django.contrib.postgres.indexes import GistIndex
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ChoiceLabels:
    """A model mixin: ``get_FOO_display()`` translates one label, the value's, not every choice.

    Django's own makes every choice hashable to look the value up, and hashing a lazy label
    translates it: a status column of a hundred rows cost nine hundred translations. Here the
    lookup hashes only the values. For choice fields whose values are strings or numbers.
    """

    def _get_FIELD_display(self, field):  # noqa: N802 (Django's name, overridden)
        value = getattr(self, field.attname)
        return force_str(dict(field.flatchoices).get(value, value), strings_only=True)


class OutboxMessage(models.Model):
    """An e-mail to deliver, written in the same transaction as the change it tells about.

    A Celery task delivers it right after the commit; a periodic sweep delivers
    whatever is still pending (broker down, mail server down), so nothing is lost.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        # Waiting for the recipient's daily digest.
        HELD = "held", _("held for the daily digest")
        # Sent as part of a digest.
        DIGESTED = "digested", _("sent in the daily digest")
        SENT = "sent", pgettext_lazy("state of a mail", "sent")
        FAILED = "failed", pgettext_lazy("state of a mail", "failed")
        # Kept, not sent: the training environment lets no mail leave the machine.
        CAPTURED = "captured", _("kept in the training mailbox")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    to_email = models.EmailField(_("e-mail address"))
    template = models.CharField(_("kind of mail"), max_length=100)
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("text as HTML"))
    # The page the mail is about, listed in a digest.
    link = models.CharField(_("link"), max_length=500, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # When the last attempt allowed failed; who first opened the list of failed mails after that.
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)
    seen_at = models.DateTimeField(_("seen"), null=True, blank=True)
    seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("seen by"),
    )

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["next_attempt_at"], name="outbox_pending_idx", condition=models.Q(state="pending")),
            models.Index(fields=["failed_at"], name="outbox_failed_idx", condition=models.Q(state="failed")),
        ]

    def __str__(self):
        return f"{self.template} → {self.to_email}"


class HelpPage(models.Model):
    """Help content the coordinators keep in the admin, in every language: training materials, contacts."""

    slug = models.SlugField(_("address"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Plain text; an empty line starts a new paragraph."))
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("help page")
        verbose_name_plural = _("help pages")
        ordering = ["order", "slug"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("help_page", args=[self.slug])


class SearchWord(models.Model):
    """A distinct word of the search documents of one kind of row (``source``: a model's label).

    Only for correcting what users type (``core.search``): a typed word with a typo is compared
    with these words by trigram similarity, and the close ones are searched for instead. A word
    whose documents are gone stays until the next rebuild, and is harmless: it matches nothing.
    """

    source = models.CharField(max_length=100)
    word = models.TextField()

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        constraints = [models.UniqueConstraint(fields=["source", "word"], name="search_word_unique")]
        indexes = [GistIndex(fields=["word"], name="search_word_trgm", opclasses=["gist_trgm_ops"])]

    def __str__(self):
        return self.word
