"""The activity page: an authority's, a coordinator's scope's or the whole portal's figures."""

import datetime

from dateutil.relativedelta import relativedelta
from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from authorities.auth import authorities_in_scope
from authorities.models import Authority, LegislativeArea
from authorities.services import page_seen
from core.csv_export import csv_response
from requests_app import statistics

PERIODS = [3, 6, 12, 24]


class StatisticsForm(forms.Form):
    scope = forms.ChoiceField(
        label=gettext_lazy("Whose activity"),
        required=False,
        choices=[
            ("authority", gettext_lazy("My authority")),
            ("coordination", gettext_lazy("My coordination scope")),
            ("eu", gettext_lazy("The whole portal")),
        ],
    )
    months = forms.TypedChoiceField(
        label=gettext_lazy("Period"),
        coerce=int,
        required=False,
        choices=[(months, gettext_lazy("Last %(months)s months") % {"months": months}) for months in PERIODS],
        initial=12,
    )
    area = forms.ModelChoiceField(
        label=gettext_lazy("Legislative area"),
        queryset=LegislativeArea.objects.all(),
        required=False,
        empty_label=gettext_lazy("Any area"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = scopes_of(user)
        self.fields["scope"].choices = [choice for choice in self.fields["scope"].choices if choice[0] in allowed]


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
    if scope == "authority":
        return Authority.objects.filter(pk=user.authority_id)
    if scope == "coordination":
        return authorities_in_scope(user)
    return None  # every authority


@login_required
def activity(request):
    allowed = scopes_of(request.user)
    if not allowed or request.GET.get("scope", allowed[0]) not in allowed:
        raise Http404
    form = StatisticsForm(request.GET or None, user=request.user)
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
