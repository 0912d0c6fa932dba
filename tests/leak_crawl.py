"""The machinery of the leak crawl (tests/test_leak_crawl.py): a world of requests full of markers, and a crawler.

``plant_world`` builds one request in every state through the real services and workflow and
writes a unique marker into every place that holds personal data: the subject's name,
identifier and address, messages of both sides, answers (text and file), the notes of the
timeline and the reason for the deadline, file names and file contents.

``plant_translations`` gives every free text a machine translation into every language the
personas read, carrying markers of its own in the original's group: a translation of personal
data may reach exactly those who read the original.

``Crawler`` visits, as one persona, every address the URLconf (the admin's included) can
form from the objects of the world, then every same-site link it finds, and submits every
search form with the markers as queries. ``judge`` is given each response; what the test
allows or forbids lives in the test, not here.
"""

import datetime
import hashlib
import itertools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.conf import settings
from django.contrib.admin.sites import site as admin_site
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import got_request_exception
from django.db import connection
from django.db.models import Max
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern
from django.utils import timezone

from authorities.models import Authority, User
from requests_app import machine_translations, retention, services
from requests_app.models import (
    Action,
    Attachment,
    Event,
    InformationRequest,
    Message,
    PersonalDataRead,
    Question,
    RequestQuestion,
    TextTranslation,
)
from tests.factories import area
from tests.request_states import step

PREFIX = "LEAKMARK"
MARKER_RE = re.compile(r"LEAKMARK-R\d+c?-[A-Z]+-[0-9a-f]{4}")
REFERENCE_RE = re.compile(r"IMI-\d{4}-\d{6}")
NONSENSE = "qzxjvnomatchqzxjv"
NO_DATE = "1900-01-01"

IDENTITY, FREE_TEXT, FILES, ANSWERS, NOTES = "identity", "free_text", "files", "answers", "notes"


@dataclass
class Marker:
    text: str
    owners: frozenset  # keys of the requests that hold it ("R1" ... "R12", "R12c")
    group: str
    label: str


@dataclass
class PlantedWorld:
    requests: dict = field(default_factory=dict)  # key -> InformationRequest
    markers: dict = field(default_factory=dict)  # text -> Marker
    dates_of_birth: dict = field(default_factory=dict)  # iso date -> owners

    @property
    def by_pk(self):
        return {info_request.pk: info_request for info_request in self.requests.values()}

    def key_of(self, request_pk):
        for key, info_request in self.requests.items():
            if info_request.pk == request_pk:
                return key
        return None

    @property
    def references(self):
        return {info_request.reference: key for key, info_request in self.requests.items()}


