"""Measure the directory search (authorities and registers) on a directory of realistic size.

    python manage.py bench_search --authorities 20000 --registers 5000

Creates that many authorities and registers, spread over the 30 countries, with
names built from words of the six languages (Cyrillic and accents included),
competences and keywords; fills their search documents in one UPDATE per table
(the text computed as the services compute it, ``unaccent`` applied by
PostgreSQL), merges the GIN indexes' pending lists as autovacuum would, and
runs ANALYZE. Then runs a set of queries, as users type them,
through ``authorities_search`` and ``registers_search``, evaluating the first
page (25 rows) several times each, and prints the median and 95th percentile
per kind and the plans of one search of each kind.

Everything it creates is rolled back at the end: the database is left as it was.
"""

import math
import random
import statistics
import time
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone, translation

from authorities.models import Authority, Competence, Country, LegislativeArea
from authorities.selectors import authorities_search
from authorities.services import authority_search_refresh, authority_search_text
from registers.models import Register
from registers.selectors import registers_search
from registers.services import register_search_refresh, register_search_text

CODES = [code for code, _name in settings.LANGUAGES]
PAGE = 25
BATCH = 2000

PQ = "professional-qualifications"
SERVICES = "services"
POSTING = "posting-of-workers"
PATIENTS = "patients-rights"
DOCUMENTS = "public-documents"

# The language of each country among the six, where it is one of them.
COUNTRY_LANGUAGE = {"BG": "bg", "RO": "ro", "DK": "da", "LV": "lv", "EE": "et"}

# (native spelling, Latin spelling) for Bulgaria; the native spelling elsewhere.
CITIES = {
    "AT": ["Wien", "Graz", "Linz", "Salzburg", "Innsbruck", "Klagenfurt"],
    "BE": ["Bruxelles", "Antwerpen", "Gent", "Liège", "Brugge", "Namur"],
    "BG": [("София", "Sofia"), ("Пловдив", "Plovdiv"), ("Варна", "Varna"), ("Бургас", "Burgas"), ("Русе", "Ruse"),
           ("Стара Загора", "Stara Zagora"), ("Благоевград", "Blagoevgrad")],
    "CY": ["Nicosia", "Limassol", "Larnaca", "Paphos"],
    "CZ": ["Praha", "Brno", "Ostrava", "Plzeň", "Olomouc", "České Budějovice"],
    "DE": ["Berlin", "München", "Köln", "Düsseldorf", "Hamburg", "Nürnberg"],
    "DK": ["København", "Aarhus", "Odense", "Aalborg", "Esbjerg", "Roskilde", "Næstved"],
    "EE": ["Tallinn", "Tartu", "Pärnu", "Narva", "Viljandi", "Rakvere", "Kuressaare"],
    "ES": ["Madrid", "Barcelona", "Sevilla", "Málaga", "A Coruña", "Córdoba"],
    "FI": ["Helsinki", "Espoo", "Tampere", "Turku", "Oulu", "Jyväskylä"],
    "FR": ["Paris", "Lyon", "Marseille", "Orléans", "Besançon", "Nîmes"],
    "GR": ["Athína", "Thessaloníki", "Pátra", "Irákleio", "Lárisa"],
    "HR": ["Zagreb", "Split", "Rijeka", "Osijek", "Zadar"],
    "HU": ["Budapest", "Debrecen", "Szeged", "Pécs", "Győr"],
    "IE": ["Dublin", "Cork", "Galway", "Limerick", "Waterford"],
    "IT": ["Roma", "Milano", "Napoli", "Torino", "Forlì", "Cantù"],
    "LT": ["Vilnius", "Kaunas", "Klaipėda", "Šiauliai", "Panevėžys"],
    "LU": ["Luxembourg", "Esch-sur-Alzette", "Differdange"],
    "LV": ["Rīga", "Daugavpils", "Liepāja", "Jelgava", "Jūrmala", "Ventspils", "Rēzekne"],
    "MT": ["Valletta", "Birkirkara", "Mosta", "Qormi"],
    "NL": ["Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven"],
    "PL": ["Warszawa", "Kraków", "Łódź", "Wrocław", "Poznań", "Gdańsk"],
    "PT": ["Lisboa", "Porto", "Braga", "Coimbra", "Évora", "Faro"],
    "RO": ["București", "Cluj-Napoca", "Timișoara", "Iași", "Constanța", "Brașov", "Craiova"],
    "SE": ["Stockholm", "Göteborg", "Malmö", "Uppsala", "Västerås", "Örebro"],
    "SI": ["Ljubljana", "Maribor", "Celje", "Kranj", "Koper"],
    "SK": ["Bratislava", "Košice", "Prešov", "Žilina", "Nitra"],
    "IS": ["Reykjavík", "Kópavogur", "Hafnarfjörður", "Akureyri"],
    "LI": ["Vaduz", "Schaan", "Balzers"],
    "NO": ["Oslo", "Bergen", "Trondheim", "Stavanger", "Tromsø"],
}  # fmt: skip


