"""The activity page: an authority's, a coordinator's scope's or the whole portal's figures."""

import datetime

from dateutil.relativedelta import relativedelta
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from authorities.auth import authority_ids_in_scope
from authorities.services import page_seen
from core.csv_export import csv_response
from requests_app import statistics
from requests_app.forms import StatisticsForm


def scopes_of(user):
    scopes = []
    if user.authority_id:
        scopes.append("authority")
    if user.is_coordinator:
        scopes.append("coordination")
    if user.is_superuser:
        scopes.append("eu")
    return scopes


def authorities_for(user, scope):
    """The ids of the authorities whose figures are shown, None for every authority."""
    if scope == "authority":
        return [user.authority_id]
    if scope == "coordination":
        return authority_ids_in_scope(user)
    return None


@login_required
def activity(request):
    allowed = scopes_of(request.user)
    if not allowed or request.GET.get("scope", allowed[0]) not in allowed:
        raise Http404
    form = StatisticsForm(request.GET or None, scopes=allowed)
    filters = form.cleaned_data if form.is_valid() else {}
    scope = filters.get("scope") or allowed[0]
    if scope not in allowed:
        raise Http404
    months = filters.get("months") or 12
    area = filters.get("area")
    today = timezone.localdate()
    # The last `months` calendar months, this one included: [start, end) from a first day to a first day.
    end = today.replace(day=1) + relativedelta(months=1)
    start = end - relativedelta(months=months)
    authorities = authorities_for(request.user, scope)
    page_seen(user=request.user, page="activity")
    monthly = statistics.per_month(authorities=authorities, start=start, end=end, area=area)
    indicators = statistics.indicators(authorities=authorities, start=start, end=end, area=area, today=today)
    if request.GET.get("format") == "csv":
        return _csv(monthly, indicators, start, end)
    return render(
        request,
        "requests/activity.html",
        {
            "form": form,
            "scope": scope,
            "monthly": monthly,
            "indicators": indicators,
            "chart": {
                "labels": [month.strftime("%Y-%m") for month, _sent, _received in monthly],
                "sent": [sent for _month, sent, _received in monthly],
                "received": [received for _month, _sent, received in monthly],
                "sentLabel": _("Sent"),
                "receivedLabel": _("Received"),
            },
            "start": start,
            "end": end - datetime.timedelta(days=1),
        },
    )


def _csv(monthly, indicators, start, end):
    rows = [[month.strftime("%Y-%m"), sent, received] for month, sent, received in monthly]
    rows.append([])
    rows.append([_("Indicator"), _("Value"), _("Unit"), _("Assessment"), _("Requests counted")])
    for indicator in indicators:
        value = "" if indicator.value is None else indicator.value
        rows.append([indicator.label, value, indicator.unit, indicator.colour or "", indicator.count])
    return csv_response(
        filename=f"activity-{start:%Y-%m}-{end:%Y-%m}.csv", header=[_("Month"), _("Sent"), _("Received")], rows=rows
    )