class Planter:
    """Builds requests from the Bulgarian handler to the Portuguese tourism authority, markers in every field."""

    def __init__(self, world, questions):
        self.world = world
        self.planted = PlantedWorld()
        question_set = questions[0].question_set
        file_question = Question.objects.create(
            question_set=question_set, order=len(questions), kind=Question.Kind.FILE, text_en="Attach the diploma."
        )
        self.questions = [*questions, file_question]
        self.day = 0

    def marker(self, key, tag, group, owners=None):
        digest = hashlib.sha256(f"{key}-{tag}".encode()).hexdigest()[:4]
        text = f"{PREFIX}-{key}-{tag}-{digest}"
        self.planted.markers[text] = Marker(text, frozenset(owners or {key}), group, f"{key} {tag}")
        return text

    def draft(self, key):
        world = self.world
        info_request = services.request_create(
            user=world.bg_handler,
            legislative_area=area("professional-qualifications"),
            summary="Qualification of a tourist guide",
        )
        services.request_set_responder(info_request=info_request, user=world.bg_handler, authority=world.pt_authority)
        services.request_set_questions(info_request=info_request, user=world.bg_handler, questions=self.questions)
        self.day += 1
        born = datetime.date(1970, 1, 1) + datetime.timedelta(days=37 * self.day)
        services.request_set_subject(
            info_request=info_request,
            user=world.bg_handler,
            summary="Qualification of a tourist guide",
            subject_name=self.marker(key, "NAME", IDENTITY),
            subject_identifier=self.marker(key, "IDNO", IDENTITY),
            subject_date_of_birth=born,
            subject_address=f"Rua {self.marker(key, 'ADDR', IDENTITY)} 1\nLisboa",
            proposed_deadline=timezone.localdate() + datetime.timedelta(days=20),
        )
        self.planted.dates_of_birth[born.isoformat()] = frozenset({key})
        self.planted.requests[key] = info_request
        self.message(key, info_request, self.world.bg_handler, "MSGBG")
        self.upload(key, info_request, self.world.bg_handler, "BG")
        return info_request

    def message(self, key, info_request, user, tag):
        services.message_add(info_request=info_request, user=user, body=f"Message {self.marker(key, tag, FREE_TEXT)}.")

    def upload(self, key, info_request, user, side):
        name = self.marker(key, f"FILENAME{side}", FILES)
        content = self.marker(key, f"FILEBYTES{side}", FILES)
        services.attachment_add(
            info_request=info_request,
            user=user,
            upload=SimpleUploadedFile(f"{name}.txt", f"Scanned certificate {content}\n".encode(), "text/plain"),
        )

    def send(self, info_request):
        return step(info_request, Action.SEND, self.world.bg_handler)

    def accept(self, key, info_request):
        # Longer than the proposed 20 days: the reason becomes the request's deadline_reason.
        note = f"Reason {self.marker(key, 'ACCEPTNOTE', NOTES)}"
        return step(info_request, Action.ACCEPT, self.world.pt_handler, days=30, note=note)

    def item(self, info_request, kind):
        return info_request.questions.get(question__kind=kind)

    def answer_text(self, key, info_request):
        item = self.item(info_request, Question.Kind.TEXT)
        answer = f"Answer {self.marker(key, 'ANSWER', ANSWERS)}"
        services.answers_save(info_request=info_request, user=self.world.pt_handler, answers={item.pk: answer})
        return item

    def answer_the_rest(self, key, info_request):
        choice = self.item(info_request, Question.Kind.CHOICE)
        name = self.marker(key, "ANSWERFILENAME", FILES)
        content = self.marker(key, "ANSWERFILEBYTES", FILES)
        answers = {
            self.item(info_request, Question.Kind.YES_NO).pk: True,
            choice.pk: choice.question.options.first(),
            self.item(info_request, Question.Kind.DATE).pk: datetime.date(2015, 6, 1),
            self.item(info_request, Question.Kind.FILE).pk: SimpleUploadedFile(
                f"{name}.txt", f"Diploma {content}\n".encode(), "text/plain"
            ),
        }
        services.answers_save(info_request=info_request, user=self.world.pt_handler, answers=answers)

    def open(self, key):
        info_request = self.accept(key, self.send(self.draft(key)))
        self.answer_text(key, info_request)
        self.message(key, info_request, self.world.pt_handler, "MSGPT")
        self.upload(key, info_request, self.world.pt_handler, "PT")
        return info_request

    def replied(self, key):
        info_request = self.open(key)
        self.answer_the_rest(key, info_request)
        return step(info_request, Action.REPLY, self.world.pt_handler)

    def closed(self, key):
        info_request = self.replied(key)
        note = f"Thanks {self.marker(key, 'CLOSENOTE', NOTES)}"
        return step(info_request, Action.CLOSE, self.world.bg_handler, note=note, rating_timeliness="positive")