def _cap(text):
    return text[:1].upper() + text[1:]


# Kinds of authority, per language. {t}: the topic in the form the language
# needs there (bg: with the article, ro and lv: genitive, da and et: the stem
# of a compound, {T} capitalised, {t} lower-case); {city}: the city.
KINDS = {
    "ministry": {
        "en": "Ministry of {t}", "bg": "Министерство на {t}", "ro": "Ministerul {t}",
        "da": "{T}ministeriet", "lv": "{T} ministrija", "et": "{T}ministeerium",
    },
    "agency": {
        "en": "National Agency for {t}", "bg": "Национална агенция по {t}", "ro": "Agenția Națională a {t}",
        "da": "{T}styrelsen", "lv": "Valsts {t} aģentūra", "et": "{T}amet",
    },
    "inspectorate": {
        "en": "State Inspectorate for {t}", "bg": "Държавна инспекция по {t}", "ro": "Inspectoratul de Stat al {t}",
        "da": "{T}tilsynet", "lv": "Valsts {t} inspekcija", "et": "{T}inspektsioon",
    },
    "council": {
        "en": "National Council for {t}", "bg": "Национален съвет по {t}", "ro": "Consiliul Național al {t}",
        "da": "{T}rådet", "lv": "Nacionālā {t} padome", "et": "{T}nõukogu",
    },
    "regional": {
        "en": "Regional Directorate for {t} {city}", "bg": "Регионална дирекция по {t} – {city}",
        "ro": "Direcția Regională a {t} {city}", "da": "Regionalt {t}center {city}",
        "lv": "Reģionālā {t} pārvalde ({city})", "et": "{T}ameti {city} büroo",
    },
    "municipal": {
        "en": "{city} Municipality – {t} Department", "bg": "Община {city} – дирекция по {t}",
        "ro": "Primăria {city} – Direcția {t}", "da": "{city} Kommune – {T}forvaltningen",
        "lv": "Pašvaldības {t} nodaļa ({city})", "et": "{city} linnavalitsuse {t}osakond",
    },
    "office": {
        "en": "{t} Office {city}", "bg": "Областна служба по {t} – {city}", "ro": "Oficiul Județean al {t} {city}",
        "da": "{T}kontoret i {city}", "lv": "{T} birojs, {city}", "et": "{T}büroo, {city}",
    },
    "centre": {
        "en": "{city} Centre for {t}", "bg": "Център по {t} – {city}", "ro": "Centrul {t} {city}",
        "da": "{T}huset {city}", "lv": "{T} centrs, {city}", "et": "{city} {t}keskus",
    },
}  # fmt: skip
NATIONAL = ["ministry", "agency", "inspectorate", "council"]
LOCAL = ["regional", "municipal", "office", "centre"]

