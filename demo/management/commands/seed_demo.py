"""Build the demo world: six countries' helpdesks, coordinators, authorities and users,
the question sets, and information requests between the authorities in every state.

Idempotent: every row is found by its natural key (a country's code, an
authority's country and official name, a user's e-mail, a question set's code,
a request's requesting authority and summary) and only written when it differs
from the data below, so a second run changes nothing. All fictitious:
e-mails under ``demo.imi.test``, websites under ``.example``. The requests are
in ``demo.information_requests``, built through the services and the workflow;
the registers the authorities keep in ``demo.registers``.
"""

import unicodedata
from datetime import timedelta

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import check_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone, translation

from authorities.models import (
    Authority,
    Backup,
    Competence,
    Country,
    LegislativeArea,
    NationalHelpdesk,
    Role,
    User,
)
from authorities.reference_data import load_reference_data
from authorities.services import authority_search_refresh
from core.content_loader import LANGUAGES
from demo.information_requests import create_demo_requests
from demo.registers import create_demo_registers
from requests_app.models import InformationRequest, Status
from requests_app.question_sets import load_question_sets

DEMO_PASSWORD = "Demo-IMI-2026"  # noqa: S105 (published demo password)
# Base32; coordinators, helpdesk staff and the superuser enter the code an
# authenticator app derives from it (the portal requires TOTP of them).
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # noqa: S105 (published demo secret)
EMAIL_DOMAIN = "demo.imi.test"

PQ = "professional-qualifications"
SERVICES = "services"
POSTING = "posting-of-workers"
PATIENTS = "patients-rights"
DOCUMENTS = "public-documents"


def _names(en, bg, ro, da, lv, et):
    return {"en": en, "bg": bg, "ro": ro, "da": da, "lv": lv, "et": et}


def _hours(start, end):
    """'Monday to Friday' opening hours in every language, times as 'H:MM'."""
    dotted_start, dotted_end = start.replace(":", "."), end.replace(":", ".")
    return _names(
        f"Monday to Friday, {start}–{end} (local time)",
        f"От понеделник до петък, {start}–{end} ч. (местно време)",
        f"De luni până vineri, {start}–{end} (ora locală)",
        f"Mandag til fredag kl. {dotted_start}–{dotted_end} (lokal tid)",
        f"Darbdienās no {dotted_start} līdz {dotted_end} (vietējais laiks)",
        f"Esmaspäevast reedeni kell {dotted_start}–{dotted_end} (kohalik aeg)",
    )


