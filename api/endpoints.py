"""The API's operations (``/api/v1/``). Thin, like the pages' views: each finds the rows through the same
rules (``requests_app.auth``), validates with the same forms (``requests_app.forms``) and changes through
the same services and workflow as the pages. The caller is the system account's user (``request.user``).
"""

import hashlib
import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from api import serializers as s
from api.problems import Problem, invalid, precondition_failed, precondition_required
from authorities.models import Authority, Country, LegislativeArea
from authorities.selectors import authorities_search
from registers.selectors import registers_search
from requests_app import auth, selectors, services, workflow
from requests_app.forms import (
    ACTION_FORMS,
    TASK_LABELS,
    AnswersForm,
    AttachmentForm,
    MessageForm,
    NewRequestForm,
    QuestionsForm,
    RequestFilterForm,
    ResponderForm,
    SubjectForm,
    action_form,
)
from requests_app.models import Action, InformationRequest, PersonalDataRead, QuestionSet, Status

PROBLEM = "application/problem+json"
# The workflow's actions a national system may take: sending a draft, and every action of a page of its own.
ACTIONS = [Action.SEND, *ACTION_FORMS]


def problems(*codes):
    """The error answers an operation documents: problem details (api.problems)."""
    return {(code, PROBLEM): OpenApiResponse(s.ProblemSerializer) for code in (401, 403, 406, 415, 429, *codes)}


class ApiView(APIView):
    """Every operation: no caching anywhere between the portal and the caller (personal data)."""

    needs = "read"
    # The query parameters the operation takes, besides the cursor's (a list's cursor and page_size).
    query = ()
    pagination_class = None

    def initial(self, request, *args, **kwargs):
        """After the token, its scope and its rate: a parameter the operation does not take is an error,
        not silently ignored (a misspelt filter would list everything)."""
        super().initial(request, *args, **kwargs)
        if request.method.lower() not in self.http_method_names or not hasattr(self, request.method.lower()):
            return  # a method the operation does not have: 405, whatever the parameters
        allowed = {*self.query, *(("cursor", "page_size") if self.pagination_class else ())}
        errors = {name: [_("Unknown parameter.")] for name in sorted(set(request.query_params) - allowed)}
        size = request.query_params.get("page_size")
        if size is not None and not (size.isdigit() and 1 <= int(size) <= Cursor.max_page_size):
            errors["page_size"] = [_("Enter a valid value.")]
        for name, value in request.query_params.items():
            if name in self.query and name != "q" and not value:
                errors[name] = [_("Enter a valid value.")]  # an empty filter is a mistake, not "any"
        overdue = request.query_params.get("overdue")
        if "overdue" in self.query and overdue and overdue not in ("true", "false"):
            errors["overdue"] = [_("“%(value)s” value must be either True or False.") % {"value": overdue}]
        if errors:
            raise invalid(errors)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response