# Topics: the form each language's templates take, the legislative areas, and
# competence keywords per language; "ministry" replaces a language's ministry name.
TOPICS = [
    {
        "forms": {"en": "Labour", "bg": "труда", "ro": "Muncii", "da": "Beskæftigelses", "lv": "darba", "et": "Töö"},
        "ministry": {"lv": "Labklājības ministrija", "et": "Sotsiaalministeerium"},
        "areas": [POSTING],
        "keywords": {
            "en": "posted workers, working conditions, labour inspections",
            "bg": "командировани работници, условия на труд, проверки по труда",
            "ro": "lucrători detașați, condiții de muncă, inspecția muncii",
            "da": "udstationerede arbejdstagere, arbejdsvilkår, arbejdstilsyn",
            "lv": "norīkotie darbinieki, darba apstākļi, darba inspekcija",
            "et": "lähetatud töötajad, töötingimused, tööinspektsioon",
        },
    },
    {
        "forms": {"en": "Health", "bg": "здравеопазването", "ro": "Sănătății", "da": "Sundheds", "lv": "veselības",
                  "et": "Tervise"},
        "areas": [PQ, PATIENTS],
        "keywords": {
            "en": "doctor, nurse, midwife, pharmacist, cross-border healthcare",
            "bg": "лекар, медицинска сестра, акушерка, фармацевт, трансгранично здравно обслужване",
            "ro": "medic, asistent medical, moașă, farmacist, asistență medicală transfrontalieră",
            "da": "læge, sygeplejerske, jordemoder, farmaceut, grænseoverskridende sundhedsydelser",
            "lv": "ārsts, māsa, vecmāte, farmaceits, pārrobežu veselības aprūpe",
            "et": "arst, õde, ämmaemand, proviisor, piiriülene tervishoid",
        },
    },
    {
        "forms": {"en": "Tourism", "bg": "туризма", "ro": "Turismului", "da": "Turisme", "lv": "tūrisma",
                  "et": "Turismi"},
        "areas": [SERVICES, PQ],
        "keywords": {
            "en": "tourist guide, travel agencies, tour operators, hotel classification",
            "bg": "екскурзовод, туристически агенти, туроператори, категоризация на хотели",
            "ro": "ghid de turism, agenții de turism, operatori de turism, clasificarea hotelurilor",
            "da": "turistguide, rejsebureauer, rejsearrangører, hotelklassificering",
            "lv": "tūristu gids, tūrisma aģentūras, tūroperatori, viesnīcu klasifikācija",
            "et": "giid, reisibürood, reisikorraldajad, hotellide liigitamine",
        },
    },
    {
        "forms": {"en": "Education", "bg": "образованието", "ro": "Educației", "da": "Undervisnings",
                  "lv": "izglītības", "et": "Haridus"},
        "areas": [PQ],
        "keywords": {
            "en": "teacher, recognition of diplomas, academic recognition",
            "bg": "учител, признаване на дипломи, академично признаване",
            "ro": "profesor, recunoașterea diplomelor, recunoaștere academică",
            "da": "lærer, anerkendelse af eksamensbeviser, akademisk anerkendelse",
            "lv": "skolotājs, diplomu atzīšana, akadēmiskā atzīšana",
            "et": "õpetaja, diplomite tunnustamine, akadeemiline tunnustamine",
        },
    },
    {
        "forms": {"en": "Economy", "bg": "икономиката", "ro": "Economiei", "da": "Erhvervs", "lv": "ekonomikas",
                  "et": "Majandus"},
        "areas": [SERVICES],
        "keywords": {
            "en": "company registration, services, business licences",
            "bg": "регистрация на дружества, услуги, лицензи",
            "ro": "înregistrarea societăților, servicii, licențe",
            "da": "virksomhedsregistrering, tjenesteydelser, tilladelser",
            "lv": "uzņēmumu reģistrācija, pakalpojumi, licences",
            "et": "äriühingute registreerimine, teenused, tegevusload",
        },
    },
    {
        "forms": {"en": "Justice", "bg": "правосъдието", "ro": "Justiției", "da": "Justits", "lv": "tieslietu",
                  "et": "Justiits"},
        "areas": [DOCUMENTS, PQ],
        "keywords": {
            "en": "public documents, apostille, lawyers, notaries",
            "bg": "публични документи, апостил, адвокати, нотариуси",
            "ro": "documente publice, apostilă, avocați, notari",
            "da": "offentlige dokumenter, apostille, advokater, notarer",
            "lv": "publiski dokumenti, apostille, advokāti, notāri",
            "et": "avalikud dokumendid, apostill, advokaadid, notarid",
        },
    },
    {
        "forms": {"en": "Construction", "bg": "строителството", "ro": "Construcțiilor", "da": "Bygge",
                  "lv": "būvniecības", "et": "Ehitus"},
        "areas": [SERVICES, PQ],
        "keywords": {
            "en": "architect, construction companies, building permits, engineer",
            "bg": "архитект, строителни фирми, разрешения за строеж, инженер",
            "ro": "arhitect, firme de construcții, autorizații de construire, inginer",
            "da": "arkitekt, byggevirksomheder, byggetilladelser, ingeniør",
            "lv": "arhitekts, būvkomersanti, būvatļaujas, inženieris",
            "et": "arhitekt, ehitusettevõtted, ehitusload, insener",
        },
    },
    {
        "forms": {"en": "Transport", "bg": "транспорта", "ro": "Transporturilor", "da": "Transport",
                  "lv": "satiksmes", "et": "Transpordi"},
        "areas": [SERVICES],
        "keywords": {
            "en": "driving licences, road haulage, taxi",
            "bg": "свидетелства за управление, автомобилен превоз, такси",
            "ro": "permise de conducere, transport rutier, taxi",
            "da": "kørekort, vejgodstransport, taxi",
            "lv": "vadītāja apliecības, autopārvadājumi, taksometri",
            "et": "juhiload, autovedu, takso",
        },
    },
    {
        "forms": {"en": "Agriculture", "bg": "земеделието", "ro": "Agriculturii", "da": "Landbrugs",
                  "lv": "zemkopības", "et": "Põllumajandus"},
        "areas": [SERVICES, PQ],
        "keywords": {
            "en": "veterinary surgeon, food safety",
            "bg": "ветеринарен лекар, безопасност на храните",
            "ro": "medic veterinar, siguranța alimentelor",
            "da": "dyrlæge, fødevaresikkerhed",
            "lv": "veterinārārsts, pārtikas drošība",
            "et": "veterinaararst, toiduohutus",
        },
    },
    {
        "forms": {"en": "Environment", "bg": "околната среда", "ro": "Mediului", "da": "Miljø", "lv": "vides",
                  "et": "Keskkonna"},
        "areas": [SERVICES],
        "keywords": {
            "en": "waste management, environmental permits",
            "bg": "управление на отпадъците, екологични разрешителни",
            "ro": "gestionarea deșeurilor, autorizații de mediu",
            "da": "affaldshåndtering, miljøgodkendelser",
            "lv": "atkritumu apsaimniekošana, vides atļaujas",
            "et": "jäätmekäitlus, keskkonnaload",
        },
    },
    {
        "forms": {"en": "Culture", "bg": "културата", "ro": "Culturii", "da": "Kultur", "lv": "kultūras",
                  "et": "Kultuuri"},
        "areas": [PQ],
        "keywords": {
            "en": "restorer, cultural heritage",
            "bg": "реставратор, културно наследство",
            "ro": "restaurator, patrimoniu cultural",
            "da": "konservator, kulturarv",
            "lv": "restaurators, kultūras mantojums",
            "et": "restauraator, kultuuripärand",
        },
    },
    {
        "forms": {"en": "Finance", "bg": "финансите", "ro": "Finanțelor", "da": "Finans", "lv": "finanšu",
                  "et": "Rahandus"},
        "areas": [SERVICES, PQ],
        "keywords": {
            "en": "accountant, auditor, tax adviser",
            "bg": "счетоводител, одитор, данъчен консултант",
            "ro": "contabil, auditor, consultant fiscal",
            "da": "bogholder, revisor, skatterådgiver",
            "lv": "grāmatvedis, revidents, nodokļu konsultants",
            "et": "raamatupidaja, audiitor, maksunõustaja",
        },
    },
    {
        "forms": {"en": "Consumer Protection", "bg": "защита на потребителите", "ro": "Protecției Consumatorilor",
                  "da": "Forbruger", "lv": "patērētāju tiesību aizsardzības", "et": "Tarbijakaitse"},
        "areas": [SERVICES],
        "keywords": {
            "en": "consumer protection, package travel, unfair commercial practices",
            "bg": "защита на потребителите, пакетни туристически пътувания, нелоялни търговски практики",
            "ro": "protecția consumatorilor, pachete de servicii de călătorie, practici comerciale neloiale",
            "da": "forbrugerbeskyttelse, pakkerejser, urimelig handelspraksis",
            "lv": "patērētāju tiesību aizsardzība, kompleksie tūrisma pakalpojumi, negodīga komercprakse",
            "et": "tarbijakaitse, pakettreisid, ebaausad kaubandustavad",
        },
    },
    {
        "forms": {"en": "Civil Registration", "bg": "гражданската регистрация", "ro": "Stării Civile",
                  "da": "Folkeregister", "lv": "dzimtsarakstu", "et": "Perekonnaseisu"},
        "areas": [DOCUMENTS],
        "keywords": {
            "en": "birth certificates, marriage certificates, civil status records",
            "bg": "удостоверения за раждане, удостоверения за брак, актове за гражданско състояние",
            "ro": "certificate de naștere, certificate de căsătorie, acte de stare civilă",
            "da": "fødselsattester, vielsesattester, civilstand",
            "lv": "dzimšanas apliecības, laulības apliecības, civilstāvokļa akti",
            "et": "sünnitunnistused, abielutunnistused, perekonnaseisuaktid",
        },
    },
    {
        "forms": {"en": "Social Security", "bg": "социалното осигуряване", "ro": "Asigurărilor Sociale",
                  "da": "Social", "lv": "sociālās apdrošināšanas", "et": "Sotsiaalkindlustus"},
        "areas": [POSTING],
        "keywords": {
            "en": "social security, A1 certificates, posted workers",
            "bg": "социално осигуряване, удостоверения A1, командировани работници",
            "ro": "asigurări sociale, certificate A1, lucrători detașați",
            "da": "social sikring, A1-attester, udstationerede arbejdstagere",
            "lv": "sociālā apdrošināšana, A1 apliecības, norīkotie darbinieki",
            "et": "sotsiaalkindlustus, A1-tõendid, lähetatud töötajad",
        },
    },
]  # fmt: skip

