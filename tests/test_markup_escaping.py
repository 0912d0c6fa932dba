"""What users type or upload is shown as text, never as markup.

A file name went into a form field's help text, which the form template
rendered with ``|safe``: a file named with an ``<a>`` turned the answers page
into a link to another site (the Content Security Policy stops scripts, not
links). Help texts are now escaped like everything else; a help text that needs
markup must be built with ``format_html``.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from requests_app import services
from requests_app.models import Attachment, Question, Status
from tests.request_states import request_in

ROOT = Path(__file__).resolve().parent.parent
PDF = b"%PDF-1.4\n% a test document\n"
CRAFTED = [
    'x<a href="https://evil.example">y</a>.pdf',
    "x<a href=https:&#x2F;&#x2F;evil.example>y.pdf",  # no slash: survives the upload's folder stripping
    "x<img src=x onerror=alert(1)>.pdf",
]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


@pytest.fixture
def questions_with_a_file(questions):
    certificate = Question.objects.create(
        question_set=questions[0].question_set,
        order=len(questions),
        kind=Question.Kind.FILE,
        text_en="Please attach the certificate of good standing.",
        text_bg="Моля, приложете удостоверението.",
    )
    return [*questions, certificate]


def elements(page):
    parser = Links()
    parser.feed(page)
    return parser.elements


@pytest.mark.parametrize("name", CRAFTED)
def test_a_crafted_file_name_shows_as_text_on_the_answers_page(client, world, questions_with_a_file, name):
    info_request = request_in(world, questions_with_a_file, Status.OPEN)
    item = info_request.questions.get(question__kind=Question.Kind.FILE)
    upload = SimpleUploadedFile("certificate.pdf", PDF, "application/pdf")
    services.answers_save(info_request=info_request, user=world.pt_handler, answers={item.pk: upload})
    Attachment.objects.filter(request=info_request).update(original_name=name)
    client.force_login(world.pt_handler)
    page = client.get(reverse("requests:answers", args=[info_request.pk])).content.decode()
    assert not [attrs for tag, attrs in elements(page) if "evil.example" in attrs.get("href", "")]
    assert not [attrs for tag, attrs in elements(page) if tag == "img" and "onerror" in attrs]
    assert "Already attached: x&lt;" in page


def test_no_template_or_code_marks_text_safe():
    """Auto-escaping is the rule: ``|safe`` and ``mark_safe`` would make any value reaching them markup."""
    found = []
    for path in (ROOT / "templates").rglob("*.html"):
        if re.search(r"\|\s*safe\b|{%\s*autoescape\s+off", path.read_text(encoding="utf-8")):
            found.append(str(path.relative_to(ROOT)))
    for folder in ("imi", "authorities", "registers", "requests_app"):
        for path in (ROOT / folder).rglob("*.py"):
            if re.search(r"\bmark_safe\b|\bSafeString\(|format_html\(\s*f[\"']", path.read_text(encoding="utf-8")):
                found.append(str(path.relative_to(ROOT)))
    assert found == []