class Cursor(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "id"


class NewestFirst(Cursor):
    ordering = ("-created_at", "-id")


def _page(view, request, queryset, serializer, context=None):
    """One page of a list, by the view's cursor (its ``pagination_class``, which the OpenAPI document shows)."""
    paginator = view.pagination_class()
    rows = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(serializer(rows, many=True, context=context or {}).data)


def _codes(errors):
    """The codes of a serializer's errors, however nested."""
    if isinstance(errors, dict):
        return [code for value in errors.values() for code in _codes(value)]
    if isinstance(errors, list):
        return [code for value in errors for code in _codes(value)]
    return [getattr(errors, "code", "")]


def _form_data(request, shape=None, extra=lambda key: False):
    """The body as a form takes it; anything but a JSON object (or a form) is refused.

    ``shape``: the operation's input serializer (the OpenAPI document's). The body must have its form, no
    unknown field and each of the right type, before anything else is asked, its version included; what
    it means is then for the pages' forms to say. ``extra(key)``: more fields the operation takes.
    """
    data = request.data
    if not isinstance(data, dict):
        raise invalid({}, _("The body could not be read: it is not valid JSON or form data."))
    if shape is not None:
        fields = shape().fields
        errors = {key: [_("Unknown parameter.")] for key in data if key not in fields and not extra(key)}
        checked = shape(data=data)
        if not checked.is_valid():
            for field, problems in checked.errors.items():
                required = "required" in _codes(problems)
                errors[field] = [_("This field is required.") if required else _("Enter a valid value.")]
        if errors:
            raise invalid(errors)
    return data


# The caller and the directory


class MeView(ApiView):
    needs = "directory"

    @extend_schema(operation_id="me", responses={200: s.MeSerializer, **problems()}, tags=["caller"])
    def get(self, request):
        """The system account calling, its authority and the token's scope."""
        return Response(s.MeSerializer(request.auth).data)


class MyAuthorityView(ApiView):
    @extend_schema(operation_id="my_authority", responses={200: s.MyAuthoritySerializer, **problems()}, tags=["caller"])
    def get(self, request):
        """The caller's authority and its users with their roles."""
        authority = (
            Authority.objects.select_related("country")
            .prefetch_related("legislative_areas", "users__roles__legislative_area")
            .get(pk=request.user.authority_id)
        )
        return Response(s.MyAuthoritySerializer(authority).data)


class DirectoryList(ApiView):
    """A directory, searched as on its page: by words in any language, a country and an area, both by code."""

    pagination_class = Cursor
    query = ("q", "country", "area")
    needs = "directory"
    search = serializer = None

    def get(self, request):
        country, area = _directory_filters(request)
        rows = self.search(query=request.query_params.get("q", ""), country=country, area=area)
        return _page(self, request, rows.prefetch_related("legislative_areas"), self.serializer)


def _directory_schema(operation_id, serializer, words, description):
    return extend_schema_view(
        get=extend_schema(
            operation_id=operation_id,
            description=description,
            parameters=[
                OpenApiParameter("q", str, description=words),
                OpenApiParameter("country", str, description="ISO 3166-1 alpha-2 code."),
                OpenApiParameter("area", str, description="Legislative area code."),
            ],
            responses={200: serializer(many=True), **problems(400, 404)},
            tags=["directory"],
        )
    )


@_directory_schema(
    "authorities",
    s.AuthoritySerializer,
    "Words of a name, a city or a keyword, in any language.",
    "The directory of authorities: validated authorities, searched as on the directory page.",
)
class AuthorityList(DirectoryList):
    search = staticmethod(authorities_search)
    serializer = s.AuthoritySerializer


class AuthorityDetail(ApiView):
    needs = "directory"

    @extend_schema(
        operation_id="authority", responses={200: s.AuthoritySerializer, **problems(404)}, tags=["directory"]
    )
    def get(self, request, pk):
        queryset = Authority.objects.filter(status=Authority.Status.VALIDATED).select_related("country")
        return Response(
            s.AuthoritySerializer(get_object_or_404(queryset.prefetch_related("legislative_areas"), pk=pk)).data
        )


def _directory_filters(request):
    """The country and area of a directory search, by code; an unknown code is an error, not "any"."""
    errors = {}
    country = area = None
    if code := request.query_params.get("country", ""):
        country = Country.objects.filter(code=code.upper()).first()
        if country is None:
            errors["country"] = [_("Select a valid choice. That choice is not one of the available choices.")]
    if code := request.query_params.get("area", ""):
        area = LegislativeArea.objects.filter(code=code).first()
        if area is None:
            errors["area"] = [_("Select a valid choice. That choice is not one of the available choices.")]
    if errors:
        raise invalid(errors)
    return country, area


@_directory_schema(
    "registers",
    s.RegisterSerializer,
    "Words of a name or description, in any language.",
    "The directory of public registers, searched as on the registers page.",
)
class RegisterList(DirectoryList):
    search = staticmethod(registers_search)
    serializer = s.RegisterSerializer


class LegislativeAreaList(ApiView):
    pagination_class = Cursor
    needs = "directory"

    @extend_schema(
        operation_id="legislative_areas",
        responses={200: s.LegislativeAreaSerializer(many=True), **problems(404)},
        tags=["directory"],
    )
    def get(self, request):
        """Every legislative area, its name in every language."""
        return _page(self, request, LegislativeArea.objects.all(), s.LegislativeAreaSerializer)


class QuestionSetList(ApiView):
    pagination_class = Cursor
    needs = "directory"

    @extend_schema(
        operation_id="question_sets",
        responses={200: s.QuestionSetSerializer(many=True), **problems(404)},
        tags=["directory"],
    )
    def get(self, request):
        """The question sets in use, their questions and answer options in every language."""
        queryset = (
            QuestionSet.objects.filter(is_active=True)
            .select_related("legislative_area")
            .prefetch_related("questions__options")
        )
        return _page(self, request, queryset, s.QuestionSetSerializer)


# Information requests


def etag_of(info_request):
    """The request's version: it changes with every change of the request (``updated_at``)."""
    version = f"{info_request.pk}:{info_request.updated_at.isoformat()}:{info_request.status}"
    return '"' + hashlib.sha256(version.encode()).hexdigest()[:32] + '"'


def _visible(request, pk):
    """The request, if the caller may see it (the rule of every page); 404 otherwise."""
    return get_object_or_404(selectors.with_display_relations(auth.requests_visible_to(request.user)), pk=pk)


def _locked_if_unchanged(request, info_request):
    """Lock the request and check the caller's If-Match against its version, so that nobody's change is
    lost unseen. Call inside a transaction."""
    given = [tag.strip() for tag in request.headers.get("If-Match", "").split(",") if tag.strip()]
    if not given:
        raise precondition_required()
    locked = InformationRequest.objects.select_for_update(of=("self",)).get(pk=info_request.pk)
    if "*" not in given and etag_of(locked) not in given:
        raise precondition_failed()
    return locked


def _record_read(request, info_request, what=PersonalDataRead.What.REQUEST):
    services.personal_data_reads_record(user=request.user, info_requests=[info_request], what=what)


def _answer(item):
    return {
        "yes_no": item.answer_yes_no,
        "option": item.answer_option_id,
        "date": item.answer_date,
        "text": item.answer_text,
        "text_language": item.answer_language,
        "file": item.answer_file_id,
        "answered_at": item.answered_at,
    }


def request_detail(request, info_request):
    """The request as the caller may see it, answered with its ETag; a read of personal data is logged."""
    user = request.user
    access = auth.RequestAccess(user, info_request)
    personal = access.personal_data
    if personal:
        _record_read(request, info_request)
    questions = [
        {
            "id": item.pk,
            "question_id": item.question_id,
            "question": item.question,
            "answer": _answer(item) if personal else None,
        }
        for item in info_request.questions.select_related("question")
    ]
    subject = {
        "name": info_request.subject_name,
        "identifier": info_request.subject_identifier,
        "date_of_birth": info_request.subject_date_of_birth,
        "address": info_request.subject_address,
    }
    body = {
        **s.RequestSummarySerializer(info_request).data,
        "subject": s.SubjectSerializer(subject).data if personal else None,
        "deadline_reason": info_request.deadline_reason if personal else None,
        "rating_timeliness": info_request.rating_timeliness,
        "rating_effort": info_request.rating_effort,
        "parent": info_request.parent_id,
        "side": access.side,
        "personal_data_visible": personal,
        "actions": [action for action in workflow.allowed_actions(user, info_request, access) if action in ACTIONS],
        "questions": s.RequestQuestionSerializer(questions, many=True).data,
        "etag": etag_of(info_request),
    }
    return Response(body, headers={"ETag": body["etag"]})


class RequestList(ApiView):
    pagination_class = NewestFirst
    query = ("q", "direction", "status", "area", "country", "overdue", "task")

    @extend_schema(
        operation_id="requests",
        parameters=[
            OpenApiParameter("q", str, description="Reference or subject, as the list page searches."),
            OpenApiParameter("direction", str, enum=["incoming", "outgoing"]),
            OpenApiParameter("status", str, enum=list(Status.values)),
            OpenApiParameter("area", str, description="Legislative area code."),
            OpenApiParameter("country", str, description="ISO 3166-1 alpha-2 code of either side's country."),
            OpenApiParameter("overdue", str, enum=["true", "false"]),
            OpenApiParameter("task", str, enum=list(TASK_LABELS), description='A group of "My tasks".'),
        ],
        responses={200: s.RequestSummarySerializer(many=True), **problems(400, 404)},
        tags=["requests"],
    )
    def get(self, request):
        """The requests the caller may see, newest first, filtered like the requests list."""
        data = request.query_params.copy()
        # By code, as in the directory; the list page's form takes them by id.
        country, area = _directory_filters(request)
        for name, found in (("country", country), ("area", area)):
            if found is not None:
                data[name] = str(found.pk)
        form = RequestFilterForm(data, user=request.user)
        if not form.is_valid():
            raise invalid(form.errors)
        filters = form.cleaned_data
        queryset = selectors.request_list(
            user=request.user,
            direction=filters["direction"],
            status=filters["status"],
            area=filters["area"],
            country=filters["country"],
            overdue=filters["overdue"],
            query=filters["q"],
            task=filters["task"],
        ).select_related("legislative_area")
        return _page(self, request, queryset, s.RequestSummarySerializer)

    @extend_schema(
        operation_id="request_create",
        request=s.NewRequestInput,
        responses={201: s.RequestDetailSerializer, **problems(400, 404)},
        tags=["requests"],
    )
    def post(self, request):
        """Start a draft in an area the account handles; then PATCH it and send it."""
        if not auth.may_work(request.user) or not auth.can_create_requests(request.user):
            raise Problem(403, "forbidden", _("You are not allowed to do this on this request."))
        form = NewRequestForm(_form_data(request, s.NewRequestInput), user=request.user)
        if not form.is_valid():
            raise invalid(form.errors)
        try:
            info_request = services.request_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            raise invalid(_errors(error)) from None
        response = request_detail(request, _visible(request, info_request.pk))
        response.status_code = 201
        response["Location"] = f"/api/v1/requests/{info_request.pk}"
        return response


def _errors(error):
    """A service's ValidationError as the fields' messages."""
    if hasattr(error, "error_dict"):
        return {field: [str(m) for e in errors for m in e.messages] for field, errors in error.error_dict.items()}
    return {"non_field_errors": error.messages}


IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, required=True, description="The request's ETag, as last read."
)