# Each country: its language (the users' preferred one; Portuguese is not an
# enabled language, so English for Portugal), helpdesk, national coordinator and
# competent authorities. An authority's "names" are its display names; the one
# in the country's own language defaults to the official name. "slug" makes
# its .example domain. Competences map an area to keywords, in English and in
# the authority's language. The first user of an authority is its LDA (and a
# request handler in all its areas); "roles" lists role kinds given in all the
# authority's areas, or "kind:area" for one area.
COUNTRIES = [
    {
        "code": "BG",
        "language": "bg",
        "working_languages": ["bg", "en"],
        "helpdesk": {"email": "helpdesk@imi-bg.example", "phone": "+359 2 940 7100", "hours": _hours("9:00", "17:30")},
        "coordinator": {
            "official_name": "Министерство на икономиката и индустрията",
            "acronym": "МИИ",
            "slug": "economy-bg",
            "city": "София",
            "address": "ул. „Славянска“ 8, 1052 София",
            "phone": "+359 2 940 7001",
            "names": _names(
                "Ministry of Economy and Industry",
                None,
                "Ministerul Economiei și Industriei",
                "Ministeriet for Økonomi og Industri",
                "Ekonomikas un rūpniecības ministrija",
                "Majandus- ja Tööstusministeerium",
            ),
            "user": "Петър Георгиев",
        },
        "helpdesk_staff": ["Виктория Ангелова", "Борислав Йорданов"],
        "authorities": [
            {
                "official_name": "Изпълнителна агенция „Главна инспекция по труда“",
                "acronym": "ИА ГИТ",
                "slug": "labour-inspection-bg",
                "city": "София",
                "address": "бул. „Дондуков“ 3, 1000 София",
                "phone": "+359 2 810 1801",
                "names": _names(
                    "Executive Agency “General Labour Inspectorate”",
                    None,
                    "Agenția Executivă „Inspectoratul General al Muncii”",
                    "Forvaltningsorganet »Det Generelle Arbejdstilsyn«",
                    "Izpildaģentūra „Galvenā darba inspekcija”",
                    "Täitevamet „Peatööinspektsioon”",
                ),
                "competences": {
                    POSTING: "posted workers, posting notifications, working conditions, labour inspections, "
                    "командировани работници, уведомления за командироване, условия на труд, проверки по труда",
                },
                "users": [
                    {"name": "Мария Иванова"},
                    {"name": "Георги Димитров", "roles": ["handler"], "absent": True},
                    {"name": "Надежда Петкова", "roles": ["allocator"]},
                ],
            },
            {
                "official_name": "Министерство на туризма",
                "acronym": "МТ",
                "slug": "tourism-bg",
                "city": "София",
                "address": "ул. „Съборна“ 1, 1000 София",
                "phone": "+359 2 904 6801",
                "names": _names(
                    "Ministry of Tourism",
                    None,
                    "Ministerul Turismului",
                    "Turismeministeriet",
                    "Tūrisma ministrija",
                    "Turismiministeerium",
                ),
                "competences": {
                    PQ: "tourist guide, mountain guide, tour leader, "
                    "екскурзовод, планински водач, ръководител на група",
                    SERVICES: "tour operators, travel agencies, hotel categorisation, "
                    "туроператори, туристически агенти, категоризация на места за настаняване",
                },
                "users": [
                    {"name": "Елена Стоянова"},
                    {"name": "Иван Николов", "roles": ["handler"]},
                    {"name": "Десислава Тодорова", "roles": ["supervisor"]},
                ],
            },
            {
                "official_name": "Министерство на здравеопазването",
                "acronym": "МЗ",
                "slug": "health-bg",
                "city": "София",
                "address": "пл. „Света Неделя“ 5, 1000 София",
                "phone": "+359 2 930 1101",
                "names": _names(
                    "Ministry of Health",
                    None,
                    "Ministerul Sănătății",
                    "Sundhedsministeriet",
                    "Veselības ministrija",
                    "Tervishoiuministeerium",
                ),
                "competences": {
                    PQ: "doctor, dentist, nurse, midwife, pharmacist, "
                    "лекар, лекар по дентална медицина, медицинска сестра, акушерка, магистър-фармацевт",
                    PATIENTS: "cross-border healthcare, right to practise, "
                    "трансгранично здравно обслужване, право на упражняване на професията",
                },
                "users": [
                    {"name": "Стефан Василев"},
                    {"name": "Анна Христова", "roles": ["handler"]},
                ],
            },
            {
                "official_name": "Столична община",
                "acronym": "СО",
                "slug": "sofia-bg",
                "city": "София",
                "address": "ул. „Московска“ 33, 1000 София",
                "phone": "+359 2 937 7201",
                "names": _names(
                    "Sofia Municipality",
                    None,
                    "Primăria Sofia",
                    "Sofia Kommune",
                    "Sofijas pašvaldība",
                    "Sofia linnavalitsus",
                ),
                "competences": {
                    DOCUMENTS: "birth certificates, marriage certificates, civil status records, "
                    "удостоверения за раждане, удостоверения за сключен граждански брак, "
                    "актове за гражданско състояние",
                    SERVICES: "retail trade, catering establishments, "
                    "търговия на дребно, заведения за хранене и развлечения",
                },
                "users": [
                    {"name": "Даниела Колева"},
                    {"name": "Красимир Атанасов", "roles": ["handler"]},
                    {"name": "Цветелина Маринова", "roles": ["handler:" + DOCUMENTS]},
                ],
            },
        ],
    },
    {
        "code": "RO",
        "language": "ro",
        "working_languages": ["ro", "en", "fr"],
        "helpdesk": {"email": "helpdesk@imi-ro.example", "phone": "+40 21 319 2100", "hours": _hours("9:00", "16:30")},
        "coordinator": {
            "official_name": "Ministerul Afacerilor Externe",
            "acronym": "MAE",
            "slug": "foreign-affairs-ro",
            "city": "București",
            "address": "Aleea Alexandru nr. 31, sector 1, 011822 București",
            "phone": "+40 21 319 2001",
            "names": _names(
                "Ministry of Foreign Affairs",
                "Министерство на външните работи",
                None,
                "Udenrigsministeriet",
                "Ārlietu ministrija",
                "Välisministeerium",
            ),
            "user": "Ioana Popescu",
        },
        "helpdesk_staff": ["Florin Matei", "Simona Tudor"],
        "authorities": [
            {
                "official_name": "Inspecția Muncii",
                "acronym": "IM",
                "slug": "labour-inspection-ro",
                "city": "București",
                "address": "Str. Matei Voievod nr. 14, sector 2, 021455 București",
                "phone": "+40 21 302 7001",
                "names": _names(
                    "Labour Inspection",
                    "Инспекция по труда",
                    None,
                    "Arbejdsinspektionen",
                    "Darba inspekcija",
                    "Tööinspektsioon",
                ),
                "competences": {
                    POSTING: "posted workers, posting declarations, working conditions, "
                    "lucrători detașați, declarații de detașare, condiții de muncă",
                },
                "users": [
                    {"name": "Andrei Ionescu"},
                    {"name": "Elena Dumitrescu", "roles": ["handler"]},
                    {"name": "Mihai Stan", "roles": ["allocator"]},
                ],
            },
            {
                "official_name": "Ministerul Sănătății",
                "acronym": "MS",
                "slug": "health-ro",
                "city": "București",
                "address": "Str. Cristian Popișteanu nr. 1-3, sector 1, 010024 București",
                "phone": "+40 21 307 2501",
                "names": _names(
                    "Ministry of Health",
                    "Министерство на здравеопазването",
                    None,
                    "Sundhedsministeriet",
                    "Veselības ministrija",
                    "Tervishoiuministeerium",
                ),
                "competences": {
                    PQ: "nurse, midwife, pharmacist, asistent medical generalist, moașă, farmacist",
                    PATIENTS: "cross-border healthcare, national contact point, "
                    "asistență medicală transfrontalieră, punct național de contact",
                },
                "users": [
                    {"name": "Cristina Radu"},
                    {"name": "Alexandru Constantin", "roles": ["handler"]},
                    {"name": "Gabriela Munteanu", "roles": ["supervisor"]},
                ],
            },
            {
                "official_name": "Oficiul Național al Registrului Comerțului",
                "acronym": "ONRC",
                "slug": "trade-register-ro",
                "city": "București",
                "address": "Bd. Unirii nr. 74, sector 3, 030837 București",
                "phone": "+40 21 316 0801",
                "names": _names(
                    "National Trade Register Office",
                    "Национална служба на търговския регистър",
                    None,
                    "Det Nationale Handelsregisterkontor",
                    "Valsts komercreģistra birojs",
                    "Riiklik Äriregistri Büroo",
                ),
                "competences": {
                    SERVICES: "company registration, trade register extracts, "
                    "înmatriculare, certificat constatator, registrul comerțului",
                },
                "users": [
                    {"name": "Bogdan Popa"},
                    {"name": "Ana-Maria Șerban", "roles": ["handler"]},
                ],
            },
            {
                "official_name": "Colegiul Medicilor din România",
                "acronym": "CMR",
                "slug": "physicians-ro",
                "city": "București",
                "address": "Str. Thomas Masaryk nr. 28, sector 2, 020983 București",
                "phone": "+40 21 413 7701",
                "names": _names(
                    "Romanian College of Physicians",
                    "Колегия на лекарите в Румъния",
                    None,
                    "Det Rumænske Lægekollegium",
                    "Rumānijas Ārstu kolēģija",
                    "Rumeenia Arstide Kolleegium",
                ),
                "competences": {
                    PQ: "doctor, medical specialist, certificate of current professional status, "
                    "medic, medic specialist, certificat profesional curent",
                },
                "users": [
                    {"name": "Răzvan Stoica"},
                    {"name": "Larisa Georgescu", "roles": ["handler"]},
                ],
            },
        ],
    },
    {
        "code": "DK",
        "language": "da",
        "working_languages": ["da", "en"],
        "helpdesk": {"email": "helpdesk@imi-dk.example", "phone": "+45 35 29 1000", "hours": _hours("9:00", "15:00")},
        "coordinator": {
            "official_name": "Erhvervsstyrelsen",
            "acronym": "ERST",
            "slug": "business-dk",
            "city": "København",
            "address": "Langelinie Allé 17, 2100 København Ø",
            "phone": "+45 35 29 1001",
            "names": _names(
                "Danish Business Authority",
                "Датска агенция по предприемачеството",
                "Autoritatea Daneză pentru Afaceri",
                None,
                "Dānijas Uzņēmējdarbības iestāde",
                "Taani Ettevõtlusamet",
            ),
            "user": "Mette Hansen",
        },
        "authorities": [
            {
                "official_name": "Uddannelses- og Forskningsstyrelsen",
                "acronym": "UFS",
                "slug": "higher-education-dk",
                "city": "København",
                "address": "Haraldsgade 53, 2100 København Ø",
                "phone": "+45 72 31 7801",
                "names": _names(
                    "Danish Agency for Higher Education and Science",
                    "Датска агенция за висше образование и наука",
                    "Agenția Daneză pentru Învățământ Superior și Știință",
                    None,
                    "Dānijas Augstākās izglītības un zinātnes aģentūra",
                    "Taani Kõrghariduse ja Teaduse Amet",
                ),
                # Asks about the Portuguese tourist guide of the leaflet.
                "competences": {
                    PQ: "recognition of foreign qualifications, tourist guide, teacher, engineer, "
                    "anerkendelse af udenlandske kvalifikationer, turistguide, lærer, ingeniør",
                },
                "users": [
                    {"name": "Lars Nielsen"},
                    {"name": "Anne Jensen", "roles": ["handler"]},
                    {"name": "Søren Pedersen", "roles": ["supervisor"]},
                ],
            },
            {
                "official_name": "Arbejdstilsynet",
                "acronym": "AT",
                "slug": "working-environment-dk",
                "city": "København",
                "address": "Landskronagade 33, 2100 København Ø",
                "phone": "+45 70 12 1201",
                "names": _names(
                    "Danish Working Environment Authority",
                    "Датски орган по условията на труд",
                    "Autoritatea Daneză pentru Mediul de Lucru",
                    None,
                    "Dānijas Darba vides iestāde",
                    "Taani Töökeskkonnaamet",
                ),
                "competences": {
                    POSTING: "posted workers, RUT register, working environment, foreign service providers, "
                    "udstationerede arbejdstagere, RUT-registret, arbejdsmiljø, udenlandske tjenesteydere",
                },
                "users": [
                    {"name": "Camilla Andersen"},
                    {"name": "Jens Christensen", "roles": ["handler"]},
                    {"name": "Rasmus Larsen", "roles": ["allocator"]},
                    {"name": "Henrik Madsen", "roles": ["handler"], "active": False},
                ],
            },
            {
                "official_name": "Styrelsen for Patientsikkerhed",
                "acronym": "STPS",
                "slug": "patient-safety-dk",
                "city": "København",
                "address": "Islands Brygge 67, 2300 København S",
                "phone": "+45 72 28 6601",
                "names": _names(
                    "Danish Patient Safety Authority",
                    "Датска агенция за безопасност на пациентите",
                    "Autoritatea Daneză pentru Siguranța Pacienților",
                    None,
                    "Dānijas Pacientu drošības iestāde",
                    "Taani Patsiendiohutuse Amet",
                ),
                "competences": {
                    PQ: "doctor, nurse, midwife, dentist, authorisation of health professionals, "
                    "læge, sygeplejerske, jordemoder, tandlæge, autorisation af sundhedspersoner",
                    PATIENTS: "right to practise, cross-border healthcare, "
                    "ret til at udøve erhvervet, grænseoverskridende sundhedsydelser",
                },
                "users": [
                    {"name": "Louise Sørensen"},
                    {"name": "Mads Rasmussen", "roles": ["handler"]},
                ],
            },
        ],
    },
    {
        "code": "LV",
        "language": "lv",
        "working_languages": ["lv", "en"],
        "helpdesk": {"email": "helpdesk@imi-lv.example", "phone": "+371 6701 3100", "hours": _hours("8:30", "17:00")},
        "coordinator": {
            "official_name": "Ekonomikas ministrija",
            "acronym": "EM",
            "slug": "economics-lv",
            "city": "Rīga",
            "address": "Brīvības iela 55, Rīga, LV-1519",
            "phone": "+371 6701 3001",
            "names": _names(
                "Ministry of Economics",
                "Министерство на икономиката",
                "Ministerul Economiei",
                "Økonomiministeriet",
                None,
                "Majandusministeerium",
            ),
            # Keeps the register of construction companies (demo.registers).
            "competences": {
                SERVICES: "construction companies, construction specialists, būvkomersanti, būvspeciālisti",
            },
            "user": "Ilze Bērziņa",
        },
        "authorities": [
            {
                "official_name": "Valsts darba inspekcija",
                "acronym": "VDI",
                "slug": "labour-inspection-lv",
                "city": "Rīga",
                "address": "Kr. Valdemāra iela 38 k-1, Rīga, LV-1010",
                "phone": "+371 6718 6501",
                "names": _names(
                    "State Labour Inspectorate",
                    "Държавна инспекция по труда",
                    "Inspectoratul de Stat al Muncii",
                    "Statens Arbejdstilsyn",
                    None,
                    "Riiklik Tööinspektsioon",
                ),
                "competences": {
                    POSTING: "posted workers, posting notifications, working conditions, remuneration, "
                    "norīkotie darbinieki, paziņojumi par norīkošanu, darba apstākļi, darba samaksa",
                },
                "users": [
                    {"name": "Jānis Kalniņš"},
                    {"name": "Līga Ozola", "roles": ["handler"]},
                    {"name": "Andris Liepiņš", "roles": ["allocator"]},
                ],
            },
            {
                "official_name": "Akadēmiskās informācijas centrs",
                "acronym": "AIC",
                "slug": "academic-information-lv",
                "city": "Rīga",
                "address": "Dzirnavu iela 16, Rīga, LV-1010",
                "phone": "+371 6722 5101",
                "names": _names(
                    "Academic Information Centre",
                    "Център за академична информация",
                    "Centrul de Informare Academică",
                    "Det Akademiske Informationscenter",
                    None,
                    "Akadeemilise Teabe Keskus",
                ),
                "competences": {
                    PQ: "recognition of professional qualifications, tourist guide, architect, teacher, "
                    "profesionālās kvalifikācijas atzīšana, tūristu gids, arhitekts, skolotājs",
                },
                "users": [
                    {"name": "Kristīne Jansone"},
                    {"name": "Mārtiņš Krūmiņš", "roles": ["handler"]},
                    {"name": "Inese Zariņa", "roles": ["supervisor"]},
                ],
            },
            {
                "official_name": "Veselības inspekcija",
                "acronym": "VI",
                "slug": "health-inspectorate-lv",
                "city": "Rīga",
                "address": "Klijānu iela 7, Rīga, LV-1012",
                "phone": "+371 6781 9601",
                "names": _names(
                    "Health Inspectorate",
                    "Здравна инспекция",
                    "Inspectoratul Sanitar",
                    "Sundhedsinspektoratet",
                    None,
                    "Terviseinspektsioon",
                ),
                "competences": {
                    PQ: "doctor, nurse, midwife, register of medical practitioners, "
                    "ārsts, māsa, vecmāte, ārstniecības personu reģistrs",
                    PATIENTS: "cross-border healthcare, right to practise, "
                    "pārrobežu veselības aprūpe, tiesības praktizēt",
                },
                "users": [
                    {"name": "Edgars Vītols"},
                    {"name": "Santa Kļaviņa", "roles": ["handler"]},
                ],
            },
            {
                # Registered by the coordinator, not yet validated.
                "official_name": "Patērētāju tiesību aizsardzības centrs",
                "acronym": "PTAC",
                "slug": "consumer-rights-lv",
                "city": "Rīga",
                "address": "Brīvības iela 55, Rīga, LV-1010",
                "phone": "+371 6545 2501",
                "status": Authority.Status.PENDING,
                "names": _names(
                    "Consumer Rights Protection Centre",
                    "Център за защита на правата на потребителите",
                    "Centrul pentru Protecția Drepturilor Consumatorilor",
                    "Centret for Beskyttelse af Forbrugerrettigheder",
                    None,
                    "Tarbijaõiguste Kaitse Keskus",
                ),
                "competences": {
                    SERVICES: "consumer protection, tourism services, package travel, "
                    "patērētāju tiesību aizsardzība, tūrisma pakalpojumi, kompleksie tūrisma pakalpojumi",
                },
                "users": [
                    {"name": "Dace Eglīte"},
                    {"name": "Raimonds Celmiņš", "roles": ["handler"]},
                ],
            },
        ],
    },
    {
        "code": "EE",
        "language": "et",
        "working_languages": ["et", "en"],
        "helpdesk": {"email": "helpdesk@imi-ee.example", "phone": "+372 625 6400", "hours": _hours("9:00", "17:00")},
        "coordinator": {
            "official_name": "Majandus- ja Kommunikatsiooniministeerium",
            "acronym": "MKM",
            "slug": "economic-affairs-ee",
            "city": "Tallinn",
            "address": "Suur-Ameerika 1, 10122 Tallinn",
            "phone": "+372 625 6301",
            "names": _names(
                "Ministry of Economic Affairs and Communications",
                "Министерство на икономиката и комуникациите",
                "Ministerul Afacerilor Economice și Comunicațiilor",
                "Ministeriet for Økonomiske Anliggender og Kommunikation",
                "Ekonomikas un komunikāciju ministrija",
                None,
            ),
            # Keeps the register of economic activities (demo.registers).
            "competences": {
                SERVICES: "register of economic activities, activity licences, majandustegevuse register, tegevusload",
            },
            "user": "Kadri Tamm",
        },
        "authorities": [
            {
                "official_name": "Tööinspektsioon",
                "acronym": "TI",
                "slug": "labour-inspectorate-ee",
                "city": "Tallinn",
                "address": "Mäealuse 2/1, 12618 Tallinn",
                "phone": "+372 626 9401",
                "names": _names(
                    "Labour Inspectorate",
                    "Инспекция по труда",
                    "Inspectoratul Muncii",
                    "Arbejdsinspektoratet",
                    "Darba inspekcija",
                    None,
                ),
                "competences": {
                    POSTING: "posted workers, posting notices, working conditions, "
                    "lähetatud töötajad, lähetamise teade, töötingimused",
                },
                "users": [
                    {"name": "Mart Saar"},
                    {"name": "Liis Kask", "roles": ["handler"]},
                    {"name": "Andres Mägi", "roles": ["allocator"]},
                ],
            },
            {
                "official_name": "Terviseamet",
                "acronym": "TA",
                "slug": "health-board-ee",
                "city": "Tallinn",
                "address": "Paldiski mnt 81, 10614 Tallinn",
                "phone": "+372 794 3501",
                "names": _names(
                    "Health Board",
                    "Здравна служба",
                    "Autoritatea de Sănătate",
                    "Sundhedsmyndigheden",
                    "Veselības padome",
                    None,
                ),
                "competences": {
                    PQ: "doctor, nurse, midwife, dentist, register of health professionals, "
                    "arst, õde, ämmaemand, hambaarst, tervishoiutöötajate register",
                    PATIENTS: "cross-border healthcare, right to practise, piiriülene tervishoid, kutsetegevuse õigus",
                },
                "users": [
                    {"name": "Triin Sepp"},
                    {"name": "Margus Kukk", "roles": ["handler"]},
                    {"name": "Kristiina Rebane", "roles": ["supervisor"]},
                ],
            },
            {
                "official_name": "Haridus- ja Noorteamet",
                "acronym": "HARNO",
                "slug": "education-youth-ee",
                "city": "Tallinn",
                "address": "Lõõtsa 4, 11415 Tallinn",
                "phone": "+372 730 0801",
                "names": _names(
                    "Education and Youth Board",
                    "Агенция за образование и младеж",
                    "Agenția pentru Educație și Tineret",
                    "Uddannelses- og Ungdomsstyrelsen",
                    "Izglītības un jaunatnes pārvalde",
                    None,
                ),
                "competences": {
                    PQ: "teacher, recognition of qualifications, tourist guide, "
                    "õpetaja, kvalifikatsiooni tunnustamine, giid",
                },
                "users": [
                    {"name": "Tiina Ilves"},
                    {"name": "Jaan Lepik", "roles": ["handler"]},
                ],
            },
        ],
    },
    {
        "code": "PT",
        "language": "en",
        "working_languages": ["pt", "en", "es"],
        "helpdesk": {"email": "helpdesk@imi-pt.example", "phone": "+351 21 791 9100", "hours": _hours("9:30", "17:30")},
        "coordinator": {
            "official_name": "Direção-Geral das Atividades Económicas",
            "acronym": "DGAE",
            "slug": "economic-activities-pt",
            "city": "Lisboa",
            "address": "Avenida Visconde Valmor, 72, 1069-041 Lisboa",
            "phone": "+351 21 791 9001",
            "names": _names(
                "Directorate-General for Economic Activities",
                "Главна дирекция „Икономически дейности“",
                "Direcția Generală pentru Activități Economice",
                "Generaldirektoratet for Økonomiske Aktiviteter",
                "Saimnieciskās darbības ģenerāldirektorāts",
                "Majandustegevuse Peadirektoraat",
            ),
            "user": "Ana Ferreira",
        },
        "authorities": [
            {
                "official_name": "Turismo de Portugal, I.P.",
                "acronym": "TdP",
                "slug": "tourism-pt",
                "city": "Lisboa",
                "address": "Rua Ivone Silva, Lote 6, 1050-124 Lisboa",
                "phone": "+351 21 781 0001",
                "names": _names(
                    "Portuguese Tourism Authority",
                    "Агенция по туризъм на Португалия",
                    "Autoritatea pentru Turism a Portugaliei",
                    "Portugals Turistmyndighed",
                    "Portugāles Tūrisma iestāde",
                    "Portugali Turismiamet",
                ),
                "competences": {
                    PQ: "tourist guide, guia-intérprete, tour guide, tour escort, guia-intérprete nacional, "
                    "correio de turismo",
                    SERVICES: "travel agencies, tourist accommodation, tourist entertainment, "
                    "agências de viagens e turismo, empreendimentos turísticos, animação turística",
                },
                "users": [
                    {"name": "João Silva"},
                    {"name": "Maria Santos", "roles": ["handler"]},
                    {"name": "Rui Costa", "roles": ["supervisor"]},
                ],
            },
            {
                "official_name": "Autoridade para as Condições do Trabalho",
                "acronym": "ACT",
                "slug": "working-conditions-pt",
                "city": "Lisboa",
                "address": "Avenida Casal Ribeiro, 18-A, 1000-092 Lisboa",
                "phone": "+351 21 330 8701",
                "names": _names(
                    "Authority for Working Conditions",
                    "Орган по условията на труд",
                    "Autoritatea pentru Condițiile de Muncă",
                    "Myndigheden for Arbejdsvilkår",
                    "Darba apstākļu iestāde",
                    "Töötingimuste Amet",
                ),
                "competences": {
                    POSTING: "posted workers, posting declarations, working conditions, "
                    "trabalhadores destacados, destacamento de trabalhadores, condições de trabalho",
                },
                "users": [
                    {"name": "Pedro Oliveira"},
                    {"name": "Sofia Pereira", "roles": ["handler"]},
                    {"name": "Miguel Rodrigues", "roles": ["allocator"]},
                ],
            },
            {
                "official_name": "Ordem dos Médicos",
                "acronym": "OM",
                "slug": "medical-association-pt",
                "city": "Lisboa",
                "address": "Avenida Almirante Gago Coutinho, 151, 1749-084 Lisboa",
                "phone": "+351 21 842 7101",
                "names": _names(
                    "Portuguese Medical Association",
                    "Португалска лекарска камара",
                    "Ordinul Medicilor din Portugalia",
                    "Den Portugisiske Lægeforening",
                    "Portugāles Ārstu palāta",
                    "Portugali Arstide Koda",
                ),
                "competences": {
                    PQ: "doctor, medical specialist, registration with the Order, "
                    "médico, médico especialista, inscrição na Ordem",
                    PATIENTS: "right to practise, cross-border healthcare, "
                    "direito ao exercício da profissão, cuidados de saúde transfronteiriços",
                },
                "users": [
                    {"name": "Catarina Almeida"},
                    {"name": "Tiago Martins", "roles": ["handler"]},
                ],
            },
            {
                "official_name": "Instituto dos Registos e do Notariado, I.P.",
                "acronym": "IRN",
                "slug": "registries-pt",
                "city": "Lisboa",
                "address": "Avenida D. João II, 1.8.01D, 1990-097 Lisboa",
                "phone": "+351 21 151 4501",
                "names": _names(
                    "Institute of Registries and Notary",
                    "Институт по регистрите и нотариата",
                    "Institutul Registrelor și Notariatului",
                    "Instituttet for Registre og Notarvæsen",
                    "Reģistru un notariāta institūts",
                    "Registrite ja Notariaadi Instituut",
                ),
                "competences": {
                    DOCUMENTS: "birth certificates, marriage certificates, civil registration, "
                    "certidão de nascimento, certidão de casamento, registo civil",
                    SERVICES: "company registration, registo comercial",
                },
                "users": [
                    {"name": "Inês Carvalho"},
                    {"name": "Nuno Gomes", "roles": ["handler"]},
                ],
            },
        ],
    },
]

