import datetime

from django.conf import settings
from django.utils import timezone

from authorities.search import search
from registers.models import Register


def registers_search(*, query="", country=None, area=None, include_retired=False):
    registers = Register.objects.all()
    if not include_retired:
        registers = registers.filter(is_retired=False)
    if country is not None:
        registers = registers.filter(country=country)
    if area is not None:
        registers = registers.filter(legislative_areas=area)
    return (
        search(registers, query)
        .select_related("country", "authority")
        .order_by("-rank", "country__code", "name")
        .distinct()
    )


def registers_for_request(*, info_request):
    """Registers that may already answer a request: of the responder's country, in its area."""
    if info_request.responding_authority_id is None:
        return Register.objects.none()
    return Register.objects.filter(
        is_retired=False,
        country_id=info_request.responding_authority.country_id,
        legislative_areas=info_request.legislative_area,
    ).select_related("authority")


def review_due_before(today=None):
    """Registers reviewed before this day need a new review."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=30 * settings.IMI_REGISTER_REVIEW_MONTHS)