class RequestDetail(ApiView):
    @extend_schema(
        operation_id="request", responses={200: s.RequestDetailSerializer, **problems(404)}, tags=["requests"]
    )
    def get(self, request, pk):
        """A request with its questions and, where the caller may read them, its personal data and answers."""
        return request_detail(request, _visible(request, pk))

    @extend_schema(
        operation_id="request_draft_update",
        request=s.DraftInput,
        parameters=[IF_MATCH],
        responses={200: s.RequestDetailSerializer, **problems(400, 404, 409, 412, 428)},
        tags=["requests"],
    )
    def patch(self, request, pk):
        """Fill in a draft: the responding authority, the questions, the subject and the proposed deadline."""
        info_request = _visible(request, pk)
        data = _form_data(request, s.DraftInput)
        with transaction.atomic():
            _locked_if_unchanged(request, info_request)
            if not (info_request.is_draft and auth.side_of(request.user, info_request) == "requester"):
                raise Problem(409, "not-a-draft", _("Only a draft of your authority can be changed."))
            try:
                _draft_update(request, info_request, data)
            except ValidationError as error:
                raise invalid(_errors(error)) from None
        return request_detail(request, _visible(request, pk))


def _draft_update(request, info_request, data):
    user = request.user
    if "responding_authority" in data:
        form = ResponderForm(
            {"authority": data["responding_authority"]}, authorities=services.responders_for(info_request=info_request)
        )
        if not form.is_valid():
            raise invalid({"responding_authority": form.errors["authority"]})
        services.request_set_responder(info_request=info_request, user=user, authority=form.cleaned_data["authority"])
    if "questions" in data:
        form = QuestionsForm(
            {"questions": data["questions"]}, questions=services.questions_for(info_request=info_request)
        )
        if not form.is_valid():
            raise invalid(form.errors)
        services.request_set_questions(info_request=info_request, user=user, questions=form.cleaned_data["questions"])
    fields = SubjectForm.Meta.fields
    if any(field in data for field in fields):
        current = SubjectForm(instance=info_request).initial
        form = SubjectForm(
            {**{f: current.get(f) or "" for f in fields}, **{f: data[f] for f in fields if f in data}},
            instance=info_request,
        )
        if not form.is_valid():
            raise invalid(form.errors)
        services.request_set_subject(info_request=info_request, user=user, **{f: form.cleaned_data[f] for f in fields})


