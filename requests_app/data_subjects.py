"""The rights of the people requests are about (Art. 19): find, export, correct, erase; and the read log."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from authorities.auth import authorities_in_scope
from core.forms import submitted
from requests_app import auth, retention, services
from requests_app.forms import CorrectionForm, FindForm, SubjectRequestForm
from requests_app.models import DataSubjectRequest, InformationRequest, PersonalDataRead


def _check_coordinator(request):
    if not (request.user.is_coordinator or request.user.is_superuser):
        raise Http404


def _in_scope(user, *, include_blocked=False):
    """The requests whose personal data an authority of the scope holds (``auth.personal_data_held_in_scope``)."""
    return auth.personal_data_held_in_scope(user, include_blocked=include_blocked).select_related(
        "requesting_authority", "responding_authority", "legislative_area"
    )


def _get_request_in_scope(request, pk):
    _check_coordinator(request)
    return get_object_or_404(_in_scope(request.user), pk=pk)


def _export(found):
    return [
        {
            "reference": item.reference,
            "legislative_area": item.legislative_area.name_en,
            "requesting_authority": item.requesting_authority.official_name,
            "responding_authority": item.responding_authority.official_name if item.responding_authority else None,
            "status": item.status,
            "sent_at": item.sent_at,
            "closed_at": item.closed_at,
            **{field: getattr(item, field) for field in InformationRequest.PERSONAL_DATA_FIELDS},
            "answers": [
                {"question": answer.question.text_en, "answer": answer.answer_text}
                for answer in item.questions.all()
                if answer.answer_text
            ],
            "messages": [{"written_at": message.created_at, "text": message.body} for message in item.messages.all()],
            "files": [attachment.original_name for attachment in item.attachments.all()],
        }
        for item in found
    ]


@login_required
def data_subjects(request):
    _check_coordinator(request)
    form = FindForm(request.GET or None)
    found = []
    if form.is_valid():
        query = Q()
        if form.cleaned_data["name"]:
            query &= Q(subject_name__icontains=form.cleaned_data["name"].strip())
        if form.cleaned_data["identifier"]:
            query &= Q(subject_identifier__iexact=form.cleaned_data["identifier"].strip())
        if form.cleaned_data["date_of_birth"]:
            query &= Q(subject_date_of_birth=form.cleaned_data["date_of_birth"])
        justification = form.cleaned_data["justification"].strip()
        if justification:
            # The justification unblocks what it finds, exactly as the request page's unblocking does.
            for item in _in_scope(request.user, include_blocked=True).filter(
                query, personal_data_blocked_at__isnull=False
            ):
                retention.grant_blocked_access(user=request.user, info_request=item, justification=justification)
        found = list(
            _in_scope(request.user)
            .filter(query)
            .prefetch_related("questions__question", "messages", "attachments")
            .order_by("-created_at", "-pk")[:200]
        )
        export = request.GET.get("format")
        if export in ("json", "print"):
            services.personal_data_reads_record(
                user=request.user, info_requests=found, what=PersonalDataRead.What.EXPORT
            )
            if export == "json":
                response = HttpResponse(
                    json.dumps({"requests": _export(found)}, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
                    content_type="application/json; charset=utf-8",
                )
                response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
                return response
            return render(
                request,
                "requests/data_subject_print.html",
                {"found": _export(found), "now": timezone.localtime()},
            )
        services.personal_data_reads_record(user=request.user, info_requests=found, what=PersonalDataRead.What.SEARCH)
    return render(
        request,
        "requests/data_subjects.html",
        {
            "form": form,
            "found": found,
            "subject_requests": DataSubjectRequest.objects.filter(handled_by=request.user).order_by(
                "answered_on", "received_on"
            )[:50],
            "subject_request_form": SubjectRequestForm(),
        },
    )


@login_required
def correct(request, pk):
    item = _get_request_in_scope(request, pk)
    form = CorrectionForm(submitted(request), instance=item)
    if request.method != "POST":
        services.personal_data_reads_record(
            user=request.user, info_requests=[item], what=PersonalDataRead.What.CORRECTION
        )
    if request.method == "POST" and form.is_valid():
        services.personal_data_correct(actor=request.user, info_request=item, data=form.cleaned_data)
        messages.success(request, _("The personal data have been corrected."))
        return redirect("requests:data_subjects")
    return render(request, "requests/data_subject_correct.html", {"info_request": item, "form": form})


@login_required
def erase(request, pk):
    item = _get_request_in_scope(request, pk)
    if request.method == "POST":
        services.personal_data_erase(actor=request.user, info_request=item)
        messages.success(
            request, _("The personal data of %(reference)s have been erased.") % {"reference": item.reference}
        )
        return redirect("requests:data_subjects")
    return render(request, "requests/data_subject_erase.html", {"info_request": item})


@login_required
def subject_request_add(request):
    _check_coordinator(request)
    if request.method != "POST":
        raise Http404
    form = SubjectRequestForm(request.POST)
    if form.is_valid():
        subject_request = services.subject_request_record(actor=request.user, subject_request=form.save(commit=False))
        messages.success(
            request,
            _("The request of the person is recorded; it must be answered by %(date)s.")
            % {"date": subject_request.due_on.isoformat()},
        )
    else:
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    return redirect("requests:data_subjects")


@login_required
def subject_request_answered(request, pk):
    _check_coordinator(request)
    subject_request = get_object_or_404(DataSubjectRequest, pk=pk, handled_by=request.user)
    if request.method != "POST":
        raise Http404
    services.subject_request_answer(subject_request=subject_request)
    return redirect("requests:data_subjects")


@login_required
def read_log(request):
    """Who read personal data of the requests of the coordinator's scope."""
    _check_coordinator(request)
    scope = authorities_in_scope(request.user).values("pk")
    reads = PersonalDataRead.objects.filter(
        Q(request__requesting_authority__in=scope) | Q(request__responding_authority__in=scope)
    ).select_related("user__authority", "request")
    page = Paginator(reads, 50).get_page(request.GET.get("page"))
    return render(request, "requests/read_log.html", {"page": page, "reads": page.object_list})