# Register names: {p} the plural in the form the template needs (bg: with the
# article, ro: genitive, lv and et: genitive), {P} capitalised, {country} the country.
REGISTER_KINDS = [
    {"en": "National register of {p}", "bg": "Национален регистър на {p}", "ro": "Registrul național al {p}",
     "da": "Nationalt register over {p}", "lv": "Valsts {p} reģistrs", "et": "Riiklik {p} register"},
    {"en": "Public register of {p}", "bg": "Публичен регистър на {p}", "ro": "Registrul public al {p}",
     "da": "Offentligt register over {p}", "lv": "Publiskais {p} reģistrs", "et": "Avalik {p} register"},
    {"en": "Register of {p} – {country}", "bg": "Регистър на {p} – {country}", "ro": "Registrul {p} din {country}",
     "da": "Register over {p} i {country}", "lv": "{P} reģistrs ({country})", "et": "{P} register ({country})"},
]  # fmt: skip
REGISTER_DESCRIPTION = {
    "en": "Search by name or registration number; the register shows the address and current status of every "
    "entry. Kept by {authority}, {country}.",
    "bg": "Търсене по име или регистрационен номер; регистърът показва адреса и актуалния статус на всяко "
    "вписване. Поддържа се от {authority}, {country}.",
    "ro": "Căutare după nume sau număr de înregistrare; registrul arată adresa și starea actuală a fiecărei "
    "înscrieri. Ținut de {authority}, {country}.",
    "da": "Søg på navn eller registreringsnummer; registret viser adresse og aktuel status for hver registrering. "
    "Føres af {authority}, {country}.",
    "lv": "Meklēšana pēc nosaukuma vai reģistrācijas numura; reģistrā redzama katra ieraksta adrese un pašreizējais "
    "statuss. Uztur {authority}, {country}.",
    "et": "Otsing nime või registrinumbri järgi; registrist näeb iga kande aadressi ja kehtivat staatust. "
    "Peab {authority}, {country}.",
}

