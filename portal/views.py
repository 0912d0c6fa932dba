import sys

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from authorities.selectors import getting_started, national_coordinators, user_home_summary
from authorities.services import getting_started_toggle, language_set, page_seen
from core import machine_translation, mail
from core.middleware import renew_session
from core.models import HelpPage, OutboxMessage
from portal.selectors import (
    answers_for_mail,
    failed_mails_visible_to,
    help_pages,
    helpdesk_contacts,
    is_training_guide,
    training_guides,
    training_mails,
)
from requests_app.auth import can_create_requests
from requests_app.forms import TASK_LABELS
from requests_app.selectors import my_tasks


@login_required
def home(request):
    """ "My tasks": what is waiting for the user and their authority, and the "Getting started" checklist."""
    user = request.user
    page_seen(user=user, page="tasks")
    tasks = my_tasks(user=user)
    checklist = None
    if not user.getting_started_hidden:
        checklist = getting_started(
            user=user,
            urls={
                "activity": reverse("requests:activity"),
                "tasks": reverse("home"),
                "directory": reverse("authorities:directory"),
                "backups": reverse("authorities:backups"),
                "authority": reverse("authorities:my_authority"),
                "training": reverse("help_page", args=["training"]),
            },
        )
    return render(
        request,
        "home.html",
        {
            "summary": user_home_summary(user=user),
            "tasks": tasks,
            # Each group with its heading, named as the request list's filter names it.
            "task_sections": [(name, TASK_LABELS[name], requests) for name, requests in tasks.items()],
            "has_tasks": any(tasks.values()),
            "checklist": checklist,
            "can_create_requests": can_create_requests(user),
        },
    )


@login_required
@require_POST
def getting_started_visibility(request):
    getting_started_toggle(user=request.user, hidden=request.POST.get("hidden") == "1")
    return redirect("home")


def help_page(request, slug):
    page = get_object_or_404(HelpPage, slug=slug)
    context = {"page": page, "pages": help_pages(), "training_url": settings.IMI_TRAINING_URL}
    if slug == "training":
        page_seen(user=request.user, page="training")
        authority = getattr(request.user, "authority", None)
        context["guides"] = training_guides()
        # The national coordinator of the reader's country runs training; others find theirs on "National helpdesks".
        context["coordinators"] = national_coordinators(country_id=authority.country_id) if authority else None
    context["is_training_material"] = slug == "training" or is_training_guide(page)
    return render(request, "help_page.html", context)


@login_required
def training_mailbox(request):
    """In the training environment, the mails a trainee would have received."""
    if not settings.IMI_TRAINING:
        raise Http404
    return render(request, "training_mailbox.html", {"mails": training_mails(request.user)})


def helpdesks(request):
    """Every country's national helpdesk and coordinator contacts; public, like the help pages."""
    return render(request, "helpdesks.html", {"countries": helpdesk_contacts()})


def data_protection(request):
    return render(
        request,
        "data_protection.html",
        {
            "block_months": settings.IMI_PERSONAL_DATA_BLOCK_MONTHS,
            "delete_years": settings.IMI_PERSONAL_DATA_DELETE_YEARS,
            "mail_keep_days": settings.IMI_SENT_MAIL_KEEP_DAYS,
            "link_check_keep_days": settings.IMI_LINK_CHECK_KEEP_DAYS,
            "translator": machine_translation.backend(),
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


@login_required
def failed_mails(request):
    """The mails given up after the last attempt, to the users the person looks after; opening it marks them seen."""
    if not answers_for_mail(request.user):
        raise Http404
    failed = failed_mails_visible_to(request.user).select_related("recipient__authority", "seen_by")
    page = Paginator(failed.order_by("-failed_at", "-pk"), 50).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    unseen = [message.pk for message in shown if message.seen_at is None]
    if unseen:
        # Seen by whoever first has them in front of them: the alert of everyone else goes too.
        mail.failed_mails_seen(messages=OutboxMessage.objects.filter(pk__in=unseen), user=request.user)
    return render(request, "mail/failed.html", {"page": page, "mails": shown})


@login_required
@require_POST
def failed_mail_send_again(request, pk):
    message = get_object_or_404(failed_mails_visible_to(request.user), pk=pk)
    if mail.send_again(messages=OutboxMessage.objects.filter(pk=message.pk, recipient__is_active=True)):
        messages.success(request, _("The mail to %(email)s will be sent again.") % {"email": message.to_email})
    else:
        messages.error(
            request, _("The account of %(email)s is deactivated: nothing was sent.") % {"email": message.to_email}
        )
    return redirect("failed_mails")


@login_required
def session_ping(request):
    """Keeps an active user's session: "Stay logged in" renews it now, whenever it was last renewed."""
    renew_session(request.session)
    return HttpResponse(status=204)


def csrf_failure(request, reason=""):
    """A form sent after its session ended (or forged): say so in the user's language, in the layout."""
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    """The page for an unexpected error; a database that is away for a moment is an outage (503), not a bug.

    It needs neither the database nor the session, which may be what failed.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        status = 503
        heading = _("The portal is unavailable for a moment")
        explanation = _(
            "The portal cannot reach its database at the moment. Please try again in a few minutes. "
            "If you were sending a form, check afterwards whether it was saved."
        )
    else:
        status = 500
        heading = _("Something went wrong")
        explanation = _(
            "The portal could not complete your request. The error has been recorded. Please try again; "
            "if it happens again, contact your national helpdesk."
        )
    context = {"portal_name": settings.PORTAL_NAME, "heading": heading, "explanation": explanation}
    response = HttpResponse(render_to_string("errors/standalone.html", context), status=status)
    if status == 503:
        response["Retry-After"] = "60"
    return response
