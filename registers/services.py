"""Writes to the registers directory: only the managing authority's LDAs keep a register."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from authorities import audit
from core.search import searchable, store_document
from registers.models import Register

EDITABLE = [
    "url",
    "coverage",
    "is_public_and_free",
    "languages",
    *(f"name_{code}" for code, _name in settings.LANGUAGES),
    *(f"description_{code}" for code, _name in settings.LANGUAGES),
]


def not_yours():
    return ValidationError(_("Only the local data administrators of the managing authority can change this register."))


def can_manage_register(user, register):
    return (
        user.is_authenticated
        and user.is_active
        and user.is_lda
        and register.authority_id is not None
        and register.authority_id == user.authority_id
    )


def register_search_text(register):
    """What the registers search reads: names and what the register covers, and its authority.

    Not the descriptions: they would make the document long and every comparison slow; the country
    is a filter (see bench_search).
    """
    names = dict.fromkeys(getattr(register, f"name_{code}") for code, _name in settings.LANGUAGES)
    return searchable(*names, register.coverage, register.authority.official_name, register.authority.acronym)


def register_search_refresh(*, registers):
    for register in registers.select_related("authority"):
        store_document(Register.objects.filter(pk=register.pk), register_search_text(register))


def authorities_changed_refresh(sender, *, authority_ids, **kwargs):
    """Receiver of ``authorities.signals.authorities_changed``: the registers of those authorities."""
    register_search_refresh(registers=Register.objects.filter(authority__in=authority_ids))


@transaction.atomic
def register_save(*, actor, register, data, legislative_areas):
    """Create or change a register of the actor's authority."""
    if register.pk is None:
        register.authority = actor.authority
        register.country = actor.authority.country
    if not can_manage_register(actor, register):
        raise ValidationError(
            _("Only the local data administrators of the managing authority can change this register.")
        )
    if not data.get("name_en") and not any(data.get(f"name_{code}") for code, _name in settings.LANGUAGES):
        raise ValidationError({"name_en": _("Give the register a name in at least one language.")})
    competent = set(actor.authority.legislative_areas.values_list("pk", flat=True))
    if any(area.pk not in competent for area in legislative_areas):
        raise ValidationError(_("Registers can only be listed in the legislative areas of the authority."))
    created = register.pk is None
    for field in EDITABLE:
        if field in data:
            setattr(register, field, data[field])
    register.last_reviewed = timezone.localdate()
    register.save()
    register.legislative_areas.set(legislative_areas)
    audit.record(
        actor=actor,
        obj=register,
        message=_("Registered.") if created else _("Changed."),
        flag=audit.ADDITION if created else audit.CHANGE,
    )
    register_search_refresh(registers=Register.objects.filter(pk=register.pk))
    return register


def register_mark_reviewed(*, actor, register):
    if not can_manage_register(actor, register):
        raise ValidationError(
            _("Only the local data administrators of the managing authority can change this register.")
        )
    register.last_reviewed = timezone.localdate()
    register.review_reminded_on = None
    register.save(update_fields=["last_reviewed", "review_reminded_on"])
    audit.record(actor=actor, obj=register, message=_("Marked as reviewed."))


def register_retire(*, actor, register):
    if not can_manage_register(actor, register):
        raise ValidationError(
            _("Only the local data administrators of the managing authority can change this register.")
        )
    register.is_retired = True
    register.save(update_fields=["is_retired"])
    audit.record(actor=actor, obj=register, message=_("Retired."))
