"""The directory of authorities: search, export and profile pages."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from authorities.forms import DirectorySearchForm
from authorities.models import Authority
from authorities.selectors import authorities_listed, authorities_search, national_coordinators
from authorities.services import page_seen
from core.csv_export import csv_response


def _filters(request):
    data = request.GET.copy()
    data.setdefault("status", Authority.Status.VALIDATED)
    form = DirectorySearchForm(data)
    return form, (form.cleaned_data if form.is_valid() else {"status": Authority.Status.VALIDATED})


@login_required
def authority_directory(request):
    form, filters = _filters(request)
    page_seen(user=request.user, page="directory")
    results = authorities_search(
        query=filters.get("q", ""),
        country=filters.get("country"),
        area=filters.get("area"),
        status=filters.get("status", ""),
    )
    if request.GET.get("format") == "csv":
        return _csv(results)
    page = Paginator(results, 25).get_page(request.GET.get("page"))
    return render(request, "directory/authorities.html", {"form": form, "page": page, "results": page.object_list})


def _csv(results):
    header = [
        _("Official name"),
        _("Name"),
        _("Acronym"),
        _("Country"),
        _("City or region"),
        _("E-mail"),
        _("Phone"),
        _("Website"),
        _("Legislative areas"),
    ]
    rows = (
        [
            authority.official_name,
            authority.name,
            authority.acronym,
            authority.country.name,
            authority.city,
            authority.email,
            authority.phone,
            authority.website,
            " | ".join(area.name for area in authority.legislative_areas.all()),
        ]
        for authority in results.prefetch_related("legislative_areas")[:5000]
    )
    return csv_response(filename="authorities.csv", header=header, rows=rows)


@login_required
def authority_profile(request, pk):
    authority = get_object_or_404(authorities_listed().select_related("country"), pk=pk)
    coordinators = national_coordinators(country_id=authority.country_id)
    return render(
        request,
        "directory/authority.html",
        {
            "authority": authority,
            "competences": authority.competences.select_related("legislative_area").order_by("legislative_area__code"),
            "coordinators": coordinators,
            "registers": authority.registers.filter(is_retired=False).order_by("name"),
        },
    )