# (area, plural per language for the register names, singular per language for what it covers)
PROFESSIONS = [
    (PQ, ("tourist guides", "екскурзоводите", "ghizilor de turism", "turistguider", "tūristu gidu", "giidide"),
     ("tourist guide", "екскурзовод", "ghid de turism", "turistguide", "tūristu gids", "giid")),
    (PQ, ("architects", "архитектите", "arhitecților", "arkitekter", "arhitektu", "arhitektide"),
     ("architect", "архитект", "arhitect", "arkitekt", "arhitekts", "arhitekt")),
    (PQ, ("doctors", "лекарите", "medicilor", "læger", "ārstu", "arstide"),
     ("doctor", "лекар", "medic", "læge", "ārsts", "arst")),
    (PQ, ("nurses", "медицинските сестри", "asistenților medicali", "sygeplejersker", "māsu", "õdede"),
     ("nurse", "медицинска сестра", "asistent medical", "sygeplejerske", "māsa", "õde")),
    (PQ, ("pharmacists", "фармацевтите", "farmaciștilor", "farmaceuter", "farmaceitu", "proviisorite"),
     ("pharmacist", "фармацевт", "farmacist", "farmaceut", "farmaceits", "proviisor")),
    (PQ, ("dentists", "лекарите по дентална медицина", "medicilor dentiști", "tandlæger", "zobārstu",
          "hambaarstide"),
     ("dentist", "лекар по дентална медицина", "medic dentist", "tandlæge", "zobārsts", "hambaarst")),
    (PQ, ("midwives", "акушерките", "moașelor", "jordemødre", "vecmāšu", "ämmaemandate"),
     ("midwife", "акушерка", "moașă", "jordemoder", "vecmāte", "ämmaemand")),
    (PQ, ("veterinary surgeons", "ветеринарните лекари", "medicilor veterinari", "dyrlæger", "veterinārārstu",
          "veterinaararstide"),
     ("veterinary surgeon", "ветеринарен лекар", "medic veterinar", "dyrlæge", "veterinārārsts", "veterinaararst")),
    (PQ, ("lawyers", "адвокатите", "avocaților", "advokater", "advokātu", "advokaatide"),
     ("lawyer", "адвокат", "avocat", "advokat", "advokāts", "advokaat")),
    (PQ, ("engineers", "инженерите", "inginerilor", "ingeniører", "inženieru", "inseneride"),
     ("engineer", "инженер", "inginer", "ingeniør", "inženieris", "insener")),
    (PQ, ("teachers", "учителите", "profesorilor", "lærere", "skolotāju", "õpetajate"),
     ("teacher", "учител", "profesor", "lærer", "skolotājs", "õpetaja")),
    (PQ, ("auditors", "одиторите", "auditorilor", "revisorer", "revidentu", "audiitorite"),
     ("auditor", "одитор", "auditor", "revisor", "revidents", "audiitor")),
    (SERVICES, ("construction companies", "строителните фирми", "societăților de construcții", "byggevirksomheder",
                "būvkomersantu", "ehitusettevõtjate"),
     ("construction company", "строителна фирма", "societate de construcții", "byggevirksomhed", "būvkomersants",
      "ehitusettevõtja")),
    (SERVICES, ("travel agencies", "туристическите агенции", "agențiilor de turism", "rejsebureauer",
                "tūrisma aģentūru", "reisibüroode"),
     ("travel agency", "туристическа агенция", "agenție de turism", "rejsebureau", "tūrisma aģentūra", "reisibüroo")),
    (SERVICES, ("tour operators", "туроператорите", "operatorilor de turism", "rejsearrangører", "tūroperatoru",
                "reisikorraldajate"),
     ("tour operator", "туроператор", "operator de turism", "rejsearrangør", "tūroperators", "reisikorraldaja")),
    (SERVICES, ("real estate agents", "брокерите на недвижими имоти", "agenților imobiliari", "ejendomsmæglere",
                "nekustamo īpašumu aģentu", "kinnisvaramaaklerite"),
     ("real estate agent", "брокер на недвижими имоти", "agent imobiliar", "ejendomsmægler",
      "nekustamo īpašumu aģents", "kinnisvaramaakler")),
    (SERVICES, ("private security companies", "частните охранителни фирми", "societăților private de securitate",
                "private vagtvirksomheder", "apsardzes komersantu", "turvaettevõtete"),
     ("security company", "охранителна фирма", "societate de securitate", "vagtvirksomhed", "apsardzes komersants",
      "turvaettevõte")),
    (SERVICES, ("taxi operators", "таксиметровите превозвачи", "operatorilor de taxi", "taxivognmænd",
                "taksometru pārvadātāju", "taksovedajate"),
     ("taxi operator", "таксиметров превозвач", "operator de taxi", "taxivognmand", "taksometru pārvadātājs",
      "taksovedaja")),
    (SERVICES, ("companies", "търговските дружества", "societăților comerciale", "selskaber", "komersantu",
                "äriühingute"),
     ("company", "търговско дружество", "societate comercială", "selskab", "komersants", "äriühing")),
    (POSTING, ("temporary work agencies", "агенциите за временна работа", "agenților de muncă temporară",
               "vikarbureauer", "personāla nomas uzņēmumu", "renditööjõu ettevõtete"),
     ("temporary work agency", "агенция за временна работа", "agent de muncă temporară", "vikarbureau",
      "personāla nomas uzņēmums", "renditööjõu ettevõte")),
    (POSTING, ("foreign service providers", "чуждестранните доставчици на услуги", "prestatorilor de servicii străini",
               "udenlandske tjenesteydere", "ārvalstu pakalpojumu sniedzēju", "välismaiste teenuseosutajate"),
     ("posted workers", "командировани работници", "lucrători detașați", "udstationerede arbejdstagere",
      "norīkotie darbinieki", "lähetatud töötajad")),
    (PATIENTS, ("healthcare providers", "лечебните заведения", "furnizorilor de servicii medicale",
                "sundhedstjenesteydere", "ārstniecības iestāžu", "tervishoiuteenuse osutajate"),
     ("healthcare provider", "лечебно заведение", "furnizor de servicii medicale", "sundhedstjenesteyder",
      "ārstniecības iestāde", "tervishoiuteenuse osutaja")),
    (PATIENTS, ("hospitals", "болниците", "spitalelor", "hospitaler", "slimnīcu", "haiglate"),
     ("hospital", "болница", "spital", "hospital", "slimnīca", "haigla")),
    (DOCUMENTS, ("sworn translators", "заклетите преводачи", "traducătorilor autorizați", "translatører",
                 "zvērinātu tulku", "vandetõlkide"),
     ("sworn translator", "заклет преводач", "traducător autorizat", "translatør", "zvērināts tulks", "vandetõlk")),
    (DOCUMENTS, ("notaries", "нотариусите", "notarilor", "notarer", "notāru", "notarite"),
     ("notary", "нотариус", "notar", "notar", "notārs", "notar")),
]  # fmt: skip