def plant_world(world, questions):
    """R1 ... R12 (and R12c, split from R12), each in its state, with a marker in every personal-data field."""
    planter = Planter(world, questions)
    bg, pt = world.bg_handler, world.pt_handler

    planter.draft("R1")
    planter.send(planter.draft("R2"))

    info_request = planter.open("R3")
    deadline = timezone.localdate() + datetime.timedelta(days=40)
    note = f"Later {planter.marker('R3', 'DEADLINENOTE', NOTES)}"
    step(info_request, Action.CHANGE_DEADLINE, pt, note=note, deadline=deadline)

    planter.replied("R4")

    info_request = planter.replied("R5")
    step(info_request, Action.REQUEST_CLARIFICATION, bg, note=f"Which {planter.marker('R5', 'CLARIFYNOTE', NOTES)}?")

    info_request = planter.replied("R6")
    step(info_request, Action.REFER, bg, note=f"Unanswered {planter.marker('R6', 'REFERNOTE', NOTES)}")

    planter.closed("R7")

    info_request = planter.send(planter.draft("R8"))
    step(info_request, Action.WITHDRAW, bg, note=f"Mistake {planter.marker('R8', 'WITHDRAWNOTE', NOTES)}")

    # Accepted, answered and discussed at the Portuguese tourism authority, then forwarded: the
    # new responder has not accepted yet.
    info_request = planter.open("R9")
    note = f"Not ours {planter.marker('R9', 'FORWARDNOTE', NOTES)}"
    step(info_request, Action.FORWARD, pt, note=note, authority=world.pt_other_authority)

    planter.closed("R10")
    info_request = planter.closed("R11")
    blocked = InformationRequest.objects.filter(pk__in=[planter.planted.requests[k].pk for k in ("R10", "R11")])
    blocked.update(personal_data_blocked_at=timezone.now())
    retention.grant_blocked_access(
        user=world.pt_coordinator, info_request=info_request, justification="A court asks for the file of the case."
    )

    # Open, one answered question split off to the other Portuguese authority, which has not accepted.
    info_request = planter.open("R12")
    moved = planter.item(info_request, Question.Kind.TEXT)
    note = f"Theirs {planter.marker('R12', 'SPLITNOTE', NOTES, owners={'R12', 'R12c'})}"
    step(info_request, Action.SPLIT, pt, note=note, authority=world.pt_other_authority, question_ids=[moved.pk])
    planted = planter.planted
    planted.requests["R12c"] = InformationRequest.objects.get(parent=info_request)
    # The child carries a copy of the subject, and the moved answer lives only in the child now.
    for marker in planted.markers.values():
        if marker.owners == {"R12"} and marker.group == IDENTITY:
            marker.owners = frozenset({"R12", "R12c"})
        if marker.label == "R12 ANSWER":
            marker.owners = frozenset({"R12c"})
    for iso, owners in list(planted.dates_of_birth.items()):
        if owners == {"R12"}:
            planted.dates_of_birth[iso] = frozenset({"R12", "R12c"})
    for key, info_request in planted.requests.items():
        planted.requests[key] = InformationRequest.objects.get(pk=info_request.pk)
    plant_translations(planter)
    return planted


# The free texts are marked as written in a language no persona reads, so each is offered to them translated.
WRITTEN_IN = "et"


def plant_translations(planter):
    """A machine translation of every free text into every other language, a marker of its own for each of
    the original's (same owners, same group). The crawl runs with a trusted translator configured."""
    planted = planter.planted
    Message.objects.update(language=WRITTEN_IN)
    RequestQuestion.objects.exclude(answer_text="").update(answer_language=WRITTEN_IN)
    Event.objects.exclude(note="").update(note_language=WRITTEN_IN)
    InformationRequest.objects.update(summary_language=WRITTEN_IN)
    languages = [code for code, _name in settings.LANGUAGES if code != WRITTEN_IN]
    rows = []
    for info_request in planted.requests.values():
        info_request.refresh_from_db()
        texts = machine_translations.texts_of(
            info_request,
            events=list(info_request.events.all()),
            messages=list(info_request.messages.all()),
            questions=list(info_request.questions.select_related("question")),
        )
        for text in texts.values():
            translated = text.text
            for found in markers_in(text.text):
                original = planted.markers[found]
                key, tag = original.label.split()
                translated = translated.replace(
                    found, planter.marker(key, f"MT{tag}", original.group, owners=original.owners)
                )
            rows += [
                TextTranslation(
                    request=info_request,
                    field=text.field,
                    object_id=text.object_id,
                    source_language=WRITTEN_IN,
                    target_language=language,
                    source_hash=machine_translations.text_hash(text.text),
                    text=f"[{language}] {translated}",
                    state=TextTranslation.State.DONE,
                )
                for language in languages
            ]
    TextTranslation.objects.bulk_create(rows)


def markers_in(text):
    return set(MARKER_RE.findall(text))


# ---------------------------------------------------------------------------------------------
# The addresses to start from: every pattern of the URLconf, filled with the world's objects.

# Addresses that end the session, change something on GET, or need a secret from a mail.
SKIP = re.compile(
    r"^/(accounts/logout/|admin/logout/|i18n/setlang/|session/ping/|accounts/confirm-email/.|"
    r"accounts/password/reset/key/|accounts/reauthenticate/code/|accounts/login/code/|static/|media/)"
)
# Requests and everything hanging on them are all tried; other objects (users, authorities, countries,
# question sets, mails...) are sampled, except the public profiles of the directory.
SAMPLE = 4
# At most this many addresses from one pattern, spread over its combinations of values.
PER_PATTERN = 250


