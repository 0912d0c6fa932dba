from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from authorities.models import Authority, Country, LegislativeArea, Role
from core.forms import DateInput
from requests_app.models import Action, InformationRequest, Question, Rating, Status
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
        self.fields["legislative_area"].queryset = LegislativeArea.objects.filter(
            roles__user=user, roles__kind=Role.Kind.HANDLER
        ).distinct()


class AuthoritySearchForm(forms.Form):
    """Find the responding authority: the same search as the directory, narrowed to the request's area."""

    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all(), required=False)
    q = forms.CharField(label=_("Name or keyword"), required=False, max_length=100)


class ResponderForm(forms.Form):
    authority = forms.ModelChoiceField(
        label=_("Responding authority"), queryset=Authority.objects.none(), widget=forms.RadioSelect
    )

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities
        self.fields["authority"].label_from_instance = lambda a: f"{a.name} ({a.country.name}, {a.city})"


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


class ActionForm(forms.Form):
    """The fields one workflow action needs, beside its reason."""

    def __init__(self, *args, action, request, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        if action == Action.ACCEPT:
            proposed = request.proposed_deadline
            days = max((proposed - timezone.localdate()).days, 1) if proposed else 14
            self.fields["days"] = forms.IntegerField(
                label=_("Days needed to answer"),
                min_value=1,
                max_value=365,
                initial=days,
                help_text=_("The agreed deadline is this many calendar days from today."),
            )
        if action in (Action.FORWARD, Action.ALLOCATE, Action.SPLIT):
            self.fields["authority"] = forms.ModelChoiceField(
                label=_("Authority"), queryset=targets_for(action, request)
            )
            self.fields["authority"].label_from_instance = lambda a: f"{a.name} ({a.country.name}, {a.city})"
        if action == Action.SPLIT:
            self.fields["questions"] = forms.ModelMultipleChoiceField(
                label=_("Questions to move to the other authority"),
                queryset=request.questions.select_related("question"),
                widget=forms.CheckboxSelectMultiple,
            )
        if action == Action.CHANGE_DEADLINE:
            self.fields["deadline"] = forms.DateField(label=_("New deadline"), widget=DateInput())
        if action == Action.CLOSE:
            for name, label in (("rating_timeliness", _("Timeliness")), ("rating_effort", _("Effort"))):
                self.fields[name] = forms.ChoiceField(
                    label=label,
                    choices=[("", pgettext_lazy("rating", "No rating")), *Rating.choices],
                    widget=forms.RadioSelect,
                    required=False,
                )
        required = TRANSITIONS[action].note_required
        self.fields["note"] = forms.CharField(
            label=_("Question for the responding authority")
            if action == Action.REQUEST_CLARIFICATION
            else (_("Reason") if required or action == Action.ACCEPT else _("Note")),
            widget=forms.Textarea(attrs={"rows": 3}),
            required=required,
            help_text=_("Needed if the deadline is later than the proposed one.") if action == Action.ACCEPT else "",
        )

    def params(self):
        data = self.cleaned_data
        params = {}
        if self.action == Action.ACCEPT:
            params["days"] = data["days"]
        if self.action in (Action.FORWARD, Action.ALLOCATE, Action.SPLIT):
            params["authority"] = data["authority"]
        if self.action == Action.SPLIT:
            params["question_ids"] = [question.pk for question in data["questions"]]
        if self.action == Action.CHANGE_DEADLINE:
            params["deadline"] = data["deadline"]
        if self.action == Action.CLOSE:
            params["rating_timeliness"] = data["rating_timeliness"]
            params["rating_effort"] = data["rating_effort"]
        return params


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
