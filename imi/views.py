from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from authorities.models import Authority, Country
from authorities.selectors import user_home_summary
from authorities.services import language_set
from requests_app.selectors import my_tasks


@login_required
def home(request):
    """ "My tasks": what is waiting for the user and their authority."""
    tasks = my_tasks(user=request.user)
    return render(
        request,
        "home.html",
        {
            "summary": user_home_summary(user=request.user),
            "tasks": tasks,
            "has_tasks": any(tasks.values()),
        },
    )


def helpdesks(request):
    """Every country's national helpdesk and coordinator contacts; public, like the help pages."""
    national = Authority.objects.filter(
        coordinator_type=Authority.CoordinatorType.NATIONAL, status=Authority.Status.VALIDATED
    )
    countries = Country.objects.select_related("helpdesk").prefetch_related(
        Prefetch("authorities", queryset=national, to_attr="national_coordinators")
    )
    # In the reader's alphabet: the names are translated, so the database order by code won't do.
    return render(request, "helpdesks.html", {"countries": sorted(countries, key=lambda country: country.name)})


def data_protection(request):
    return render(
        request,
        "data_protection.html",
        {
            "block_months": settings.IMI_PERSONAL_DATA_BLOCK_MONTHS,
            "delete_years": settings.IMI_PERSONAL_DATA_DELETE_YEARS,
        },
    )


def languages(request):
    """The language list as a page of its own, for browsers without JavaScript."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    return render(request, "languages.html", {"next_url": next_url})


@require_POST
def set_language(request):
    """Switch the interface language; a logged-in user keeps it as their preferred language."""
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        language_set(user=request.user, language=language)
    # Django's view sets the cookie and only follows a "next" address of this site.
    return django_set_language(request)