class RequestAction(ApiView):
    @extend_schema(
        operation_id="request_action",
        request=s.ActionInput,
        parameters=[
            OpenApiParameter("action", str, OpenApiParameter.PATH, enum=[str(a) for a in ACTIONS]),
            IF_MATCH,
        ],
        responses={
            200: s.RequestDetailSerializer,
            204: OpenApiResponse(description="Done; the request has left the caller's reach (forwarded)."),
            **problems(400, 404, 409, 412, 428),
        },
        tags=["requests"],
    )
    def post(self, request, pk, action):
        """Take a workflow action, with the fields its page asks for (see the action's description in docs/api.md)."""
        info_request = _visible(request, pk)
        if action not in ACTIONS:
            raise Http404
        data = _form_data(request, s.ActionInput)
        with transaction.atomic():
            _locked_if_unchanged(request, info_request)
            if action not in workflow.allowed_actions(request.user, info_request):
                if info_request.status not in workflow.TRANSITIONS[action].sources:
                    raise Problem(
                        409,
                        "wrong-state",
                        _(
                            "This cannot be done any more: the request is now “%(status)s”. "
                            "Somebody may have acted on it."
                        )
                        % {"status": info_request.get_status_display()},
                    )
                raise Problem(403, "forbidden", _("You are not allowed to do this on this request."))
            params, note = {}, data.get("note", "")
            if action != Action.SEND:
                form_data = {key: value for key, value in data.items() if key != "questions"}
                if "questions" in data:
                    form_data["questions"] = data["questions"]
                form = action_form(action, form_data, info_request=info_request, user=request.user)
                if not form.is_valid():
                    raise invalid(form.errors)
                params, note = form.params(), form.cleaned_data.get("note", "")
            try:
                workflow.apply(request_id=info_request.pk, action=action, actor=request.user, note=note, **params)
            except ValidationError as error:
                raise Problem(409, "refused", " ".join(error.messages), errors=_errors(error)) from None
        if not auth.requests_visible_to(request.user).filter(pk=pk).exists():
            return Response(status=204)
        return request_detail(request, _visible(request, pk))


