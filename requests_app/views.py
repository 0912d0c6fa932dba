from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from authorities.selectors import authorities_search
from core.forms import add_service_errors, submitted
from core.pagination import CappedPaginator
from registers.selectors import registers_for_request
from requests_app import auth, machine_translations, retention, selectors, services, workflow
from requests_app.forms import (
    ACTION_FORMS,
    AnswersForm,
    AttachmentForm,
    AuthoritySearchForm,
    JustificationForm,
    MessageForm,
    NewRequestForm,
    QuestionsForm,
    RequestFilterForm,
    ResponderForm,
    SubjectForm,
    action_form,
)
from requests_app.models import Action, PersonalDataRead, Question

WIZARD_STEPS = [
    ("requests:edit_authority", gettext_lazy("Authority")),
    ("requests:edit_questions", gettext_lazy("Questions")),
    ("requests:edit_subject", gettext_lazy("Subject and deadline")),
    ("requests:review", gettext_lazy("Review and send")),
]


def _get_request_for_user(request, pk):
    """The information request, if the user may see it; 404 otherwise."""
    return get_object_or_404(selectors.with_display_relations(auth.requests_visible_to(request.user)), pk=pk)


def _get_draft_for_user(request, pk):
    info_request = _get_request_for_user(request, pk)
    if (
        not info_request.is_draft
        or auth.side_of(request.user, info_request) != "requester"
        or not auth.acts_as_handler(request.user, info_request)
    ):
        raise Http404
    return info_request


def _get_draft_to_delete_for_user(request, pk):
    info_request = _get_request_for_user(request, pk)
    if not auth.can_delete_draft(request.user, info_request):
        raise Http404
    return info_request


def _record_read(request, info_request, what=PersonalDataRead.What.REQUEST):
    """Every page that shows a request's personal data, and every file download, is in the read log."""
    services.personal_data_reads_record(user=request.user, info_requests=[info_request], what=what)


def _wizard_context(request, info_request, current):
    return {
        "info_request": info_request,
        "can_delete_draft": auth.can_delete_draft(request.user, info_request),
        "steps": [
            {"url": reverse(name, args=[info_request.pk]), "label": label, "current": name == current}
            for name, label in WIZARD_STEPS
        ],
    }


@login_required
def request_list(request):
    form = RequestFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    requests = selectors.request_list(
        user=request.user,
        direction=filters.get("direction", ""),
        status=filters.get("status", ""),
        area=filters.get("area"),
        country=filters.get("country"),
        overdue=filters.get("overdue", False),
        query=filters.get("q", ""),
        # A group the user cannot have is an error of the form, and lists nothing rather than everything.
        task=filters.get("task", "") if "task" not in form.errors else request.GET["task"],
    )
    paginator = CappedPaginator(requests, 25, cap=settings.IMI_LIST_COUNT_CAP, rows=selectors.rows_in_order)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "requests/list.html",
        {
            "form": form,
            "page": page,
            "requests": page.object_list,
            "can_create_requests": auth.can_create_requests(request.user),
        },
    )


