from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils import timezone

from authorities.models import User
from core.search import search
from registers.models import Register


def registers_search(*, query="", country=None, area=None, include_retired=False):
    registers = Register.objects.all()
    if not include_retired:
        registers = registers.filter(is_retired=False)
    if country is not None:
        registers = registers.filter(country=country)
    if area is not None:
        # A subquery, not a join: no duplicate rows, so no DISTINCT over whole rows.
        in_area = Register.legislative_areas.through.objects.filter(legislativearea=area)
        registers = registers.filter(pk__in=in_area.values("register_id"))
    return search(registers, query).select_related("country", "authority").order_by("-rank", "country__code", "name")


def registers_for_request(*, info_request):
    """Registers that may already answer a request: of the responder's country, in its area."""
    if info_request.responding_authority_id is None:
        return Register.objects.none()
    return Register.objects.filter(
        is_retired=False,
        country_id=info_request.responding_authority.country_id,
        legislative_areas=info_request.legislative_area,
    ).select_related("authority")


def review_due_cutoff(today=None):
    """Registers last reviewed on or before this day need a new review: a whole review period has gone by."""
    today = today or timezone.localdate()
    return today - relativedelta(months=settings.IMI_REGISTER_REVIEW_MONTHS)


def ldas_of(authority_ids):
    """The active local data administrators of these authorities: whom a register's mails go to."""
    return User.objects.filter(authority_id__in=authority_ids, is_lda=True, is_active=True).order_by("pk")


def register_link(register):
    """The register's page, as a full address for a mail."""
    return settings.SITE_URL + register.get_absolute_url()