class RequestAnswers(ApiView):
    @extend_schema(
        operation_id="request_answers",
        request=s.AnswersInput,
        parameters=[IF_MATCH],
        responses={200: s.RequestDetailSerializer, **problems(400, 404, 409, 412, 428)},
        tags=["requests"],
    )
    def put(self, request, pk):
        """Save answers (some or all) before replying: ``{"answers": {"<question id>": value}}``."""
        info_request = _visible(request, pk)
        data = _form_data(request, s.AnswersInput, extra=str.isdigit)  # files: parts named by the question's id
        answers = data.get("answers")
        if isinstance(answers, str):  # multipart: the answers as a JSON text beside the files
            try:
                answers = json.loads(answers)
            except ValueError:
                answers = None
        # A file answers a question of kind "file": multipart, the part named by the question's id.
        files = {key: request.FILES[key] for key in request.FILES}
        if answers is None and files:
            answers = {}
        if not isinstance(answers, dict):
            raise invalid({"answers": [_("This field is required.")]})
        with transaction.atomic():
            _locked_if_unchanged(request, info_request)
            if not auth.can_answer(request.user, info_request):
                raise Problem(403, "forbidden", _("You are not allowed to do this on this request."))
            items = info_request.questions.select_related("question").prefetch_related("question__options")
            known = {str(item.pk) for item in items}
            unknown = sorted((set(answers) | set(files)) - known)
            if unknown:
                raise invalid(
                    {
                        key: [_("Select a valid choice. That choice is not one of the available choices.")]
                        for key in unknown
                    }
                )
            form_data = {
                f"q{key}": {True: "yes", False: "no"}[value] if isinstance(value, bool) else value
                for key, value in answers.items()
            }
            form = AnswersForm(
                form_data,
                {f"q{key}": upload for key, upload in files.items()},
                request_questions=items.filter(pk__in=[int(key) for key in {*answers, *files}]),
            )
            if not form.is_valid():
                raise invalid({key[1:]: messages for key, messages in form.errors.items()})
            try:
                services.answers_save(info_request=info_request, user=request.user, answers=form.answers())
            except ValidationError as error:
                raise invalid(_errors(error)) from None
        return request_detail(request, _visible(request, pk))