@login_required
def request_new(request):
    if request.user.authority_id is None:
        raise Http404
    if not auth.may_work(request.user):
        messages.error(request, _("Your authority is not validated: it cannot send requests."))
        return redirect("requests:list")
    if not auth.can_create_requests(request.user):
        raise Http404
    form = NewRequestForm(submitted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            info_request = services.request_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Draft %(reference)s saved.") % {"reference": info_request.reference})
            return redirect("requests:edit_authority", pk=info_request.pk)
    return render(request, "requests/new.html", {"form": form})


@login_required
def edit_authority(request, pk):
    info_request = _get_draft_for_user(request, pk)
    search = AuthoritySearchForm(request.GET or None)
    filters = search.cleaned_data if search.is_valid() else {}
    # The directory's search, narrowed to the authorities this request can go to.
    candidates = authorities_search(query=filters.get("q", ""), country=filters.get("country"), area=None).filter(
        pk__in=services.responders_for(info_request=info_request).values("pk")
    )
    initial = {"authority": info_request.responding_authority_id}
    form = ResponderForm(submitted(request), authorities=candidates[:50], initial=initial)
    if request.method == "POST":
        # The choice is checked against every possible responder, not only the ones shown.
        form.fields["authority"].queryset = services.responders_for(info_request=info_request)
        if form.is_valid():
            try:
                services.request_set_responder(
                    info_request=info_request, user=request.user, authority=form.cleaned_data["authority"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("requests:edit_questions", pk=info_request.pk)
    return render(
        request,
        "requests/edit_authority.html",
        {
            **_wizard_context(request, info_request, "requests:edit_authority"),
            "search": search,
            "form": form,
            "registers": registers_for_request(info_request=info_request),
        },
    )


@login_required
def edit_questions(request, pk):
    info_request = _get_draft_for_user(request, pk)
    questions = services.questions_for(info_request=info_request)
    chosen = list(info_request.questions.values_list("question_id", flat=True))
    form = QuestionsForm(submitted(request), questions=questions, initial={"questions": chosen})
    if request.method == "POST" and form.is_valid():
        try:
            services.request_set_questions(
                info_request=info_request, user=request.user, questions=form.cleaned_data["questions"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("requests:edit_subject", pk=info_request.pk)
    return render(
        request,
        "requests/edit_questions.html",
        {**_wizard_context(request, info_request, "requests:edit_questions"), "form": form},
    )


@login_required
def edit_subject(request, pk):
    info_request = _get_draft_for_user(request, pk)
    _record_read(request, info_request)
    form = SubjectForm(submitted(request), instance=info_request)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in SubjectForm.Meta.fields}
        try:
            services.request_set_subject(info_request=info_request, user=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("requests:review", pk=info_request.pk)
    return render(
        request,
        "requests/edit_subject.html",
        {**_wizard_context(request, info_request, "requests:edit_subject"), "form": form},
    )


@login_required
def review(request, pk):
    info_request = _get_draft_for_user(request, pk)
    _record_read(request, info_request)
    problems = services.request_problems(info_request=info_request)
    if request.method == "POST":
        try:
            workflow.apply(request_id=info_request.pk, action=Action.SEND, actor=request.user)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, _("Request %(reference)s has been sent.") % {"reference": info_request.reference})
            return redirect("requests:detail", pk=info_request.pk)
    return render(
        request,
        "requests/review.html",
        {
            **_wizard_context(request, info_request, "requests:review"),
            "problems": problems,
            "questions": info_request.questions.select_related("question"),
            "registers": registers_for_request(info_request=info_request),
        },
    )


@login_required
def draft_delete(request, pk):
    info_request = _get_draft_to_delete_for_user(request, pk)
    if request.method == "POST":
        try:
            services.request_draft_delete(info_request=info_request, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("requests:edit_authority", pk=info_request.pk)
        messages.success(request, _("Draft %(reference)s has been deleted.") % {"reference": info_request.reference})
        return redirect("home")
    return render(request, "requests/draft_delete.html", {"info_request": info_request})


@login_required
def detail(request, pk):
    info_request = _get_request_for_user(request, pk)
    user = request.user
    # Each rule asked once for the page: the view, the actions offered and the template share the answers.
    access = auth.RequestAccess(user, info_request)
    can_see_personal_data = access.personal_data
    if can_see_personal_data:
        _record_read(request, info_request)
    events = list(info_request.events.select_related("actor", "authority", "assignee"))
    # The parts a request was split into, and the request it was split from, are named to every reader;
    # a link only to those the reader may open (the same rule as every page), never a link to a 404.
    children = list(info_request.children.all())
    related = {info_request.parent_id, *(child.pk for child in children)} - {None}
    openable = set()
    if related:
        openable = set(auth.requests_visible_to(user).filter(pk__in=related).values_list("pk", flat=True))
    notes_at_hand = (
        selectors.request_notes_at_hand(info_request=info_request, events=events) if can_see_personal_data else []
    )
    questions = list(info_request.questions.select_related("question", "answer_option", "answer_file"))
    messages_list = list(info_request.messages.select_related("author", "authority")) if can_see_personal_data else []
    return render(
        request,
        "requests/detail.html",
        {
            "notes_at_hand": notes_at_hand,
            "deadline_reason_language": selectors.deadline_reason_language(info_request=info_request, events=events)
            if can_see_personal_data
            else "",
            "notes_at_hand_ids": {event.pk for event in notes_at_hand},
            "info_request": info_request,
            "side": access.side,
            "can_see_personal_data": can_see_personal_data,
            "may_unblock": access.may_unblock,
            "actions": [
                (action, Action(action).label) for action in workflow.allowed_actions(user, info_request, access)
            ],
            "questions": questions,
            "events": events,
            "messages_list": messages_list,
            "translation_offers": machine_translations.offers(
                info_request,
                access=access,
                language=translation.get_language(),
                events=events,
                messages=messages_list,
                questions=questions,
            ),
            "attachments": info_request.attachments.select_related("authority"),
            "can_answer": access.can_answer,
            "can_write": access.can_contribute,
            "message_form": MessageForm(),
            "attachment_form": AttachmentForm(),
            "children": children,
            "openable": openable,
            "Action": Action,
            "Kind": Question.Kind,
        },
    )


@login_required
def act(request, pk, action):
    info_request = _get_request_for_user(request, pk)
    if action not in ACTION_FORMS or action not in workflow.allowed_actions(request.user, info_request):
        raise Http404
    form = action_form(action, submitted(request), info_request=info_request, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            updated, _event = workflow.apply(
                request_id=info_request.pk,
                action=action,
                actor=request.user,
                note=form.cleaned_data.get("note", ""),
                **form.params(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            done = [_("Done: %(action)s.") % {"action": Action(action).label}]
            if action in (Action.ACCEPT, Action.CHANGE_DEADLINE):
                deadline = date_format(updated.agreed_deadline, "DATE_FORMAT")
                done.append(_("The agreed deadline is %(date)s.") % {"date": deadline})
            messages.success(request, " ".join(done))
            if auth.requests_visible_to(request.user).filter(pk=info_request.pk).exists():
                return redirect("requests:detail", pk=info_request.pk)
            return redirect("home")
    return render(
        request,
        "requests/act.html",
        {
            "info_request": info_request,
            "form": form,
            "action": action,
            "action_label": Action(action).label,
            "Action": Action,
            "unanswered": workflow.unanswered_questions(info_request) if action == Action.REPLY else [],
            "deadline_dates": form.deadline_dates() if action == Action.ACCEPT else None,
        },
    )


@login_required
def answers(request, pk):
    info_request = _get_request_for_user(request, pk)
    if not auth.can_answer(request.user, info_request):
        raise Http404
    _record_read(request, info_request)
    items = info_request.questions.select_related("question", "answer_option", "answer_file").prefetch_related(
        "question__options"
    )
    form = AnswersForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        request_questions=items,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.answers_save(info_request=info_request, user=request.user, answers=form.answers())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your answers have been saved."))
            return redirect("requests:detail", pk=info_request.pk)
    return render(request, "requests/answers.html", {"info_request": info_request, "form": form})


@login_required
@require_POST
def message_add(request, pk):
    info_request = _get_request_for_user(request, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.message_add(info_request=info_request, user=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your message has been added."))
    else:
        messages.error(request, _("Write a message."))
    return redirect(reverse("requests:detail", args=[info_request.pk]) + "#messages")


@login_required
@require_POST
def translate(request, pk):
    """Have one free text of the request translated into the reader's language ("Translate into …")."""
    info_request = _get_request_for_user(request, pk)
    field = request.POST.get("field", "")
    try:
        object_id = int(request.POST.get("object", ""))
        row, asked_now = machine_translations.ask(
            user=request.user,
            info_request=info_request,
            access=auth.RequestAccess(request.user, info_request),
            field=field,
            object_id=object_id,
            language=translation.get_language(),
        )
    except (ValueError, machine_translations.Refused):
        raise Http404 from None
    row.refresh_from_db(fields=["state"])  # a translator that answers at once has done so by now
    if asked_now and row.state != row.State.DONE:
        messages.info(request, _("The text has been sent for machine translation. It appears under the original."))
    anchor = machine_translations.anchor(field, object_id)
    return redirect(reverse("requests:detail", args=[info_request.pk]) + f"#{anchor}")


@csrf_exempt
@require_POST
def translation_callback(request):
    """Where an asynchronous translator posts its translations (core.machine_translation.ETranslation).
    No login: each post carries the signed reference the portal gave the translator."""
    if not machine_translations.receive(request.POST):
        return HttpResponseBadRequest()
    return HttpResponse(status=204)


@login_required
@require_POST
def attachment_add(request, pk):
    info_request = _get_request_for_user(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(info_request=info_request, user=request.user, upload=form.cleaned_data["file"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The file has been added."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(reverse("requests:detail", args=[info_request.pk]) + "#attachments")


@login_required
def attachment(request, pk, attachment_pk):
    info_request = _get_request_for_user(request, pk)
    if not auth.can_see_personal_data(request.user, info_request):
        raise Http404
    item = get_object_or_404(info_request.attachments, pk=attachment_pk)
    _record_read(request, info_request, PersonalDataRead.What.ATTACHMENT)
    response = FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)
    response["Content-Type"] = item.content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def unblock(request, pk):
    """A coordinator of the scope opens a request's blocked personal data, for a while, with a reason."""
    info_request = _get_request_for_user(request, pk)
    if (
        info_request.personal_data_blocked_at is None
        or info_request.personal_data_deleted_at is not None
        or not auth.is_coordinator_of(request.user, info_request)
    ):
        raise Http404
    form = JustificationForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        access = retention.grant_blocked_access(
            user=request.user, info_request=info_request, justification=form.cleaned_data["justification"]
        )
        messages.success(
            request,
            _("You may see the personal data until %(time)s.")
            % {"time": date_format(timezone.localtime(access.expires_at), "SHORT_DATETIME_FORMAT")},
        )
        return redirect("requests:detail", pk=info_request.pk)
    return render(request, "requests/unblock.html", {"info_request": info_request, "form": form})


@login_required
def coordination(request):
    if not (request.user.is_coordinator or request.user.is_superuser):
        raise Http404
    return render(request, "requests/coordination.html", selectors.coordination_lists(user=request.user))
