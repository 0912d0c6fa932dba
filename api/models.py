"""National systems: their accounts, tokens and webhook endpoints, and the webhooks' outbox.

A system account is a user of its authority (``User.is_system``) with handler roles in the areas its LDA
chose, so every rule of the portal (which requests it sees, their personal data, the workflow) applies
to it exactly as to a handler; the account adds only its tokens and who created it.
"""

import secrets

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from authorities.models import Authority
from core.models import ChoiceLabels


class SystemAccount(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="system_account", verbose_name=_("user")
    )
    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="system_accounts", verbose_name=_("authority")
    )
    name = models.CharField(_("name"), max_length=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("system account")
        verbose_name_plural = _("system accounts")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_revoked(self):
        return self.revoked_at is not None


class ApiToken(ChoiceLabels, models.Model):
    """A secret a system account calls the API with: shown once, kept only as its SHA-256 hash."""

    class Scope(models.TextChoices):
        DIRECTORY = "directory", _("Directory only")
        READ = "read", _("Read requests")
        ACT = "act", _("Read and act on requests")

    account = models.ForeignKey(SystemAccount, on_delete=models.CASCADE, related_name="tokens")
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices)
    # The token is "imi_<prefix>_<secret>": the prefix finds the row, the hash of the whole token proves it.
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} (imi_{self.prefix}_…)"

    def is_usable(self, now=None):
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now


def new_webhook_secret():
    """A Standard Webhooks signing secret: "whsec_" and 32 random bytes in base64."""
    import base64

    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


class WebhookEndpoint(models.Model):
    """An HTTPS address of an authority's national system that is told of events on its requests."""

    authority = models.ForeignKey(
        Authority, on_delete=models.CASCADE, related_name="webhook_endpoints", verbose_name=_("authority")
    )
    url = models.URLField(_("address"), max_length=500)
    event_types = ArrayField(models.CharField(max_length=40), verbose_name=_("events"))
    secret = models.CharField(max_length=80, default=new_webhook_secret, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["url"]

    def __str__(self):
        return self.url


class WebhookDelivery(ChoiceLabels, models.Model):
    """One event for one endpoint: the webhooks' outbox and their delivery log.

    Written in the transaction of the change it announces, so a broker outage loses nothing; a task
    delivers it after the commit, and the sweep retries with backoff (``api.webhooks``).
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be delivered")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    # The Standard Webhooks "webhook-id": the same for every attempt, so the receiver can drop repeats.
    message_id = models.CharField(max_length=40, editable=False)
    event_type = models.CharField(_("event"), max_length=40)
    payload = models.JSONField()
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_status = models.PositiveIntegerField(_("answer"), null=True, blank=True)
    last_error = models.CharField(_("error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["next_attempt_at"], name="webhook_pending_due", condition=models.Q(state="pending")),
        ]

    def __str__(self):
        return f"{self.event_type} → {self.endpoint}"
