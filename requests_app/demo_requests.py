"""Demo information requests between the demo authorities, one or more in every state of the workflow.

``seed_demo`` calls ``create_demo_requests`` with its users (by e-mail) once the
demo world and the question sets are in place. Every request is built as users
would build it: a draft through ``requests_app.services``, then each step through
``requests_app.workflow.apply``, each actor a user of the demo world with the
role the step needs. The status is never written directly.

Idempotent: a request is known by its requesting authority and its summary; if
one exists, it is left alone, so a second run creates nothing.

All fictitious: the people, companies, identifiers, dates of birth and
addresses below are made up. Summaries hold no personal data. Free texts
(answers, notes, messages) are in the language of the user who writes them;
the Portuguese users work in English (Portuguese is not an enabled language).
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone, translation

from authorities.models import Authority, LegislativeArea
from requests_app import services, workflow
from requests_app.models import Action, InformationRequest, Question, Status

PQ = "professional-qualifications"
SERVICES = "services"
POSTING = "posting-of-workers"
PATIENTS = "patients-rights"

# Steps besides the workflow's actions.
ANSWER = "answer"  # the responder saves answers: {question order in the set: value}
MESSAGE = "message"  # a message to the other side
OVERDUE = "overdue"  # move the agreed deadline into the past (see _make_overdue)

# Authorities, by country and official name (as in seed_demo's data).
BG_LABOUR = ("BG", "Изпълнителна агенция „Главна инспекция по труда“")
BG_TOURISM = ("BG", "Министерство на туризма")
BG_SOFIA = ("BG", "Столична община")
RO_HEALTH = ("RO", "Ministerul Sănătății")
RO_TRADE_REGISTER = ("RO", "Oficiul Național al Registrului Comerțului")
RO_PHYSICIANS = ("RO", "Colegiul Medicilor din România")
DK_WORKING_ENVIRONMENT = ("DK", "Arbejdstilsynet")
LV_LABOUR = ("LV", "Valsts darba inspekcija")
LV_ACADEMIC = ("LV", "Akadēmiskās informācijas centrs")
EE_EDUCATION = ("EE", "Haridus- ja Noorteamet")
PT_TOURISM = ("PT", "Turismo de Portugal, I.P.")
PT_WORKING_CONDITIONS = ("PT", "Autoridade para as Condições do Trabalho")
PT_MEDICAL = ("PT", "Ordem dos Médicos")
PT_REGISTRIES = ("PT", "Instituto dos Registos e do Notariado, I.P.")

# Users, by their e-mail in seed_demo's data: request handlers, and a coordinator.
MARIA_IVANOVA = "maria.ivanova@bg.demo.imi.test"  # ИА ГИТ
ELENA_STOYANOVA = "elena.stoyanova@bg.demo.imi.test"  # МТ
IVAN_NIKOLOV = "ivan.nikolov@bg.demo.imi.test"  # МТ
KRASIMIR_ATANASOV = "krasimir.atanasov@bg.demo.imi.test"  # СО
ELENA_DUMITRESCU = "elena.dumitrescu@ro.demo.imi.test"  # IM
ALEXANDRU_CONSTANTIN = "alexandru.constantin@ro.demo.imi.test"  # MS
ANA_MARIA_SERBAN = "ana-maria.serban@ro.demo.imi.test"  # ONRC
ANNE_JENSEN = "anne.jensen@dk.demo.imi.test"  # UFS: asks about the tourist guide of the leaflet
LOUISE_SORENSEN = "louise.sorensen@dk.demo.imi.test"  # STPS
LIGA_OZOLA = "liga.ozola@lv.demo.imi.test"  # VDI
MARTINS_KRUMINS = "martins.krumins@lv.demo.imi.test"  # AIC
SANTA_KLAVINA = "santa.klavina@lv.demo.imi.test"  # VI
LIIS_KASK = "liis.kask@ee.demo.imi.test"  # TI
MARGUS_KUKK = "margus.kukk@ee.demo.imi.test"  # TA
JOAO_SILVA = "joao.silva@pt.demo.imi.test"  # TdP
MARIA_SANTOS = "maria.santos@pt.demo.imi.test"  # TdP
SOFIA_PEREIRA = "sofia.pereira@pt.demo.imi.test"  # ACT
TIAGO_MARTINS = "tiago.martins@pt.demo.imi.test"  # OM
NUNO_GOMES = "nuno.gomes@pt.demo.imi.test"  # IRN
ANA_FERREIRA = "ana.ferreira@pt.demo.imi.test"  # DGAE, national coordinator of Portugal


@dataclass(frozen=True)
class Step:
    do: str  # an Action, or ANSWER, MESSAGE, OVERDUE
    by: str  # the actor's e-mail
    note: str = ""
    params: tuple = ()  # (name, value) pairs; see _workflow_params

    @classmethod
    def of(cls, do, by, note="", **params):
        return cls(do, by, note, tuple(params.items()))


@dataclass(frozen=True)
class DemoRequest:
    summary: str
    area: str
    question_set: str
    questions: tuple  # the orders of the questions in the set
    requester: str  # a request handler of the requesting authority
    responder: tuple  # the responding authority, as (country code, official name)
    subject: dict  # name, identifier, date_of_birth (or None), address
    deadline_days: int  # the proposed deadline, in days from today
    state: str  # the state the steps bring the request to
    steps: tuple = ()


def demo_requests(today):
    """The demo requests, their dates relative to ``today``."""
    step = Step.of

    def days(n):
        return today + datetime.timedelta(days=n)

    return [
        # The leaflet's story: a Danish authority asks Turismo de Portugal whether a tourist guide is
        # qualified; the Portuguese handler has accepted it and is working on it.
        DemoRequest(
            summary="Qualification of a tourist guide",
            area=PQ,
            question_set="pq-tourist-guides",
            questions=(1, 2, 3, 4, 6, 8),
            requester=ANNE_JENSEN,
            responder=PT_TOURISM,
            subject={
                "name": "Beatriz Fonseca Lopes",
                "identifier": "Cartão de Cidadão 14839275",
                "date_of_birth": datetime.date(1986, 9, 4),
                "address": "Rua das Flores 27, 4050-262 Porto, Portugal",
            },
            deadline_days=21,
            state=Status.OPEN,
            steps=(
                step(Action.SEND, ANNE_JENSEN),
                step(Action.ACCEPT, MARIA_SANTOS, days=14),
                step(
                    MESSAGE,
                    MARIA_SANTOS,
                    body="We have found the guide in the national register of tourist guides and are checking "
                    "her certificate with our regional office in Porto. You will have our answer within the "
                    "agreed time.",
                ),
                step(
                    MESSAGE,
                    ANNE_JENSEN,
                    body="Mange tak. Ansøgeren vil gerne begynde at arbejde som turistguide i København i løbet "
                    "af foråret, så vi ser frem til jeres svar.",
                ),
            ),
        ),
        # Closed: answered, and the reply accepted with a rating.
        DemoRequest(
            summary="Licence of a Bulgarian tour operator selling package holidays in Portugal",
            area=SERVICES,
            question_set="services-general",
            questions=(1, 3, 4, 5, 6),
            requester=JOAO_SILVA,
            responder=BG_TOURISM,
            subject={
                "name": "Черноморски ваканции ЕООД",
                "identifier": "ЕИК 209876543",
                "date_of_birth": None,
                "address": "ул. „Цар Симеон I“ 45, 9000 Варна, България",
            },
            deadline_days=20,
            state=Status.CLOSED,
            steps=(
                step(Action.SEND, JOAO_SILVA),
                step(Action.ACCEPT, IVAN_NIKOLOV, days=10),
                step(
                    ANSWER,
                    IVAN_NIKOLOV,
                    answers={
                        1: True,
                        3: "Национален туристически регистър, удостоверение за регистрация на туроператор "
                        "№ РК-01-9876.",
                        4: 1,  # holds a valid authorisation
                        5: days(730),
                        6: True,
                    },
                ),
                step(
                    MESSAGE,
                    IVAN_NIKOLOV,
                    body="Застраховката „Отговорност на туроператора“ на дружеството е валидна до края на годината.",
                ),
                step(Action.REPLY, IVAN_NIKOLOV),
                step(Action.CLOSE, JOAO_SILVA, rating_timeliness="positive", rating_effort="positive"),
            ),
        ),
        # Closed by the coordinator of the responder's country, after a referral.
        DemoRequest(
            summary="Restrictions on the right to practise of a medical specialist",
            area=PATIENTS,
            question_set="pr-right-to-practise",
            questions=(1, 2, 3, 4),
            requester=MARGUS_KUKK,
            responder=PT_MEDICAL,
            subject={
                "name": "Ricardo Teixeira Matos",
                "identifier": "Cédula profissional 58231",
                "date_of_birth": datetime.date(1979, 11, 2),
                "address": "Avenida da Liberdade 110, 1250-146 Lisboa, Portugal",
            },
            deadline_days=20,
            state=Status.CLOSED,
            steps=(
                step(Action.SEND, MARGUS_KUKK),
                step(Action.ACCEPT, TIAGO_MARTINS, days=10),
                step(
                    ANSWER,
                    TIAGO_MARTINS,
                    answers={
                        1: True,
                        2: 2,  # yes, with restrictions
                        3: datetime.date(2008, 1, 15),
                        4: "Medical doctor, specialist in anaesthesiology.",
                    },
                ),
                step(Action.REPLY, TIAGO_MARTINS),
                step(
                    Action.REFER,
                    MARGUS_KUKK,
                    note="Vastusest ei selgu, milliseid piiranguid arsti suhtes kohaldatakse ja alates millal.",
                ),
                step(
                    MESSAGE,
                    TIAGO_MARTINS,
                    body="The restriction excludes the doctor from unsupervised emergency duty. It has applied "
                    "since 1 March 2023 and is reviewed every two years.",
                ),
                step(
                    Action.CLOSE_REFERRAL,
                    ANA_FERREIRA,
                    note="The Portuguese Medical Association has described the restriction in its message on "
                    "the request, which answers the Health Board's question. Referral closed.",
                ),
            ),
        ),
        # Withdrawn by the requester before the responder accepted it.
        DemoRequest(
            summary="Qualification of a secondary-school teacher",
            area=PQ,
            question_set="pq-general",
            questions=(2, 3, 4, 5),
            requester=MARTINS_KRUMINS,
            responder=EE_EDUCATION,
            subject={
                "name": "Kertu Lill",
                "identifier": "Diplom nr MA 004512",
                "date_of_birth": datetime.date(1990, 2, 12),
                "address": "Pikk 12-3, 10123 Tallinn, Eesti",
            },
            deadline_days=25,
            state=Status.WITHDRAWN,
            steps=(
                step(Action.SEND, MARTINS_KRUMINS),
                step(
                    Action.WITHDRAW,
                    MARTINS_KRUMINS,
                    note="Pretendente ir atsaukusi savu pieteikumu kvalifikācijas atzīšanai.",
                ),
            ),
        ),
        # Referred to the coordinator of Romania: the requester finds the reply incomplete.
        DemoRequest(
            summary="Registration of a Romanian company opening a restaurant in Sofia",
            area=SERVICES,
            question_set="services-general",
            questions=(1, 2, 3, 9),
            requester=KRASIMIR_ATANASOV,
            responder=RO_TRADE_REGISTER,
            subject={
                "name": "Gustul Carpaților S.R.L.",
                "identifier": "CUI 39876512",
                "date_of_birth": None,
                "address": "Bulevardul Unirii 15, 030119 București, România",
            },
            deadline_days=20,
            state=Status.REFERRED,
            steps=(
                step(Action.SEND, KRASIMIR_ATANASOV),
                step(Action.ACCEPT, ANA_MARIA_SERBAN, days=10),
                step(
                    ANSWER,
                    ANA_MARIA_SERBAN,
                    answers={
                        1: True,
                        2: datetime.date(2017, 4, 3),
                        3: "Registrul comerțului de pe lângă Tribunalul București.",
                        9: False,
                    },
                ),
                step(Action.REPLY, ANA_MARIA_SERBAN),
                step(
                    MESSAGE,
                    KRASIMIR_ATANASOV,
                    body="Моля, посочете регистрационния номер на дружеството в търговския регистър.",
                ),
                step(
                    Action.REFER,
                    KRASIMIR_ATANASOV,
                    note="В отговора на въпрос 3 липсва регистрационният номер на дружеството, а на съобщението "
                    "ни не е отговорено.",
                ),
            ),
        ),
        # Clarification requested after the reply.
        DemoRequest(
            summary="Remuneration of workers posted to Bulgaria by a Latvian construction company",
            area=POSTING,
            question_set="pow-general",
            questions=(2, 4, 5, 7, 10),
            requester=MARIA_IVANOVA,
            responder=LV_LABOUR,
            subject={
                "name": "SIA Baltijas Būvmontāža",
                "identifier": "Reģ. Nr. 40103987654",
                "date_of_birth": None,
                "address": "Ganību dambis 30, Rīga, LV-1005, Latvija",
            },
            deadline_days=20,
            state=Status.CLARIFICATION_REQUESTED,
            steps=(
                step(Action.SEND, MARIA_IVANOVA),
                step(Action.ACCEPT, LIGA_OZOLA, days=12),
                step(
                    ANSWER,
                    LIGA_OZOLA,
                    answers={
                        2: datetime.date(2014, 5, 20),
                        4: True,
                        5: days(150),
                        7: "Bruto stundas likme ir 9,80 EUR. Tajā ir iekļauta piemaksa par virsstundu darbu, "
                        "bet nav iekļauta komandējuma dienas nauda un ceļa izdevumu kompensācija.",
                        10: False,
                    },
                ),
                step(Action.REPLY, LIGA_OZOLA),
                step(
                    Action.REQUEST_CLARIFICATION,
                    MARIA_IVANOVA,
                    note="Моля, уточнете дали посочената почасова ставка се отнася за периода на командироването "
                    "в България, или за работата в Латвия.",
                ),
            ),
        ),
        # Replied, waiting for the requester to accept the reply.
        DemoRequest(
            summary="Right to practise of a nurse providing cross-border healthcare",
            area=PATIENTS,
            question_set="pr-right-to-practise",
            questions=(1, 2, 3, 4, 6),
            requester=SANTA_KLAVINA,
            responder=RO_HEALTH,
            subject={
                "name": "Andreea Vasilescu",
                "identifier": "Certificat de membru nr. 0458213",
                "date_of_birth": datetime.date(1987, 3, 15),
                "address": "Strada Lipscani 20, 030031 București, România",
            },
            deadline_days=20,
            state=Status.REPLIED,
            steps=(
                step(Action.SEND, SANTA_KLAVINA),
                step(Action.ACCEPT, ALEXANDRU_CONSTANTIN, days=15),
                step(
                    ANSWER,
                    ALEXANDRU_CONSTANTIN,
                    answers={
                        1: True,
                        2: 1,  # yes, without restrictions
                        3: datetime.date(2011, 9, 1),
                        4: "Asistent medical generalist, înregistrată fără restricții în registrul național al "
                        "asistenților medicali.",
                        6: True,
                    },
                ),
                step(Action.REPLY, ALEXANDRU_CONSTANTIN),
                step(
                    MESSAGE,
                    ALEXANDRU_CONSTANTIN,
                    body="Am răspuns la toate întrebările. Pentru orice clarificare, vă rugăm să ne contactați "
                    "prin IMI.",
                ),
            ),
        ),
        # Open and overdue: accepted, and the agreed deadline has passed.
        DemoRequest(
            summary="Working time and wages of workers posted to a construction site in Estonia",
            area=POSTING,
            question_set="pow-general",
            questions=(1, 3, 4, 7, 8),
            requester=LIIS_KASK,
            responder=PT_WORKING_CONDITIONS,
            subject={
                "name": "Construções Atlântico Norte, Lda.",
                "identifier": "NIPC 509876543",
                "date_of_birth": None,
                "address": "Rua do Campo Alegre 120, 4150-170 Porto, Portugal",
            },
            deadline_days=20,
            state=Status.OPEN,
            steps=(
                step(Action.SEND, LIIS_KASK),
                step(Action.ACCEPT, SOFIA_PEREIRA, days=10),
                step(OVERDUE, SOFIA_PEREIRA, days_ago=9),
                step(
                    MESSAGE,
                    LIIS_KASK,
                    body="Kokkulepitud tähtaeg on möödunud. Palun andke teada, millal võime teie vastust oodata.",
                ),
            ),
        ),
        # Split: the Ministry of Health keeps the diploma questions and moves those on the doctor's
        # current standing to the College of Physicians (a new request, awaiting its acceptance).
        DemoRequest(
            summary="Diploma and professional standing of a doctor",
            area=PQ,
            question_set="pq-general",
            questions=(2, 3, 4, 6, 7, 8),
            requester=LOUISE_SORENSEN,
            responder=RO_HEALTH,
            subject={
                "name": "Mihai Dragomir",
                "identifier": "Diplomă de licență nr. 0012345/2009",
                "date_of_birth": datetime.date(1983, 6, 27),
                "address": "Strada Memorandumului 5, 400114 Cluj-Napoca, România",
            },
            deadline_days=25,
            state=Status.OPEN,
            steps=(
                step(Action.SEND, LOUISE_SORENSEN),
                step(Action.ACCEPT, ALEXANDRU_CONSTANTIN, days=15),
                step(
                    Action.SPLIT,
                    ALEXANDRU_CONSTANTIN,
                    note="Întrebările privind situația profesională actuală a medicului (sancțiuni, suspendare, "
                    "înscrierea în registru) sunt de competența Colegiului Medicilor din România.",
                    authority=RO_PHYSICIANS,
                    questions=(6, 7, 8),
                ),
            ),
        ),
        # Forwarded by the authority it was sent to, to the competent one of the same country.
        DemoRequest(
            summary="Licence of a Portuguese travel agency offering tours in Bulgaria",
            area=SERVICES,
            question_set="services-general",
            questions=(1, 3, 4, 5),
            requester=ELENA_STOYANOVA,
            responder=PT_REGISTRIES,
            subject={
                "name": "Rotas do Sul – Viagens e Turismo, Lda.",
                "identifier": "NIPC 515987321",
                "date_of_birth": None,
                "address": "Rua de Santa Catarina 88, 4000-442 Porto, Portugal",
            },
            deadline_days=20,
            state=Status.AWAITING_ACCEPTANCE,
            steps=(
                step(Action.SEND, ELENA_STOYANOVA),
                step(
                    Action.FORWARD,
                    NUNO_GOMES,
                    note="Travel agencies are licensed by Turismo de Portugal, which keeps the national register "
                    "of travel agencies (RNAVT). We are forwarding the request to them.",
                    authority=PT_TOURISM,
                ),
            ),
        ),
        # Sent, not yet accepted.
        DemoRequest(
            summary="Establishment of an undertaking posting wind-turbine technicians to Romania",
            area=POSTING,
            question_set="pow-general",
            questions=(1, 2, 3, 4, 5),
            requester=ELENA_DUMITRESCU,
            responder=DK_WORKING_ENVIRONMENT,
            subject={
                "name": "Nordvind Montage ApS",
                "identifier": "CVR 39871204",
                "date_of_birth": None,
                "address": "Industrivej 12, 6700 Esbjerg, Danmark",
            },
            deadline_days=20,
            state=Status.AWAITING_ACCEPTANCE,
            steps=(step(Action.SEND, ELENA_DUMITRESCU),),
        ),
        # A draft, complete but not sent.
        DemoRequest(
            summary="Recognition of a tourist guide qualification obtained in Latvia",
            area=PQ,
            question_set="pq-tourist-guides",
            questions=(1, 2, 3, 5, 7),
            requester=IVAN_NIKOLOV,
            responder=LV_ACADEMIC,
            subject={
                "name": "Laura Vanaga",
                "identifier": "Sertifikāts nr. TG-2019-0387",
                "date_of_birth": datetime.date(1991, 3, 12),
                "address": "Tērbatas iela 14-7, Rīga, LV-1011, Latvija",
            },
            deadline_days=25,
            state=Status.DRAFT,
        ),
    ]


def create_demo_requests(users):
    """Create the demo requests that do not exist yet; return how many were created.

    ``users`` maps e-mail to User: seed_demo's users, which must include every actor named above.
    """
    today = timezone.localdate()
    specs = demo_requests(today)
    _check(specs, users)
    created = 0
    for spec in specs:
        requester = users[spec.requester]
        exists = InformationRequest.objects.filter(
            requesting_authority_id=requester.authority_id, summary=spec.summary, parent__isnull=True
        ).exists()
        if not exists:
            _build(spec, users, today)
            created += 1
    return created


def _check(specs, users):
    named = {spec.requester for spec in specs} | {step.by for spec in specs for step in spec.steps}
    missing = named - users.keys()
    if missing:
        raise LookupError(f"Demo requests name users the demo data lacks: {', '.join(sorted(missing))}")
    keys = [(users[spec.requester].authority_id, spec.summary) for spec in specs]
    if len(set(keys)) != len(keys):
        raise ValueError("Two demo requests of the same authority share a summary: they would be taken for one.")


def _authority(key):
    country, official_name = key
    return Authority.objects.get(country__code=country, official_name=official_name)


def _build(spec, users, today):
    requester = users[spec.requester]
    questions = {q.order: q for q in Question.objects.filter(question_set__code=spec.question_set)}
    with translation.override(requester.preferred_language):
        info_request = services.request_create(
            user=requester, legislative_area=LegislativeArea.objects.get(code=spec.area), summary=spec.summary
        )
        services.request_set_responder(info_request=info_request, user=requester, authority=_authority(spec.responder))
        services.request_set_questions(
            info_request=info_request, user=requester, questions=[questions[order] for order in spec.questions]
        )
        services.request_set_subject(
            info_request=info_request,
            user=requester,
            summary=spec.summary,
            subject_name=spec.subject["name"],
            subject_identifier=spec.subject["identifier"],
            subject_date_of_birth=spec.subject["date_of_birth"],
            subject_address=spec.subject["address"],
            proposed_deadline=today + datetime.timedelta(days=spec.deadline_days),
        )
    for step in spec.steps:
        actor = users[step.by]
        params = dict(step.params)
        # As the actor would act: in their language (the language recorded with answers and messages).
        with translation.override(actor.preferred_language):
            info_request = InformationRequest.objects.get(pk=info_request.pk)
            if step.do == ANSWER:
                services.answers_save(
                    info_request=info_request, user=actor, answers=_answers(info_request, params["answers"])
                )
            elif step.do == MESSAGE:
                services.message_add(info_request=info_request, user=actor, body=params["body"])
            elif step.do == OVERDUE:
                _make_overdue(info_request, today - datetime.timedelta(days=params["days_ago"]))
            else:
                workflow.apply(
                    request_id=info_request.pk,
                    action=step.do,
                    actor=actor,
                    note=step.note,
                    **_workflow_params(info_request, params),
                )
    status = InformationRequest.objects.values_list("status", flat=True).get(pk=info_request.pk)
    if status != spec.state:
        raise RuntimeError(f"Demo request {spec.summary!r} ended {status}, not {spec.state}.")
    return info_request


def _items(info_request, orders):
    """The request's questions, by their order in the question set."""
    return {item.question.order: item for item in info_request.questions.select_related("question")} if orders else {}


def _answers(info_request, answers):
    """{question order: value} to what answers_save takes; a choice is given as the option's order."""
    items = _items(info_request, answers)
    values = {}
    for order, value in answers.items():
        item = items[order]
        if item.question.kind == Question.Kind.CHOICE:
            value = item.question.options.get(order=value)
        values[item.pk] = value
    return values


def _workflow_params(info_request, params):
    """Authorities given as (country, official name), questions to split off as their orders in the set."""
    if "authority" in params:
        params["authority"] = _authority(params["authority"])
    if "questions" in params:
        items = _items(info_request, params["questions"])
        params["question_ids"] = [items[order].pk for order in params.pop("questions")]
    return params


def _make_overdue(info_request, deadline):
    # Demo data standing for a request accepted weeks ago: it was accepted normally just now (the
    # workflow sets the agreed deadline from today), and its agreed deadline is moved into the past
    # here so that the demo shows an overdue request. Only the deadline changes, never the status.
    InformationRequest.objects.filter(pk=info_request.pk).update(agreed_deadline=deadline)