# What users type: each language, with and without accents, typos, parts of words, Cyrillic and Latin.
QUERIES = [
    "ministry of labour",
    "minstry of helth",
    "tourist guide",
    "turist gide",
    "register of architects",
    "construction compan",
    "inspectorate",
    "Министерство на труда",
    "екскурзовод",
    "регистър на архитектите",
    "Пловдив",
    "ministerstvo na zdraveopazvaneto",
    "ekskurzovod",
    "Ministerul Muncii",
    "ministerul sanatatii",
    "registrul comertului",
    "Timișoara",
    "inspectoratul de stat al muncii",
    "Beskæftigelsesministeriet",
    "beskaeftigelse",
    "sundhedsstyrelsen",
    "København",
    "kobenhavn arkitekter",
    "Labklājības ministrija",
    "labklajibas ministrija",
    "buvkomersantu registrs",
    "Daugavpils",
    "veselibas inspekcja",
    "Sotsiaalministeerium",
    "tooinspektsioon",
    "tervishoiutöötajate register",
    "Tartu",
    "turism",
    "apostil",
    "farmac",
    "nurse midwife",
    "Kraków",
    "lodz",
]

# Whose plans are shown: a typo query of each kind, and one whose first word every register has in Romanian.
EXPLAINED = [("authorities", "turist gide"), ("registers", "turist gide"), ("registers", "registrul comertului")]
INDEXES = {"authorities": "authority_search_trgm", "registers": "register_search_trgm"}


