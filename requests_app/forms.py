from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from authorities.models import Authority, Country, LegislativeArea
from core.forms import DateInput
from requests_app import auth
from requests_app.models import (
    Action,
    DataSubjectRequest,
    InformationRequest,
    Question,
    Rating,
    RequestQuestion,
    Status,
)
from requests_app.workflow import TRANSITIONS, targets_for


class NewRequestForm(forms.Form):
    legislative_area = forms.ModelChoiceField(label=_("Legislative area"), queryset=LegislativeArea.objects.none())
    summary = forms.CharField(
        label=_("Summary"),
        max_length=200,
        help_text=_("What the request is about, without personal data, e.g. “Qualification of a tourist guide”."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legislative_area"].queryset = auth.areas_to_request_in(user)


class AuthoritySearchForm(forms.Form):
    """Find the responding authority: the same search as the directory, narrowed to the request's area."""

    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all(), required=False)
    q = forms.CharField(label=_("Name or keyword"), required=False, max_length=100)


class AuthorityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.country.name}, {obj.city})"


class ResponderForm(forms.Form):
    authority = AuthorityChoiceField(
        label=_("Responding authority"), queryset=Authority.objects.none(), widget=forms.RadioSelect
    )

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities


class QuestionsForm(forms.Form):
    questions = forms.ModelMultipleChoiceField(
        label=_("Questions"), queryset=Question.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].queryset = questions


class SubjectForm(forms.ModelForm):
    class Meta:
        model = InformationRequest
        fields = [
            "summary",
            "subject_name",
            "subject_identifier",
            "subject_date_of_birth",
            "subject_address",
            "proposed_deadline",
        ]
        widgets = {
            "subject_date_of_birth": DateInput(),
            "proposed_deadline": DateInput(),
            "subject_address": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"proposed_deadline": _("The date by which you need the answer.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject_name"].required = True
        self.fields["proposed_deadline"].required = True


YES_NO = [("yes", _("Yes")), ("no", _("No"))]
STATISTICS_PERIODS = [3, 6, 12, 24]  # months


class ActionForm(forms.Form):
    """What every workflow action asks: a note, labelled and required as the action needs it.

    One subclass per action adds the action's own fields and turns them into ``params()``,
    the keyword arguments ``workflow.apply`` passes to the action's effect.
    """

    action = None
    note_label = None  # by default "Reason" where the workflow requires a note, "Note" where it is optional
    note_help_text = ""

    def __init__(self, *args, info_request, user, **kwargs):
        super().__init__(*args, **kwargs)
        required = TRANSITIONS[self.action].note_required
        self.fields["note"] = forms.CharField(
            label=self.note_label or (_("Reason") if required else _("Note")),
            widget=forms.Textarea(attrs={"rows": 3}),
            required=required,
            help_text=self.note_help_text,
        )

    def params(self):
        return {}


class AcceptForm(ActionForm):
    action = Action.ACCEPT
    note_label = _("Reason")
    note_help_text = _("Needed if the deadline is later than the proposed one.")

    days = forms.IntegerField(
        label=_("Days needed to answer"),
        min_value=1,
        max_value=365,
        help_text=_("The agreed deadline is this many calendar days from today."),
    )

    def __init__(self, *args, info_request, **kwargs):
        super().__init__(*args, info_request=info_request, **kwargs)
        proposed = info_request.proposed_deadline
        self.fields["days"].initial = max((proposed - timezone.localdate()).days, 1) if proposed else 14

    def params(self):
        return {"days": self.cleaned_data["days"]}


class TargetForm(ActionForm):
    """An action that sends the request to another authority, one of ``workflow.targets_for``."""

    authority = AuthorityChoiceField(label=_("Authority"), queryset=Authority.objects.none())

    def __init__(self, *args, info_request, **kwargs):
        super().__init__(*args, info_request=info_request, **kwargs)
        self.fields["authority"].queryset = targets_for(self.action, info_request)

    def params(self):
        return {"authority": self.cleaned_data["authority"]}


class ForwardForm(TargetForm):
    action = Action.FORWARD


class AllocateForm(TargetForm):
    action = Action.ALLOCATE


class SplitForm(TargetForm):
    action = Action.SPLIT

    questions = forms.ModelMultipleChoiceField(
        label=_("Questions to move to the other authority"),
        queryset=RequestQuestion.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, info_request, **kwargs):
        super().__init__(*args, info_request=info_request, **kwargs)
        self.fields["questions"].queryset = info_request.questions.select_related("question")

    def params(self):
        return {**super().params(), "question_ids": [question.pk for question in self.cleaned_data["questions"]]}


class ChangeDeadlineForm(ActionForm):
    action = Action.CHANGE_DEADLINE

    deadline = forms.DateField(label=_("New deadline"), widget=DateInput())

    def params(self):
        return {"deadline": self.cleaned_data["deadline"]}


class ReplyForm(ActionForm):
    action = Action.REPLY


class RequestClarificationForm(ActionForm):
    action = Action.REQUEST_CLARIFICATION
    note_label = _("Question for the responding authority")


RATING_CHOICES = [("", pgettext_lazy("rating", "No rating")), *Rating.choices]


class CloseForm(ActionForm):
    action = Action.CLOSE

    rating_timeliness = forms.ChoiceField(
        label=_("Timeliness"), choices=RATING_CHOICES, widget=forms.RadioSelect, required=False
    )
    rating_effort = forms.ChoiceField(
        label=_("Effort"), choices=RATING_CHOICES, widget=forms.RadioSelect, required=False
    )

    def params(self):
        return {
            "rating_timeliness": self.cleaned_data["rating_timeliness"],
            "rating_effort": self.cleaned_data["rating_effort"],
        }


class ReferForm(ActionForm):
    action = Action.REFER


class ReturnFromReferralForm(ActionForm):
    action = Action.RETURN_FROM_REFERRAL


class CloseReferralForm(ActionForm):
    action = Action.CLOSE_REFERRAL


class WithdrawForm(ActionForm):
    action = Action.WITHDRAW


# The actions taken on a page of their own (sending a draft is the wizard's last step), each with its form.
ACTION_FORMS = {
    form.action: form
    for form in [
        AcceptForm,
        ForwardForm,
        AllocateForm,
        SplitForm,
        ChangeDeadlineForm,
        ReplyForm,
        RequestClarificationForm,
        CloseForm,
        ReferForm,
        ReturnFromReferralForm,
        CloseReferralForm,
        WithdrawForm,
    ]
}


def action_form(action, *args, **kwargs):
    """The form of one workflow action, bound or not, as ``ActionForm`` takes it."""
    return ACTION_FORMS[action](*args, **kwargs)


class AnswersForm(forms.Form):
    """One field per question, of the question's kind, in the reader's language."""

    def __init__(self, *args, request_questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(request_questions)
        for item in self.items:
            name = f"q{item.pk}"
            question = item.question
            label = question.text
            if question.kind == Question.Kind.YES_NO:
                initial = None if item.answer_yes_no is None else ("yes" if item.answer_yes_no else "no")
                field = forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, initial=initial)
            elif question.kind == Question.Kind.CHOICE:
                field = forms.ModelChoiceField(
                    queryset=question.options.all(), widget=forms.RadioSelect, initial=item.answer_option_id
                )
            elif question.kind == Question.Kind.DATE:
                field = forms.DateField(widget=DateInput(), initial=item.answer_date)
            elif question.kind == Question.Kind.TEXT:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), initial=item.answer_text)
            else:
                field = forms.FileField(
                    help_text=_("Already attached: %(name)s") % {"name": item.answer_file}
                    if item.answer_file_id
                    else ""
                )
            field.label = label
            field.required = False
            self.fields[name] = field

    def answers(self):
        """Map each question of the request to its value, leaving out files not uploaded again."""
        answers = {}
        for item in self.items:
            value = self.cleaned_data.get(f"q{item.pk}")
            if item.question.kind == Question.Kind.YES_NO:
                value = {"yes": True, "no": False}.get(value)
            if item.question.kind == Question.Kind.FILE and not value:
                continue
            answers[item.pk] = value
        return answers


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("PDF, image or document, at most 10 MB."))


