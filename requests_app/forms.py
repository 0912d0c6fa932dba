from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from authorities.forms import CountryChoiceField
from authorities.models import Authority, LegislativeArea, User
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
from requests_app.selectors import task_names
from requests_app.workflow import TRANSITIONS, days_until, deadline_in, handlers_for, targets_for


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

    country = CountryChoiceField(label=_("Country"), required=False)
    q = forms.CharField(label=_("Name or keyword"), required=False, max_length=100)


class AuthorityChoiceField(forms.ModelChoiceField):
    """An authority by the name the reader knows, then its official name (in its own language) if it differs."""

    def label_from_instance(self, obj):
        if obj.name == obj.official_name:
            return f"{obj.name} ({obj.country.name}, {obj.city})"
        if not isinstance(self.widget, forms.RadioSelect):  # a drop-down option holds text only
            return f"{obj.name} – {obj.official_name} ({obj.country.name}, {obj.city})"
        lang = obj.languages[0] if obj.languages else ""
        return format_html(
            '{} – <span lang="{}">{}</span> ({}, {})', obj.name, lang, obj.official_name, obj.country.name, obj.city
        )


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
        self.fields["questions"].queryset = questions.select_related("question_set").order_by(
            "question_set__code", "order", "pk"
        )

    def question_sets(self):
        """The questions' checkboxes by question set: [(question set, [checkbox, ...]), ...]."""
        groups = {}
        for checkbox in self["questions"]:
            question = checkbox.data["value"].instance
            groups.setdefault(question.question_set, []).append(checkbox)
        return list(groups.items())


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

    MAX_DAYS = 365

    days = forms.IntegerField(
        label=_("Days needed to answer"),
        min_value=1,
        max_value=MAX_DAYS,
        # The page's script (static/js/deadline.js) shows the date as the number changes.
        widget=forms.NumberInput(attrs={"data-deadline-days": ""}),
    )

    def __init__(self, *args, info_request, **kwargs):
        super().__init__(*args, info_request=info_request, **kwargs)
        proposed = info_request.proposed_deadline
        self.fields["days"].initial = max((proposed - timezone.localdate()).days, 1) if proposed else 14
        days = self._days_given()
        self.fields["days"].help_text = format_html(
            '{} <span data-deadline-result aria-live="polite">{}: <strong>{}</strong></span>',
            _("The agreed deadline is this many calendar days from today."),
            _("Agreed deadline"),
            date_format(deadline_in(days), "DATE_FORMAT") if days else "—",
        )

    def _days_given(self):
        """The number of days filled in (or proposed), if it is one the form accepts."""
        value = self.data.get(self.add_prefix("days")) if self.is_bound else self.fields["days"].initial
        try:
            days = int(value)
        except (TypeError, ValueError):
            return None
        return days if 1 <= days <= self.MAX_DAYS else None

    def deadline_dates(self):
        """Every date the form accepts, by number of days, in the reader's language: what the script shows."""
        today = timezone.localdate()
        return {str(days): date_format(deadline_in(days, today), "DATE_FORMAT") for days in range(1, self.MAX_DAYS + 1)}

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


class HandlerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.is_absent:
            return _("%(name)s (absent until %(date)s)") % {
                "name": obj.full_name,
                "date": date_format(obj.absent_until, "DATE_FORMAT"),
            }
        return obj.full_name


class AssignForm(ActionForm):
    """Assign the request to a handler of the own authority, one of ``workflow.handlers_for``."""

    action = Action.ASSIGN

    handler = HandlerChoiceField(label=_("Handler"), queryset=User.objects.none(), widget=forms.RadioSelect)

    def __init__(self, *args, info_request, **kwargs):
        super().__init__(*args, info_request=info_request, **kwargs)
        self.fields["handler"].queryset = handlers_for(info_request)
        self.fields["handler"].initial = info_request.responder_handler_id

    def params(self):
        return {"handler": self.cleaned_data["handler"]}


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

    # The page's script (static/js/deadline.js) counts the days to the date as it is typed, from the
    # server's today (data-deadline-today), not the browser's.
    deadline = forms.DateField(label=_("New deadline"), widget=DateInput(attrs={"data-deadline-date": ""}))

    def __init__(self, *args, info_request, **kwargs):
        super().__init__(*args, info_request=info_request, **kwargs)
        today = timezone.localdate()
        field = self.fields["deadline"]
        field.initial = info_request.agreed_deadline
        field.widget.attrs["data-deadline-today"] = today.isoformat()
        days = self._days_given(today)
        count_hidden = "" if days and days > 0 else " hidden"
        field.help_text = format_html(
            '<span data-deadline-days-result aria-live="polite">'
            "<span data-deadline-count{}>{}: <strong>{}</strong></span>"
            "<span data-deadline-too-early{}>{}</span></span>",
            count_hidden,
            _("Calendar days from today"),
            days if days and days > 0 else "",
            "" if count_hidden else " hidden",
            _("A date after today."),
        )

    def _days_given(self, today):
        """Calendar days from today to the date filled in (or the agreed one), if it is a date."""
        field = self.fields["deadline"]
        value = self.data.get(self.add_prefix("deadline")) if self.is_bound else field.initial
        try:
            deadline = field.to_python(value)
        except forms.ValidationError:
            return None
        return days_until(deadline, today) if deadline else None

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
        AssignForm,
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
    """One field per question, of the question's kind, in the reader's language.

    Answers can be saved a few at a time, so no field is required here; yet every question needs an
    answer before the reply is sent (``workflow``), so none is marked "(optional)".
    """

    hides_optional_mark = True

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
    country = CountryChoiceField(label=_("Country"), required=False, empty_label=_("Any country"))
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    task = forms.ChoiceField(label=_("Task"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        names = task_names(user) if user is not None else []
        self.fields["task"].choices = [("", _("Any task")), *((name, TASK_LABELS[name]) for name in names)]


# The groups of "My tasks" and of the coordination page (selectors.task_groups), as the list's filter names them.
TASK_LABELS = {
    "to_accept": _("To accept: check the proposed deadline"),
    "to_allocate": _("To allocate to a competent authority"),
    "to_answer": _("To answer by the deadline"),
    "clarifications": _("Clarifications asked of you"),
    "replies": _("Replies to review"),
    "drafts": _("Your drafts"),
    "referred": _("Referred to you as coordinator"),
    "coordination_to_allocate": format_lazy(
        "{} ({})", _("To allocate to a competent authority"), _("Requests to coordinate")
    ),
    "coordination_referred": format_lazy("{} ({})", _("Referred to you"), _("Requests to coordinate")),
    "overdue": format_lazy("{} ({})", _("Overdue requests"), _("Requests to coordinate")),
}


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
