"""Reminding the LDAs to review the registers their authority keeps."""

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.mail import send_to_user
from registers.models import Register
from registers.selectors import ldas_of, register_link, review_due_cutoff


def remind_reviews(today=None):
    """Ask the LDAs to review each register not reviewed for a review period; returns how many registers.

    A register is reminded once per period: again only when the last reminder is
    itself a period old, or after it was reviewed (which clears the reminder).
    """
    today = today or timezone.localdate()
    cutoff = review_due_cutoff(today)
    months = settings.IMI_REGISTER_REVIEW_MONTHS
    with transaction.atomic():
        registers = list(
            Register.objects.filter(is_retired=False, last_reviewed__lte=cutoff)
            .filter(Q(review_reminded_on__isnull=True) | Q(review_reminded_on__lte=cutoff))
            .select_for_update(skip_locked=True)
            .order_by("pk")
        )
        ldas = {}
        for lda in ldas_of({register.authority_id for register in registers}):
            ldas.setdefault(lda.authority_id, []).append(lda)
        for register in registers:
            link = register_link(register)
            for lda in ldas.get(register.authority_id, []):
                send_to_user(
                    user=lda,
                    template="register_review_due",
                    context={"register": register, "months": months, "link": link},
                    link=link,
                )
        Register.objects.filter(pk__in=[register.pk for register in registers]).update(review_reminded_on=today)
    return len(registers)