def _with_personal_data(request, pk, what):
    """The request, if the caller may read its personal data (messages, files); 404 otherwise. The read is logged."""
    info_request = _visible(request, pk)
    if not auth.can_see_personal_data(request.user, info_request):
        raise Http404
    _record_read(request, info_request, what)
    return info_request


class MessageList(ApiView):
    pagination_class = Cursor

    @extend_schema(
        operation_id="messages", responses={200: s.MessageSerializer(many=True), **problems(404)}, tags=["requests"]
    )
    def get(self, request, pk):
        """The messages between the two authorities, oldest first."""
        info_request = _with_personal_data(request, pk, PersonalDataRead.What.REQUEST)
        return _page(self, request, info_request.messages.select_related("author"), s.MessageSerializer)

    @extend_schema(
        operation_id="message_add",
        request=s.MessageInput,
        responses={201: s.MessageSerializer, **problems(400, 404)},
        tags=["requests"],
    )
    def post(self, request, pk):
        info_request = _visible(request, pk)
        form = MessageForm(_form_data(request, s.MessageInput))
        if not form.is_valid():
            raise invalid(form.errors)
        try:
            message = services.message_add(info_request=info_request, user=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            raise Problem(403, "forbidden", " ".join(error.messages)) from None
        return Response(s.MessageSerializer(message).data, status=201)


class AttachmentList(ApiView):
    pagination_class = Cursor

    @extend_schema(
        operation_id="attachments",
        responses={200: s.AttachmentSerializer(many=True), **problems(404)},
        tags=["requests"],
    )
    def get(self, request, pk):
        """The files of the request (their descriptions; each file at its own address)."""
        info_request = _with_personal_data(request, pk, PersonalDataRead.What.REQUEST)
        return _page(self, request, info_request.attachments.all(), s.AttachmentSerializer)

    @extend_schema(
        operation_id="attachment_add",
        request={"multipart/form-data": s.AttachmentInput},
        responses={201: s.AttachmentSerializer, **problems(400, 404)},
        tags=["requests"],
    )
    def post(self, request, pk):
        """Add a file, checked as on the page: its size, its type, and that its content matches its name."""
        info_request = _visible(request, pk)
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            raise invalid(form.errors)
        try:
            item = services.attachment_add(
                info_request=info_request, user=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            raise invalid({"file": error.messages}) from None
        return Response(s.AttachmentSerializer(item).data, status=201)


class AttachmentContent(ApiView):
    @extend_schema(
        operation_id="attachment_content",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, **problems(404)},
        tags=["requests"],
    )
    def get(self, request, pk, attachment_pk):
        """The file itself."""
        info_request = _with_personal_data(request, pk, PersonalDataRead.What.ATTACHMENT)
        item = get_object_or_404(info_request.attachments, pk=attachment_pk)
        response = FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)
        response["Content-Type"] = item.content_type
        response["X-Content-Type-Options"] = "nosniff"
        return response


class EventList(ApiView):
    pagination_class = Cursor

    @extend_schema(
        operation_id="events", responses={200: s.EventSerializer(many=True), **problems(404)}, tags=["requests"]
    )
    def get(self, request, pk):
        """The request's timeline, oldest first; notes only where the caller may read personal data."""
        info_request = _visible(request, pk)
        personal = auth.can_see_personal_data(request.user, info_request)
        if personal:
            _record_read(request, info_request)
        return _page(
            self,
            request,
            info_request.events.select_related("actor"),
            s.EventSerializer,
            context={"personal_data": personal},
        )