class RequestFilterForm(forms.Form):
    q = forms.CharField(label=_("Reference or subject"), required=False, max_length=100)
    direction = forms.ChoiceField(
        label=_("Direction"),
        required=False,
        choices=[("", _("Incoming and outgoing")), ("incoming", _("Incoming")), ("outgoing", _("Outgoing"))],
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any status")), *Status.choices])
    area = forms.ModelChoiceField(
        label=_("Legislative area"), required=False, queryset=LegislativeArea.objects.all(), empty_label=_("Any area")
    )
    country = forms.ModelChoiceField(
        label=_("Country"), required=False, queryset=Country.objects.all(), empty_label=_("Any country")
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)


class JustificationForm(forms.Form):
    justification = forms.CharField(
        label=_("Why do you need to see the blocked personal data?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Your justification and every reading are recorded."),
    )


class FindForm(forms.Form):
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    identifier = forms.CharField(label=_("Identification number"), required=False, max_length=100)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DateInput())
    justification = forms.CharField(
        label=_("Justification for searching blocked personal data too"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Blocked personal data are searched only with a justification. It is recorded for every "
            "blocked request found, and opens them to you for a while."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(field) for field in ("name", "identifier", "date_of_birth")):
            raise forms.ValidationError(_("Give a name, an identification number or a date of birth."))
        return cleaned


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = InformationRequest
        fields = list(InformationRequest.PERSONAL_DATA_FIELDS)
        widgets = {"subject_date_of_birth": DateInput()}


class SubjectRequestForm(forms.ModelForm):
    class Meta:
        model = DataSubjectRequest
        fields = ["kind", "person", "received_on"]
        widgets = {"received_on": DateInput()}


def statistics_periods():
    return [
        (months, ngettext("Last %(months)d month", "Last %(months)d months", months) % {"months": months})
        for months in STATISTICS_PERIODS
    ]


class StatisticsForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Whose activity"),
        required=False,
        choices=[
            ("authority", _("My authority")),
            ("coordination", _("My coordination scope")),
            ("eu", _("The whole portal")),
        ],
    )
    months = forms.TypedChoiceField(
        label=_("Period"),
        coerce=int,
        required=False,
        # A callable: the labels are made when the page is shown, in the reader's language.
        choices=statistics_periods,
        initial=12,
    )
    area = forms.ModelChoiceField(
        label=_("Legislative area"),
        queryset=LegislativeArea.objects.all(),
        required=False,
        empty_label=_("Any area"),
    )

    def __init__(self, *args, scopes, **kwargs):
        """``scopes``: the ones the user may see (``statistics_views.scopes_of``)."""
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = [choice for choice in self.fields["scope"].choices if choice[0] in scopes]