@dataclass(frozen=True)
class Seed:
    url: str
    # A page below a request's own (requests/<pk>/...): tried on the requests whose page the persona can
    # open, and on two it cannot (a draft and a sent one). Every action is tried on one request the persona
    # can open; on the others, the actions their pages offer are followed from the links.
    request_pk: int | None = None
    per_action: bool = False
    # One object's page in the admin: tried by those the admin lets in.
    admin_object: bool = False


def _holds_requests(model):
    return model is InformationRequest or any(
        field.related_model is InformationRequest for field in model._meta.get_fields() if field.many_to_one
    )


def _pks(model, all_of_them=None):
    if all_of_them is None:
        all_of_them = _holds_requests(model)
    pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    return pks if all_of_them else pks[:SAMPLE]


def _known_pks():
    """For a parameter whose kind is not known: the ids of every request and file, and of a few other objects."""
    found = set(_pks(InformationRequest)) | set(_pks(Attachment))
    for model in (Message, Event, RequestQuestion, User, Authority):
        found.update(_pks(model, False))
    return sorted(found)


def _system_pks(route):
    """The ids of the national systems' objects a page of /authority/systems/ is about."""
    from api.models import ApiToken, SystemAccount, WebhookDelivery, WebhookEndpoint

    kind = route.removeprefix("authority/systems/").split("/", 1)[0]
    model = {
        "accounts": SystemAccount,
        "tokens": ApiToken,
        "endpoints": WebhookEndpoint,
        "deliveries": WebhookDelivery,
    }[kind]
    return _pks(model) or [1]


def _values(route, converter, name, callback):
    model_admin = getattr(callback, "model_admin", None)
    if model_admin is not None and name == "object_id":
        return _pks(model_admin.model)
    if name == "action":
        return list(Action.values)
    if converter in ("int", "path") or name == "pk" or name.endswith(("_pk", "_id")):
        if name == "attachment_pk":
            return _pks(Attachment)
        if route.startswith("requests/data-subjects/requests/"):
            from requests_app.models import DataSubjectRequest

            return _pks(DataSubjectRequest) or [1]
        if route.startswith("requests/"):
            return _pks(InformationRequest)
        if route.startswith("authority/users/"):
            return _pks(User)
        if route.startswith("authority/systems/"):
            return _system_pks(route)
        if route.startswith("directory/authorities/"):
            return _pks(Authority, True)
        if route.startswith("directory/registers/"):
            from registers.models import Register

            return _pks(Register) or [1]
        return _known_pks()
    if converter == "slug":
        from core.models import HelpPage

        return list(HelpPage.objects.values_list("slug", flat=True)[:SAMPLE]) or ["x"]
    return ["x"]


def _view_on_site(route):
    """A "view on site" redirect (a content type and an object), for every object that has a page."""
    seeds = []
    for content_type in ContentType.objects.all():
        model = content_type.model_class()
        if model is None or not hasattr(model, "get_absolute_url"):
            continue
        for pk in _pks(model):
            url = "/" + route.replace(route[route.index("<") : route.index(">") + 1], str(content_type.pk), 1)
            seeds.append(Seed(url.replace(url[url.index("<") : url.index(">") + 1], str(pk), 1), admin_object=True))
    return seeds


PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def seed_urls():
    """Every address the URLconf can form with the world's objects: one list for all personas."""
    seeds = []

    def walk(resolver, prefix):
        for pattern in resolver.url_patterns:
            parts = [*prefix, pattern.pattern]
            if isinstance(pattern, URLResolver):
                walk(pattern, parts)
                continue
            assert isinstance(pattern, URLPattern)
            if any(isinstance(part, RegexPattern) for part in parts):
                if pattern.name == "app_list":
                    labels = sorted({model._meta.app_label for model in admin_site._registry})
                    seeds.extend(Seed(f"/admin/{label}/") for label in labels)
                # The other regular expressions: allauth's mailed keys and the admin's catch-all.
                continue
            route = "".join(str(part) for part in parts)
            names = PARAMETER.findall(route)
            if [name for _converter, name in names] == ["content_type_id", "object_id"]:
                seeds.extend(_view_on_site(route))
                continue
            callback = pattern.callback
            model_admin = getattr(callback, "model_admin", None)
            if model_admin is not None and callback.__module__ == "django.views.generic.base":
                continue  # the admin's old address of an object: a redirect to its change page
            choices = [_values(route, converter, name, callback) for converter, name in names]
            combos = list(itertools.product(*choices))
            combos = combos[:: -(-len(combos) // PER_PATTERN) or 1]
            if [name for _converter, name in names] == ["pk", "attachment_pk"]:
                # Each file with its own request.
                combos = list(Attachment.objects.values_list("request_id", "pk"))
            below = route.startswith("requests/<int:pk>/") and route != "requests/<int:pk>/"
            for combo in combos:
                values = iter(combo)
                url = "/" + PARAMETER.sub(lambda _match, values=values: str(next(values)), route)
                seeds.append(
                    Seed(
                        url,
                        request_pk=combo[0] if below else None,
                        per_action=below and any(name == "action" for _converter, name in names),
                        admin_object=model_admin is not None and bool(names),
                    )
                )

    walk(get_resolver(), [])
    return [seed for seed in dict.fromkeys(seeds) if not SKIP.match(seed.url)]


# ---------------------------------------------------------------------------------------------
# Reading pages.


class PageParser(HTMLParser):
    """The links and the GET forms of an HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.forms = []
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            method = (attrs.get("method") or "get").lower()
            self._form = {"action": attrs.get("action") or "", "fields": [], "get": method == "get"}
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select") and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower() if tag == "input" else tag
            item = {"name": attrs["name"], "kind": kind, "value": attrs.get("value") or ""}
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                item["skip"] = True
            if tag == "select":
                item["value"] = None
                self._select = item
            self._form["fields"].append(item)
        elif tag == "option" and self._select is not None and ("selected" in attrs or self._select["value"] is None):
            # The selected option, or the first one.
            self._select["value"] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


TEXT_KINDS = {"text", "search", "textarea", "email", "tel", "url"}


@dataclass
class Page:
    url: str
    status: int
    text: str
    content_type: str
    links: list = field(default_factory=list)
    forms: list = field(default_factory=list)
    new_reads: set = field(default_factory=set)  # ids of the requests whose reading was logged meanwhile
    error: str = ""  # the exception of a server error

    @property
    def references(self):
        return set(REFERENCE_RE.findall(self.text))


def same_site(url, base):
    """The path and query of a link of this site, or None."""
    if not url or url.startswith(("mailto:", "tel:", "javascript:", "#")):
        return None
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc and parts.netloc != "testserver":
        return None
    path = parts.path
    if not path:
        path = urlsplit(base).path
    elif not path.startswith("/"):
        path = urlsplit(base).path.rsplit("/", 1)[0] + "/" + path
    return f"{path}?{parts.query}" if parts.query else path


class FastClient(Client):
    """The test client without its copies of every template context: the crawl never reads them."""

    def request(self, **request):
        environ = self._base_environ(**request)
        uid = f"leak-crawl-{id(request)}"
        got_request_exception.connect(self.store_exc_info, dispatch_uid=uid)
        try:
            response = self.handler(environ)
        finally:
            got_request_exception.disconnect(dispatch_uid=uid)
        self.check_exception(response)  # a server error raises: the crawl reports it
        if response.cookies:
            self.cookies.update(response.cookies)
        return response


class ReadLogWatch:
    """Notices the INSERTs into the read log, so that the log is read only after a response wrote to it."""

    table = PersonalDataRead._meta.db_table

    def __init__(self):
        self.written = False

    def __call__(self, execute, sql, params, many, context):
        if self.table in sql and sql.lstrip().upper().startswith("INSERT"):
            self.written = True
        return execute(sql, params, many, context)


class Crawler:
    """One persona's visit of the portal: the seeds, the links they lead to, then every GET form with the markers.

    Every response goes to ``judge(user, page, asked, baseline)``: ``asked`` maps the markers (or dates of
    birth) the address searches for to the requests holding them, and ``baseline`` is the same address
    searching for something that exists nowhere.
    """

    def __init__(self, user, planted, judge, *, may_not_find, budget=600, variants=4):
        self.client = FastClient()
        self.client.force_login(user)
        self.user = user
        self.planted = planted
        self.judge = judge
        # Which requests the persona may not find by their personal data, by the address of a search.
        self.may_not_find = may_not_find
        self.budget = budget
        self.variants = variants
        self.seen = {}
        self.shapes = {}
        self.forms = {}
        self.fetched = 0
        self.links = 0
        self.last_read = PersonalDataRead.objects.aggregate(last=Max("pk"))["last"] or 0
        # What a query value can name: a marker, a request's prefix of markers or a date of birth.
        self.queries = {text: marker.owners for text, marker in planted.markers.items()}
        self.queries.update(planted.dates_of_birth)
        # The markers' common prefix and each request's: searched for, judged by what they show, not by
        # what they find (the search with each whole marker is).
        self.queries.update({f"{PREFIX}-{key}-": frozenset() for key in planted.requests})
        self.queries[PREFIX] = frozenset()

    def fetch(self, url):
        if url in self.seen:
            return self.seen[url]
        self.fetched += 1
        watch = ReadLogWatch()
        try:
            with connection.execute_wrapper(watch):
                response = self.client.get(url)
                # The test client closes a response (a file too) once its content has been read.
                body = b"".join(response.streaming_content) if response.streaming else response.content
        except Exception as error:  # a server error hides the page from the crawl: it is reported
            page = Page(url=url, status=500, text="", content_type="", error=f"{type(error).__name__}: {error}")
            self.seen[url] = page
            return page
        headers = "\n".join(f"{key}: {value}" for key, value in response.headers.items())
        text = body.decode("utf-8", errors="replace")
        page = Page(
            url=url,
            status=response.status_code,
            text=headers + "\n\n" + text,
            content_type=response.get("Content-Type", ""),
        )
        if watch.written:
            reads = PersonalDataRead.objects.filter(pk__gt=self.last_read).values_list("pk", "user_id", "request_id")
            for pk, user_id, request_id in reads:
                self.last_read = max(self.last_read, pk)
                if user_id == self.user.pk:
                    page.new_reads.add(request_id)
        if page.content_type.startswith("text/html") and page.status < 400:
            parser = PageParser()
            parser.feed(text)
            page.links = [link for link in (same_site(href, url) for href in parser.links) if link]
            page.forms = parser.forms
        if response.get("Location"):
            target = same_site(response["Location"], url)
            if target:
                page.links.append(target)
        self.seen[url] = page
        return page

    def asked_in(self, url):
        """The markers, prefixes and dates of birth a URL asks for, and the requests holding each."""
        query = urlsplit(url).query
        return {
            value: self.queries[value]
            for _key, value in parse_qsl(query, keep_blank_values=True)
            if value in self.queries
        }

    def baseline_of(self, url):
        """The same address asking for nothing that exists."""
        parts = urlsplit(url)
        pairs = [
            (key, (NO_DATE if value in self.planted.dates_of_birth else NONSENSE) if value in self.queries else value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
        ]
        return f"{parts.path}?{urlencode(pairs)}"

    def visit(self, url):
        """Fetch and judge a page, and remember its GET forms."""
        if url in self.seen:
            return self.seen[url]
        page = self.fetch(url)
        asked = self.asked_in(url)
        baseline = self.fetch(self.baseline_of(url)) if asked else None
        self.judge(self.user, page, asked, baseline)
        for form in page.forms:
            if not form["get"]:
                continue
            action = urlsplit(same_site(form["action"], url) or url).path
            texts = tuple(sorted(f["name"] for f in form["fields"] if f["kind"] in TEXT_KINDS or f["kind"] == "date"))
            self.forms.setdefault((action, texts), (action, form["fields"]))
        return page

    def allowed_shape(self, url):
        """A few variants of each page's query string (filters, sorting, pages), not all combinations."""
        parts = urlsplit(url)
        if not parts.query:
            return True
        self.shapes[parts.path] = self.shapes.get(parts.path, 0) + 1
        return self.shapes[parts.path] <= self.variants

    def sampled(self, url):
        """An admin page of an object of reference data that was not among the seeds (countries...)."""
        try:
            match = resolve(urlsplit(url).path)
        except Resolver404:
            return True
        model_admin = getattr(match.func, "model_admin", None)
        return model_admin is not None and "object_id" in match.kwargs and not _holds_requests(model_admin.model)

    def follow(self, urls):
        """Visit every seed, and the links found, up to the budget of links."""
        queue = list(urls)
        seeded = set(queue)
        index = 0
        while index < len(queue):
            url = queue[index]
            index += 1
            if url in self.seen or SKIP.match(url) or not self.allowed_shape(url):
                continue
            if url not in seeded:
                if self.sampled(url) or self.links >= self.budget:
                    continue
                self.links += 1
            try:
                resolve(urlsplit(url).path)
            except Resolver404:
                continue
            page = self.visit(url)
            queue.extend(link for link in page.links if link not in self.seen)

    def crawl(self, seeds):
        admin = self.fetch(reverse("admin:index")).status == 200
        self.follow(seed.url for seed in seeds if seed.request_pk is None and (admin or not seed.admin_object))
        requests = self.planted.by_pk
        opened = [
            pk
            for pk, info_request in sorted(requests.items())
            if self.fetch(info_request.get_absolute_url()).status == 200
        ]
        others = [pk for pk in sorted(requests) if pk not in opened]
        closed = {pk for pk in others if requests[pk].status == "draft"}
        closed = set(sorted(closed)[:1] + [pk for pk in others if pk not in closed][:1])
        self.follow(
            seed.url
            for seed in seeds
            if seed.request_pk in (sorted(closed)[:1] + opened[:1] if seed.per_action else closed | set(opened))
        )
        self.submit_forms()

    def submit(self, action, fields, name, value, downloads="found"):
        """Submit a GET form with one field set; returns what it finds beyond the baseline.

        The downloads it links to (?format=csv|json|print) are judged too: "always", "found" (when it
        finds something) or "never".
        """
        data = []
        for item in fields:
            if item.get("skip") or item["kind"] in ("submit", "button", "reset", "file", "image"):
                continue
            if item["name"] == name:
                data.append((name, value))
            elif item["kind"] in TEXT_KINDS or item["kind"] == "date":
                data.append((item["name"], ""))
            elif item["value"] is not None:
                data.append((item["name"], item["value"]))
        page = self.visit(f"{action}?{urlencode(data)}")
        baseline = self.seen.get(self.baseline_of(page.url))
        found = set()
        if baseline is not None and baseline is not page:
            shown = markers_in(page.text) - markers_in(baseline.text) - {value}
            found = (page.references - baseline.references) | shown
        # The downloads of a result (?format=csv|json|print) are judged with the same query.
        if downloads == "always" or (downloads == "found" and found):
            for link in page.links:
                if "format=" in link:
                    self.visit(link)
        return found

    def exact_searches(self, action):
        """Whether a search may match whole values only (the admin says so with "=field")."""
        try:
            model_admin = getattr(resolve(action).func, "model_admin", None)
        except Resolver404:
            return True
        if model_admin is None:
            return True
        return any(str(field).startswith("=") for field in model_admin.search_fields)

    def submit_forms(self):
        references = self.planted.references
        markers = self.planted.markers
        prefixes = {}
        for text, marker in markers.items():
            prefixes.setdefault(text[: text.index("-", len(PREFIX) + 1) + 1], set()).update(marker.owners)
        for action, fields in list(self.forms.values()):
            not_found = self.may_not_find(action)

            def forbidden(found, not_found=not_found):
                return any(
                    references.get(item) in not_found or (item in markers and not markers[item].owners - not_found)
                    for item in found
                )

            for item in fields:
                if item.get("skip"):
                    continue
                if item["kind"] == "date":
                    self.submit(action, fields, item["name"], NO_DATE, downloads="always")
                    for iso, owners in self.planted.dates_of_birth.items():
                        if owners & not_found:
                            self.submit(action, fields, item["name"], iso)
                    continue
                if item["kind"] not in TEXT_KINDS:
                    continue
                self.submit(action, fields, item["name"], NONSENSE, downloads="always")
                found = self.submit(action, fields, item["name"], PREFIX, downloads="always")
                if found:
                    # The search matches parts of the text holding markers. Where it finds what it may not,
                    # one search per request tells which, and its identity markers and one marker of each
                    # other kind say how.
                    if forbidden(found):
                        for prefix in prefixes:
                            if forbidden(self.submit(action, fields, item["name"], prefix, downloads="never")):
                                groups = set()
                                for text, marker in markers.items():
                                    if text.startswith(prefix) and (
                                        marker.group == IDENTITY or marker.group not in groups
                                    ):
                                        groups.add(marker.group)
                                        self.submit(action, fields, item["name"], text, downloads="never")
                elif self.exact_searches(action):
                    # A search of whole values (an identification number): every request it may not find,
                    # where requests are searched; elsewhere, one.
                    hidden = sorted({key for marker in markers.values() for key in marker.owners & not_found})
                    if not action.startswith("/requests/"):
                        hidden = hidden[:1]
                    for text, marker in markers.items():
                        if marker.group == IDENTITY and "-ADDR-" not in text and marker.owners & set(hidden):
                            self.submit(action, fields, item["name"], text)
