"""What the API answers, field by field, and the shapes of what it takes (for the OpenAPI document).

Answers are built from rows the views read with the portal's own selectors and rules; the personal
data of a request are included only where ``auth.RequestAccess.personal_data`` says so, and are
``null`` otherwise. Input is validated by the portal's forms (``requests_app.forms``), not here: the
input serializers only describe it.
"""

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from requests_app.models import Action, Status


def in_every_language(obj, field):
    """``{language: text}`` of a translated field, for the languages that have one."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        value = getattr(obj, f"{field}_{code.replace('-', '_')}", "")
        if value:
            texts[code] = value
    return texts


@extend_schema_field({"type": "object", "additionalProperties": {"type": "string"}})
class TranslatedField(serializers.Field):
    """A translated field in every language: ``{"en": "...", "bg": "...", ...}``."""

    def __init__(self, field, **kwargs):
        self.translated = field
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return in_every_language(obj, self.translated)


@extend_schema_field(serializers.ListField(child=serializers.CharField()))
class AreaCodes(serializers.Field):
    """The codes of an authority's or a register's legislative areas."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, areas):
        return [area.code for area in areas.all()]


class LegislativeAreaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField(help_text="In the caller's language (Accept-Language).")
    names = TranslatedField("name")


class AnswerOptionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    texts = TranslatedField("text")


class QuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    text = serializers.CharField()
    texts = TranslatedField("text")
    options = AnswerOptionSerializer(many=True, source="options.all")


class QuestionSetSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    legislative_area = serializers.CharField(source="legislative_area.code")
    name = serializers.CharField()
    names = TranslatedField("name")
    questions = QuestionSerializer(many=True, source="questions.all")


class AuthoritySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    official_name = serializers.CharField()
    display_name = serializers.CharField(source="name")
    acronym = serializers.CharField()
    country = serializers.CharField(source="country.code")
    city = serializers.CharField()
    email = serializers.EmailField()
    phone = serializers.CharField()
    website = serializers.CharField()
    legislative_areas = AreaCodes()


class RoleSerializer(serializers.Serializer):
    legislative_area = serializers.CharField(source="legislative_area.code")
    kind = serializers.CharField()


class UserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    is_lda = serializers.BooleanField()
    is_system = serializers.BooleanField()
    is_active = serializers.BooleanField()
    roles = RoleSerializer(many=True, source="roles.all")


class MyAuthoritySerializer(AuthoritySerializer):
    status = serializers.CharField()
    users = UserSerializer(many=True, source="users.all")


class MeSerializer(serializers.Serializer):
    account = serializers.CharField(source="account.name")
    user_id = serializers.IntegerField(source="account.user_id")
    authority = AuthoritySerializer(source="account.authority")
    token = serializers.CharField(source="name")
    scope = serializers.CharField()
    expires_at = serializers.DateTimeField()


class RegisterSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    names = TranslatedField("name")
    url = serializers.CharField()
    country = serializers.CharField(source="country.code")
    authority = serializers.IntegerField(source="authority_id")
    legislative_areas = AreaCodes()
    is_retired = serializers.BooleanField()


class RequestSummarySerializer(serializers.Serializer):
    """A request as the list shows it: no personal data."""

    id = serializers.IntegerField()
    reference = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    legislative_area = serializers.CharField(source="legislative_area.code")
    requesting_authority = serializers.IntegerField(source="requesting_authority_id")
    responding_authority = serializers.IntegerField(source="responding_authority_id", allow_null=True)
    summary = serializers.CharField()
    summary_language = serializers.CharField()
    proposed_deadline = serializers.DateField(allow_null=True)
    agreed_deadline = serializers.DateField(allow_null=True)
    is_overdue = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    sent_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()


class AnswerSerializer(serializers.Serializer):
    """The answer to one question, or null where the caller may not read the personal data."""

    yes_no = serializers.BooleanField(allow_null=True)
    option = serializers.IntegerField(allow_null=True)
    date = serializers.DateField(allow_null=True)
    text = serializers.CharField(allow_blank=True)
    text_language = serializers.CharField(allow_blank=True)
    file = serializers.IntegerField(allow_null=True, help_text="The id of an attachment.")
    answered_at = serializers.DateTimeField(allow_null=True)


class RequestQuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The question of this request: the key of its answer.")
    question = serializers.IntegerField(source="question_id", help_text="The question of the question set.")
    kind = serializers.CharField(source="question.kind")
    text = serializers.CharField(source="question.text", help_text="In the caller's language.")
    answer = AnswerSerializer(allow_null=True)


class SubjectSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True)
    identifier = serializers.CharField(allow_blank=True)
    date_of_birth = serializers.DateField(allow_null=True)
    address = serializers.CharField(allow_blank=True)


class RequestDetailSerializer(RequestSummarySerializer):
    subject = SubjectSerializer(allow_null=True, help_text="Personal data: null where the caller may not see them.")
    deadline_reason = serializers.CharField(allow_null=True)
    rating_timeliness = serializers.CharField(allow_blank=True)
    rating_effort = serializers.CharField(allow_blank=True)
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    side = serializers.CharField(allow_null=True, help_text="requester, responder or null (a coordinator).")
    personal_data_visible = serializers.BooleanField()
    actions = serializers.ListField(child=serializers.ChoiceField(choices=Action.choices))
    questions = RequestQuestionSerializer(many=True)
    etag = serializers.CharField(help_text="Send it back in If-Match to change the request.")


class MessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = serializers.CharField(source="author.full_name")
    authority = serializers.IntegerField(source="authority_id")
    body = serializers.CharField()
    language = serializers.CharField()
    created_at = serializers.DateTimeField()


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="original_name")
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    authority = serializers.IntegerField(source="authority_id")
    created_at = serializers.DateTimeField()


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    action = serializers.ChoiceField(choices=Action.choices)
    from_status = serializers.CharField(allow_blank=True)
    to_status = serializers.CharField()
    actor = serializers.CharField(source="actor.full_name", allow_null=True, default=None)
    authority = serializers.IntegerField(source="authority_id", allow_null=True)
    note = serializers.CharField(allow_null=True, help_text="Personal data: null where the caller may not see them.")
    note_language = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("personal_data"):
            data["note"] = None
        return data


# What the API takes: for the OpenAPI document only; the portal's forms validate.


class NewRequestInput(serializers.Serializer):
    legislative_area = serializers.IntegerField(help_text="The id of an area you handle.")
    summary = serializers.CharField(max_length=200, help_text="What the request is about, without personal data.")


class DraftInput(serializers.Serializer):
    responding_authority = serializers.IntegerField(required=False)
    questions = serializers.ListField(child=serializers.IntegerField(), required=False, min_length=1)
    summary = serializers.CharField(max_length=200, required=False)
    subject_name = serializers.CharField(max_length=200, required=False)
    subject_identifier = serializers.CharField(max_length=100, required=False, allow_blank=True)
    subject_date_of_birth = serializers.DateField(required=False, allow_null=True)
    subject_address = serializers.CharField(required=False, allow_blank=True)
    proposed_deadline = serializers.DateField(required=False)


class ActionInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    days = serializers.IntegerField(required=False, help_text="accept: the days needed.")
    authority = serializers.IntegerField(required=False, help_text="forward, allocate, split: the authority.")
    handler = serializers.IntegerField(required=False, help_text="assign: the handler.")
    questions = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text="split: the questions (of the request) to move."
    )
    deadline = serializers.DateField(required=False, help_text="change_deadline: the new deadline.")
    rating_timeliness = serializers.CharField(required=False, allow_blank=True)
    rating_effort = serializers.CharField(required=False, allow_blank=True)


class AnswersInput(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        help_text="By the id of the request's question: true/false, an option id, an ISO date or a text. "
        "A file answers a question of kind file: send multipart/form-data, the file in a part named by the "
        "question's id, and the other answers (if any) as JSON in a part named answers.",
    )


class MessageInput(serializers.Serializer):
    body = serializers.CharField(max_length=5000)


class AttachmentInput(serializers.Serializer):
    file = serializers.FileField()


class ProblemSerializer(serializers.Serializer):
    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField(required=False)
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)
