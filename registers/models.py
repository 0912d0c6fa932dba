from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from authorities.models import WORKING_LANGUAGES, Authority, Country, LegislativeArea
from core.fields import ChoiceArrayField


class Register(models.Model):
    """A public online register an authority runs, so that others look there before asking."""

    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="registers", verbose_name=_("country"))
    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="registers", verbose_name=_("managing authority")
    )
    url = models.URLField(_("web address"), max_length=500)
    coverage = models.TextField(
        _("what it covers"), blank=True, help_text=_("Professions and service activities, separated by commas.")
    )
    legislative_areas = models.ManyToManyField(
        LegislativeArea, related_name="registers", verbose_name=_("legislative areas"), blank=True
    )
    is_public_and_free = models.BooleanField(_("public and free of charge"), default=True)
    languages = ChoiceArrayField(
        models.CharField(max_length=2, choices=WORKING_LANGUAGES), verbose_name=_("languages"), default=list, blank=True
    )
    last_reviewed = models.DateField(_("last reviewed"), default=timezone.localdate)
    is_retired = models.BooleanField(_("retired"), default=False)
    # How many checks of the address in a row have failed; the LDA hears of it at the threshold.
    consecutive_failures = models.PositiveIntegerField(_("failed checks in a row"), default=0)
    review_reminded_on = models.DateField(_("asked for a review on"), null=True, blank=True)
    # What the registers search reads (core.search), and from it the generated column ``search_vector``.
    search_document = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("register")
        verbose_name_plural = _("registers")
        ordering = ["country__code", "name"]
        indexes = [
            models.Index(fields=["country", "is_retired"]),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("registers:detail", args=[self.pk])


class LinkCheck(models.Model):
    """One check of a register's web address: the history behind its state."""

    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="checks")
    checked_at = models.DateTimeField(default=timezone.now)
    ok = models.BooleanField()
    status_code = models.PositiveIntegerField(null=True, blank=True)
    final_url = models.URLField(max_length=500, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        ordering = ["-checked_at", "-pk"]

    def __str__(self):
        return f"{self.register} {self.checked_at:%Y-%m-%d} {'ok' if self.ok else 'failed'}"