class Rollback(Exception):
    pass


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def bulk_document_update(table, documents):
    """Write the search documents of many rows in one UPDATE, through unaccent as the services do."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS t SET search_document = unaccent(d.text) "  # noqa: S608 (a model's own table name)
            "FROM unnest(%s::bigint[], %s::text[]) AS d(id, text) WHERE t.id = d.id",
            [list(documents), list(documents.values())],
        )


class Command(BaseCommand):
    help = "Time the directory search of authorities and registers on generated data (rolled back)."

    def add_arguments(self, parser):
        parser.add_argument("--authorities", type=int, default=20_000)
        parser.add_argument("--registers", type=int, default=5_000)
        parser.add_argument("--repeat", type=int, default=3, help="Timed runs of each query of each kind.")
        parser.add_argument("--seed", type=int, default=2026, help="Seed of the generated names.")

    def handle(self, *args, authorities, registers, repeat, seed, **options):
        self.random = random.Random(seed)  # noqa: S311 (reproducible test data, not secrets)
        try:
            with translation.override("en"), transaction.atomic():
                self.run(authorities, registers, repeat)
                raise Rollback
        except Rollback:
            self.stdout.write("Rolled back: the database is unchanged.")

    # Data -------------------------------------------------------------------

    def run(self, authority_count, register_count, repeat):
        self.countries = list(Country.objects.order_by("code"))
        self.areas = {area.code: area for area in LegislativeArea.objects.all()}
        self.stdout.write(
            f"Search benchmark: {authority_count} authorities and {register_count} registers "
            f"over {len(self.countries)} countries, {len(QUERIES)} queries, {repeat} timed runs each"
        )
        started = time.perf_counter()
        authorities = self.create_authorities(authority_count)
        registers = self.create_registers(register_count, authorities)
        created = time.perf_counter() - started

        started = time.perf_counter()
        bulk_document_update(Authority._meta.db_table, {a.pk: a.document for a in authorities})
        bulk_document_update(Register._meta.db_table, {r.pk: r.document for r in registers})
        documents = time.perf_counter() - started

        started = time.perf_counter()
        with connection.cursor() as cursor:
            # What autovacuum does soon after bulk writes: move the GIN indexes' pending entries into the
            # index proper (else every index scan reads the whole pending list), then the statistics.
            for index in INDEXES.values():
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            for model in (Authority, Competence, Register, Register.legislative_areas.through):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
        analyzed = time.perf_counter() - started
        self.stdout.write(
            f"Created in {created:.1f} s; search documents in {documents:.1f} s (one UPDATE per table); "
            f"GIN pending lists merged and ANALYZE in {analyzed:.1f} s."
        )
        self.check_documents(authorities, registers)
        self.stdout.write(
            f"Directory now: {Authority.objects.count()} authorities, {Register.objects.count()} registers."
        )
        self.time_queries(repeat)
        self.explain()

    def pick_city(self, code):
        city = self.random.choice(CITIES[code])
        return city if isinstance(city, tuple) else (city, city)

    def authority_names(self, topic, kind, city):
        native, latin = city
        names = {}
        for lang in CODES:
            override = topic.get("ministry", {}).get(lang) if kind == "ministry" else None
            if override:
                names[lang] = override
                continue
            form = topic["forms"][lang]
            # Danish and Estonian compounds take the topic in lower case inside a word.
            lower = form.lower() if lang in ("da", "et") else form
            name = KINDS[kind][lang].format(t=lower, T=_cap(form), city=native if lang == "bg" else latin)
            names[lang] = _cap(name)
        return names

    def create_authorities(self, count):
        authorities, competences = [], []
        for index in range(count):
            country = self.countries[index % len(self.countries)]
            language = COUNTRY_LANGUAGE.get(country.code)
            topic = self.random.choice(TOPICS)
            kind = self.random.choice(NATIONAL if self.random.random() < 0.3 else LOCAL)
            city = self.pick_city(country.code)
            names = self.authority_names(topic, kind, city)
            official = names[language] if language else names["en"]
            acronym = "".join(word[0] for word in official.replace("–", " ").split() if word[0].isupper())[:8]
            status = self.random.choices(
                [Authority.Status.VALIDATED, Authority.Status.PENDING, Authority.Status.SUSPENDED], [94, 4, 2]
            )[0]
            authority = Authority(
                official_name=official,
                display_name=names["en"],
                **{f"display_name_{lang}": names[lang] for lang in CODES},
                acronym=acronym,
                country=country,
                city=city[0],
                email=f"bench{index}@bench.invalid",
                website=f"https://authority-{index}.bench.example",
                languages=[language, "en"] if language else ["en"],
                status=status,
            )
            areas = topic["areas"][: self.random.choice([1, len(topic["areas"])])]
            # Keywords in English and in the country's language, where it is one of the six.
            keywords = ", ".join([topic["keywords"]["en"]] + ([topic["keywords"][language]] if language else []))
            authority.bench_competences = [(area, keywords) for area in areas]
            authorities.append(authority)
        Authority.objects.bulk_create(authorities, batch_size=BATCH)
        for authority in authorities:
            for area, keywords in authority.bench_competences:
                competences.append(
                    Competence(authority=authority, legislative_area=self.areas[area], keywords=keywords)
                )
            authority.document = authority_search_text(
                authority, [keywords for _area, keywords in authority.bench_competences]
            )
        Competence.objects.bulk_create(competences, batch_size=BATCH)
        return authorities

    def create_registers(self, count, authorities):
        validated = [a for a in authorities if a.status == Authority.Status.VALIDATED] or authorities
        registers, links = [], []
        today = timezone.localdate()
        for index in range(count):
            authority = self.random.choice(validated)
            country = authority.country
            language = COUNTRY_LANGUAGE.get(country.code)
            area = self.random.choice(authority.bench_competences)[0]
            plurals, singulars = self.random.choice([(p, s) for a, p, s in PROFESSIONS if a == area])
            template = self.random.choice(REGISTER_KINDS)
            names, descriptions = {}, {}
            for position, lang in enumerate(CODES):
                country_name = getattr(country, f"name_{lang}")
                names[lang] = _cap(
                    template[lang].format(p=plurals[position], P=_cap(plurals[position]), country=country_name)
                )
                descriptions[lang] = REGISTER_DESCRIPTION[lang].format(
                    authority=getattr(authority, f"display_name_{lang}"), country=country_name
                )
            coverage = ", ".join(dict.fromkeys([singulars[0], singulars[CODES.index(language or "en")]]))
            register = Register(
                name=names["en"],
                **{f"name_{lang}": names[lang] for lang in CODES},
                description=descriptions["en"],
                **{f"description_{lang}": descriptions[lang] for lang in CODES},
                country=country,
                authority=authority,
                url=f"https://register-{index}.bench.example/",
                coverage=coverage,
                languages=authority.languages,
                last_reviewed=today - timedelta(days=self.random.randrange(500)),
                is_retired=self.random.random() < 0.03,
            )
            register.bench_area = area
            registers.append(register)
        Register.objects.bulk_create(registers, batch_size=BATCH)
        through = Register.legislative_areas.through
        for register in registers:
            links.append(through(register_id=register.pk, legislativearea_id=self.areas[register.bench_area].pk))
            register.document = register_search_text(register)
        through.objects.bulk_create(links, batch_size=BATCH)
        return registers

    def check_documents(self, authorities, registers, sample=20):
        """The bulk documents must be those the services write: rebuild a sample through them and compare."""
        sid = transaction.savepoint()
        try:
            results = []
            for label, model, rows, refresh, argument in (
                ("authorities", Authority, authorities, authority_search_refresh, "authorities"),
                ("registers", Register, registers, register_search_refresh, "registers"),
            ):
                pks = [row.pk for row in self.random.sample(rows, min(sample, len(rows)))]
                bulk = dict(model.objects.filter(pk__in=pks).values_list("pk", "search_document"))
                refresh(**{argument: model.objects.filter(pk__in=pks)})
                served = dict(model.objects.filter(pk__in=pks).values_list("pk", "search_document"))
                same = sum(bulk[pk] == served[pk] for pk in pks)
                results.append(f"{same}/{len(pks)} {label}")
        finally:
            transaction.savepoint_rollback(sid)
        self.stdout.write(f"Search documents identical to the services' on a sample: {', '.join(results)}.")

    # Measures ---------------------------------------------------------------

    def time_queries(self, repeat):
        searches = {
            "authorities": lambda query: authorities_search(query=query),
            "registers": lambda query: registers_search(query=query),
        }
        times = {kind: [] for kind in searches}
        rows = {}
        for query in QUERIES:
            for kind, search in searches.items():
                runs = []
                for _run in range(repeat):
                    started = time.perf_counter()
                    found = len(list(search(query)[:PAGE]))
                    runs.append((time.perf_counter() - started) * 1000)
                times[kind].extend(runs)
                rows[query, kind] = (found, statistics.median(runs))

        width = max(len(query) for query in QUERIES) + 2
        self.stdout.write("")
        self.stdout.write(
            f"{'query':<{width}}{'authorities':>12}{'median ms':>11}   {'registers':>10}{'median ms':>11}"
        )
        for query in QUERIES:
            (a_found, a_ms), (r_found, r_ms) = rows[query, "authorities"], rows[query, "registers"]
            self.stdout.write(f"{query:<{width}}{a_found:>12}{a_ms:>11.1f}   {r_found:>10}{r_ms:>11.1f}")
        self.stdout.write("")
        self.stdout.write(
            f"{'kind':<12}{'queries':>8}{'runs':>7}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}  (first page of {PAGE})"
        )
        for kind, values in times.items():
            self.stdout.write(
                f"{kind:<12}{len(QUERIES):>8}{len(values):>7}{statistics.median(values):>11.1f}"
                f"{percentile(values, 0.95):>9.1f}{max(values):>9.1f}"
            )

    def explain(self):
        for kind, query in EXPLAINED:
            search = authorities_search if kind == "authorities" else registers_search
            plan = search(query=query)[:PAGE].explain(analyze=True)
            used = "yes" if INDEXES[kind] in plan else "no"
            self.stdout.write(f"\nQuery plan of the {kind} search {query!r}:")
            self.stdout.write(plan)
            self.stdout.write(f"Trigram index {INDEXES[kind]} used: {used}")
