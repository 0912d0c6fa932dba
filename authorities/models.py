from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.fields import ChoiceArrayField
from core.models import ChoiceLabels

# The official languages of the EU/EEA, the languages an authority may work in.
WORKING_LANGUAGES = [
    ("bg", _("Bulgarian")),
    ("cs", _("Czech")),
    ("da", _("Danish")),
    ("de", _("German")),
    ("el", _("Greek")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("et", _("Estonian")),
    ("fi", _("Finnish")),
    ("fr", _("French")),
    ("ga", _("Irish")),
    ("hr", _("Croatian")),
    ("hu", _("Hungarian")),
    ("is", _("Icelandic")),
    ("it", _("Italian")),
    ("lt", _("Lithuanian")),
    ("lv", _("Latvian")),
    ("mt", _("Maltese")),
    ("nl", _("Dutch")),
    ("no", _("Norwegian")),
    ("pl", _("Polish")),
    ("pt", _("Portuguese")),
    ("ro", _("Romanian")),
    ("sk", _("Slovak")),
    ("sl", _("Slovenian")),
    ("sv", _("Swedish")),
]

# The language most of each country's civil servants read, where several are official the largest.
COUNTRY_LANGUAGES = {
    "AT": "de", "BE": "nl", "BG": "bg", "CY": "el", "CZ": "cs", "DE": "de", "DK": "da", "EE": "et",
    "ES": "es", "FI": "fi", "FR": "fr", "GR": "el", "HR": "hr", "HU": "hu", "IE": "en", "IS": "is",
    "IT": "it", "LI": "de", "LT": "lt", "LU": "fr", "LV": "lv", "MT": "mt", "NL": "nl", "NO": "no",
    "PL": "pl", "PT": "pt", "RO": "ro", "SE": "sv", "SI": "sl", "SK": "sk",
}  # fmt: skip


class Country(models.Model):
    code = models.CharField(_("code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2"))
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def portal_language(self):
        """The country's own language if the portal is offered in it, else None."""
        code = COUNTRY_LANGUAGES.get(self.code)
        return code if code in dict(settings.LANGUAGES) else None


class LegislativeArea(models.Model):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("legislative area")
        verbose_name_plural = _("legislative areas")
        ordering = ["code"]

    def __str__(self):
        return self.name


class NationalHelpdesk(models.Model):
    """The contacts users of a country turn to, shown on "National helpdesks"."""

    country = models.OneToOneField(
        Country, on_delete=models.CASCADE, related_name="helpdesk", verbose_name=_("country")
    )
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("national helpdesk")
        verbose_name_plural = _("national helpdesks")
        ordering = ["country__code"]

    def __str__(self):
        return str(self.country)


class Authority(ChoiceLabels, models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("authority status", "Pending validation")
        VALIDATED = "validated", pgettext_lazy("authority status", "Validated")
        SUSPENDED = "suspended", pgettext_lazy("authority status", "Suspended")
        DEACTIVATED = "deactivated", pgettext_lazy("authority status", "Deactivated")

    class CoordinatorType(models.TextChoices):
        NONE = "none", pgettext_lazy("coordinator type", "Not a coordinator")
        NATIONAL = "national", _("National coordinator")
        DELEGATED = "delegated", _("Delegated coordinator")

    official_name = models.CharField(
        _("official name"), max_length=300, help_text=_("The name in the authority's own language.")
    )
    display_name = models.CharField(
        _("name"), max_length=300, blank=True, help_text=_("The name as shown to users of each language.")
    )
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="authorities", verbose_name=_("country")
    )
    city = models.CharField(_("city or region"), max_length=150)
    address = models.TextField(_("address"), blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    languages = ChoiceArrayField(
        models.CharField(max_length=2, choices=WORKING_LANGUAGES),
        verbose_name=_("working languages"),
        default=list,
        blank=True,
    )
    legislative_areas = models.ManyToManyField(
        LegislativeArea,
        through="Competence",
        related_name="authorities",
        verbose_name=_("legislative areas"),
        blank=True,
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    coordinator_type = models.CharField(
        _("coordinator role"), max_length=20, choices=CoordinatorType.choices, default=CoordinatorType.NONE
    )
    coordinated_areas = models.ManyToManyField(
        LegislativeArea,
        related_name="coordinators",
        verbose_name=_("coordinated legislative areas"),
        blank=True,
        help_text=_("Leave empty to coordinate every legislative area of the country."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Names in every language, acronym, city and keywords, for the directory search (core.search).
    # The table also has a generated column ``search_vector`` (its words, with a GIN index) that
    # only the search reads: a migration keeps it, Django does not load it.
    search_document = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")
        ordering = ["country__code", "official_name"]
        indexes = [
            models.Index(fields=["country", "status"]),
        ]

    def __str__(self):
        return self.official_name

    def get_absolute_url(self):
        return reverse("authorities:my_authority")

    @property
    def is_coordinator(self):
        return self.coordinator_type != self.CoordinatorType.NONE

    @property
    def name(self):
        """The name in the reader's language, or the official one."""
        return self.display_name or self.official_name


class Competence(models.Model):
    """An authority's competence in a legislative area."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="competences")
    legislative_area = models.ForeignKey(
        LegislativeArea, on_delete=models.PROTECT, related_name="competences", verbose_name=_("legislative area")
    )
    keywords = models.TextField(
        _("competence keywords"), blank=True, help_text=_("Professions, activities or topics, separated by commas.")
    )

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        constraints = [
            models.UniqueConstraint(fields=["authority", "legislative_area"], name="unique_competence_per_area")
        ]

    def __str__(self):
        return f"{self.authority} · {self.legislative_area}"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def people(self):
        """Users who are persons: not the accounts of national systems (``is_system``), which LDAs manage on
        the national systems' pages and which have no colleagues, backups or logins."""
        return self.filter(is_system=False)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_superuser"] = True
        return self.create_user(email, password, **extra_fields)


class User(ChoiceLabels, AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    preferred_language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    authority = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("authority"),
        null=True,
        blank=True,
    )
    is_lda = models.BooleanField(
        _("local data administrator"),
        default=False,
        help_text=_("Keeps the authority's data, users and backups up to date."),
    )
    helpdesk_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="helpdesk_staff",
        verbose_name=_("national helpdesk of"),
        null=True,
        blank=True,
        help_text=_("Set for staff of a national helpdesk, who manage the users of that country."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    # A national system's account (api.models.SystemAccount): it calls the API with tokens, never logs in
    # (PortalAuthenticationBackend) and gets no mail (core.mail); every rule of requests applies to it as is.
    is_system = models.BooleanField(default=False, editable=False)
    wants_digest = models.BooleanField(
        _("one daily digest"),
        default=False,
        help_text=_("Receive one e-mail a day instead of one per event. Urgent reminders still come at once."),
    )
    # The "Getting started" checklist of the home page: hidden or not, and which pages the user has seen.
    getting_started_hidden = models.BooleanField(default=False)
    pages_seen = ArrayField(models.CharField(max_length=30), default=list, blank=True)
    absent_from = models.DateField(_("absent from"), null=True, blank=True)
    absent_until = models.DateField(_("absent until"), null=True, blank=True)
    date_joined = models.DateTimeField(_("registered"), default=timezone.now)
    # Sessions opened before this moment no longer work (set on deactivation); see _get_session_auth_hash.
    sessions_revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="unique_user_email_ci"),
            models.CheckConstraint(
                condition=Q(absent_from__isnull=True, absent_until__isnull=True)
                | Q(absent_from__isnull=False, absent_until__isnull=False, absent_until__gte=models.F("absent_from")),
                name="absence_is_a_period",
            ),
        ]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name

    def _get_session_auth_hash(self, secret=None):
        """Django ends a session whose stored hash no longer matches this one.

        Django hashes the password only; the moment sessions were last revoked is hashed too, so
        that the sessions of a deactivated user stay dead after a reactivation. Users whose
        sessions were never revoked keep Django's hash, and their sessions.
        """
        if self.sessions_revoked_at is None:
            return super()._get_session_auth_hash(secret=secret)
        key_salt = "authorities.models.User.get_session_auth_hash"
        value = f"{self.password}:{self.sessions_revoked_at.isoformat()}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    @property
    def is_staff(self):
        """Whether the admin site opens for this user: coordinators and helpdesk staff."""
        return self.is_active and (self.is_superuser or self.is_coordinator or self.is_helpdesk_staff)

    @property
    def is_coordinator(self):
        return (
            self.authority_id is not None
            and self.authority.is_coordinator
            and self.authority.status == Authority.Status.VALIDATED
        )

    @property
    def is_helpdesk_staff(self):
        return self.helpdesk_country_id is not None

    @property
    def requires_mfa(self):
        return self.is_superuser or self.is_coordinator or self.is_helpdesk_staff

    def is_absent_on(self, day):
        return self.absent_from is not None and self.absent_from <= day <= self.absent_until

    @property
    def is_absent(self):
        return self.is_absent_on(timezone.localdate())


class Role(ChoiceLabels, models.Model):
    """What a user does in one legislative area for their authority."""

    class Kind(models.TextChoices):
        HANDLER = "handler", _("Request handler")
        ALLOCATOR = "allocator", _("Allocator")
        SUPERVISOR = "supervisor", _("Supervisor")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    legislative_area = models.ForeignKey(
        LegislativeArea, on_delete=models.CASCADE, related_name="roles", verbose_name=_("legislative area")
    )
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["legislative_area__code", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "legislative_area", "kind"], name="unique_role_per_area"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.legislative_area}"


class Backup(models.Model):
    """A colleague of the same authority who covers for a user while they are absent."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="backup_links", verbose_name=_("user"))
    backup = models.ForeignKey(User, on_delete=models.CASCADE, related_name="covering_links", verbose_name=_("backup"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("backup")
        verbose_name_plural = _("backups")
        constraints = [
            models.UniqueConstraint(fields=["user", "backup"], name="unique_backup_pair"),
            models.CheckConstraint(condition=~Q(user=models.F("backup")), name="no_self_backup"),
        ]

    def __str__(self):
        return f"{self.backup} → {self.user}"


class Invitation(models.Model):
    """A set-password link sent to a newly registered user.

    Only a hash of the token is stored, so a database leak does not leak links.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("invited by")
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.user)

    @property
    def is_usable(self):
        return self.accepted_at is None and timezone.now() < self.expires_at