SUPERUSER = {"name": "Demo Administrator", "email": f"admin@{EMAIL_DOMAIN}", "language": "en"}

# Bulgarian Latin transliteration (Transliteration Act 2009), for e-mail addresses.
_BG_LATIN = {
    **dict(zip("абвгдезиклмнопрстуф", "abvgdeziklmnoprstuf", strict=True)),
    **{"ж": "zh", "й": "y", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y"},
    **{"ю": "yu", "я": "ya"},
}
_LATIN_EXTRA = {"æ": "ae", "ø": "o", "å": "aa", "ß": "ss", "đ": "d", "ł": "l"}


def _ascii(text):
    text = text.lower()
    # "-ия" at the end of a word is "-ia" (Мария: maria).
    words = [w[:-2] + "иа" if w.endswith("ия") else w for w in text.split(" ")]
    text = " ".join(words)
    text = "".join(_BG_LATIN.get(c, _LATIN_EXTRA.get(c, c)) for c in text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isascii())


def demo_email(full_name, country_code):
    """firstname.lastname@<cc>.demo.imi.test, in ASCII."""
    first, *rest = full_name.split(" ")
    local = ".".join(_ascii(part) for part in [first, rest[-1]])
    return f"{local}@{country_code.lower()}.{EMAIL_DOMAIN}"


def _authority_names(spec, language):
    names = dict(spec["names"])
    if names.get(language) is None:
        names[language] = spec["official_name"]
    missing = [lang for lang in LANGUAGES if not names.get(lang)]
    if missing:
        raise CommandError(f"{spec['official_name']}: no display name in {', '.join(missing)}")
    return names


def _role_pairs(user_spec, areas):
    """The (area code, kind) pairs of one authority user."""
    pairs = set()
    if user_spec.get("lda"):
        pairs |= {(area, "handler") for area in areas}
    for role in user_spec.get("roles", []):
        kind, _sep, area = role.partition(":")
        if area and area not in areas:
            raise CommandError(f"{user_spec['name']}: role in {area}, where the authority is not competent")
        pairs |= {(area, kind)} if area else {(a, kind) for a in areas}
    return pairs


def demo_users():
    """Every demo user as a dict, in the order of the data; the one place that says who is who.

    Keys: name, email, country (code or None), language, kind (superuser,
    helpdesk, coordinator, lda, handler, allocator, supervisor), authority
    (official name or None), roles ({(area, kind)}), active, absent.
    """
    users = [
        {
            "name": SUPERUSER["name"],
            "email": SUPERUSER["email"],
            "country": None,
            "language": SUPERUSER["language"],
            "kind": "superuser",
            "authority": None,
            "roles": set(),
            "active": True,
            "absent": False,
        }
    ]
    for country in COUNTRIES:
        code, language = country["code"], country["language"]

        def user(name, kind, authority=None, roles=(), active=True, absent=False, code=code, language=language):
            return {
                "name": name,
                "email": demo_email(name, code),
                "country": code,
                "language": language,
                "kind": kind,
                "authority": authority,
                "roles": set(roles),
                "active": active,
                "absent": absent,
            }

        coordinator = country["coordinator"]
        users.append(user(coordinator["user"], "coordinator", coordinator["official_name"]))
        for name in country.get("helpdesk_staff", []):
            users.append(user(name, "helpdesk"))
        for spec in country["authorities"]:
            areas = set(spec["competences"])
            for index, user_spec in enumerate(spec["users"]):
                user_spec = {**user_spec, "lda": index == 0}
                roles = user_spec.get("roles", [])
                kind = "lda" if index == 0 else roles[0].partition(":")[0]
                users.append(
                    user(
                        user_spec["name"],
                        kind,
                        spec["official_name"],
                        _role_pairs(user_spec, areas),
                        active=user_spec.get("active", True),
                        absent=user_spec.get("absent", False),
                    )
                )
    emails = [u["email"] for u in users]
    duplicates = {e for e in emails if emails.count(e) > 1}
    if duplicates:
        raise CommandError(f"Duplicate demo e-mails: {', '.join(sorted(duplicates))}")
    return users


class Command(BaseCommand):
    help = (
        "Create or update the demo world (countries' helpdesks, coordinators, authorities, users, question sets) "
        "and its information requests. Idempotent."
    )

    def handle(self, *args, **options):
        with translation.override("en"), transaction.atomic():
            self.created = self.updated = 0
            self._password_hash = None
            self._verified = {}
            reference = load_reference_data()
            self.created += reference["created"]
            self.updated += reference["updated"]
            question_sets = load_question_sets()
            self.created += question_sets["created"]
            self.updated += question_sets["updated"]
            self.areas = {area.code: area for area in LegislativeArea.objects.all()}
            self.countries = {country.code: country for country in Country.objects.all()}

            authorities = {}
            for country in COUNTRIES:
                self._helpdesk(country)
                coordinator = self._authority(
                    country,
                    country["coordinator"],
                    coordinator_type=Authority.CoordinatorType.NATIONAL,
                )
                authorities[coordinator.official_name] = coordinator
                for spec in country["authorities"]:
                    authority = self._authority(country, spec)
                    authorities[authority.official_name] = authority

            users = demo_users()
            by_email = {}
            for spec in users:
                by_email[spec["email"]] = self._user(spec, authorities)
            self._backups(users, by_email)
            authority_search_refresh(authorities=Authority.objects.all())
            # After the authorities and their competences: each register is kept by one of them.
            registers = create_demo_registers()
            self.created += registers["created"]
            self.updated += registers["updated"]

            totp = sum(self._totp(user) for user in by_email.values() if user.requires_mfa)

            # After the users: the requests' actors are looked up among them by e-mail.
            requests_before = InformationRequest.objects.count()
            create_demo_requests(by_email)
            per_state = dict(InformationRequest.objects.order_by().values_list("status").annotate(count=Count("pk")))

        authority_count = len(authorities)
        states = ", ".join(f"{per_state.get(status, 0)} {status}" for status in Status.values)
        request_count = sum(per_state.values())
        self.stdout.write(
            f"Demo world: {len(self.countries)} countries, {len(COUNTRIES)} with helpdesks, "
            f"{authority_count} authorities, {len(by_email)} users, {registers['registers']} registers "
            f"({self.created} rows created, {self.updated} updated, {totp} authenticators added); "
            f"{request_count} requests ({states}; {request_count - requests_before} created)."
        )

    # Rows -------------------------------------------------------------------

    def _save(self, model, lookup, values):
        """Find the row by its natural key; create it or write what differs (stored values compared)."""
        obj = model.objects.filter(**lookup).first()
        created = obj is None
        if created:
            obj = model(**lookup)
        changed = False
        for name, value in values.items():
            field = model._meta.get_field(name)
            if field.many_to_one:
                name, value = field.attname, (value.pk if value is not None else None)
            if created or obj.__dict__.get(name) != value:
                setattr(obj, name, value)
                changed = True
        if created:
            obj.save()
            self.created += 1
        elif changed:
            obj.save()
            self.updated += 1
        return obj, created

    @staticmethod
    def _translated(field, texts):
        # The untranslated column holds English; setting it also sets the active
        # language's column (English here), so it goes first.
        values = {field: texts["en"]}
        values.update({f"{field}_{lang}": texts[lang] for lang in LANGUAGES})
        return values

    def _helpdesk(self, country):
        spec = country["helpdesk"]
        self._save(
            NationalHelpdesk,
            {"country": self.countries[country["code"]]},
            {"email": spec["email"], "phone": spec["phone"], **self._translated("opening_hours", spec["hours"])},
        )

    def _authority(self, country, spec, coordinator_type=Authority.CoordinatorType.NONE):
        domain = f"{spec['slug']}.example"
        authority, _created = self._save(
            Authority,
            {"country": self.countries[country["code"]], "official_name": spec["official_name"]},
            {
                **self._translated("display_name", _authority_names(spec, country["language"])),
                "acronym": spec["acronym"],
                "city": spec["city"],
                "address": spec["address"],
                "email": f"imi@{domain}",
                "phone": spec["phone"],
                "website": f"https://{domain}",
                "languages": country["working_languages"],
                "status": spec.get("status", Authority.Status.VALIDATED),
                "coordinator_type": coordinator_type,
            },
        )
        for area, keywords in spec.get("competences", {}).items():
            lookup = {"authority": authority, "legislative_area": self.areas[area]}
            self._save(Competence, lookup, {"keywords": keywords})
        return authority

    def _user(self, spec, authorities):
        today = timezone.localdate()
        absent = (today - timedelta(days=2), today + timedelta(days=10)) if spec["absent"] else (None, None)
        user, created = self._save(
            User,
            {"email": spec["email"]},
            {
                "full_name": spec["name"],
                "preferred_language": spec["language"],
                "authority": authorities[spec["authority"]] if spec["authority"] else None,
                "is_lda": spec["kind"] in ("lda", "coordinator"),
                "helpdesk_country": self.countries[spec["country"]] if spec["kind"] == "helpdesk" else None,
                "is_superuser": spec["kind"] == "superuser",
                "is_active": spec["active"],
                "absent_from": absent[0],
                "absent_until": absent[1],
            },
        )
        self._password(user, created=created)
        for area, kind in sorted(spec["roles"]):
            _role, created = Role.objects.get_or_create(user=user, legislative_area=self.areas[area], kind=kind)
            self.created += created
        return user

    def _password(self, user, *, created):
        """Give the user the demo password, unless it already has it.

        Hashing takes about half a second, so it is done once per run: the
        first user is given the password with set_password and the others the
        same hash (its salt is shared, which is harmless for a published demo
        password); a stored hash is checked once for all users who share it.
        """
        if user.password not in self._verified:
            self._verified[user.password] = check_password(DEMO_PASSWORD, user.password)
        if self._verified[user.password]:
            return
        if self._password_hash is None:
            user.set_password(DEMO_PASSWORD)
            self._password_hash = user.password
            self._verified[user.password] = True
        else:
            user.password = self._password_hash
        user.save(update_fields=["password"])
        self.updated += not created

    def _backups(self, users, by_email):
        """Each authority user is covered by the next active, present colleague of the same authority."""
        colleagues = {}
        for spec in users:
            if spec["authority"] and spec["kind"] != "coordinator":
                colleagues.setdefault(spec["authority"], []).append(spec)
        for members in colleagues.values():
            active = [m for m in members if m["active"] and not m["absent"]]
            for spec in members:
                candidates = [m for m in active if m is not spec]
                if not candidates:
                    raise CommandError(f"{spec['name']} has no active colleague to be the backup")
                after = [m for m in candidates if members.index(m) > members.index(spec)]
                backup = (after or candidates)[0]
                _link, created = Backup.objects.get_or_create(
                    user=by_email[spec["email"]], backup=by_email[backup["email"]]
                )
                self.created += created

    def _totp(self, user):
        """An authenticator app on the demo secret, stored as allauth stores one (encrypted by its adapter)."""
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            return 0
        TOTP.activate(user, DEMO_TOTP_SECRET)
        return 1
