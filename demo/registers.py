"""The demo registers: public online registers that the demo authorities run.

Called by ``seed_demo`` after the authorities exist. Idempotent: a register is
found by its managing authority and English name, and only written when it
differs from the data below. Every address is under ``.example`` (RFC 2606), so
none is a real site; two point to ``broken-register.example`` for the link
checker to find broken, and one was last reviewed more than twelve months ago,
for the review reminder. A register is listed only in legislative areas its
managing authority is competent in (seed_demo gives the competences).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone, translation

from authorities.models import Authority, LegislativeArea
from core.content_loader import LANGUAGES
from registers.models import Register
from registers.services import register_search_refresh

PQ = "professional-qualifications"
SERVICES = "services"


def _texts(en, bg, ro, da, lv, et):
    return {"en": en, "bg": bg, "ro": ro, "da": da, "lv": lv, "et": et}


# Each register: the managing authority (country code and official name, as in
# seed_demo), its names and descriptions in every language, address, what it
# covers, legislative areas, working languages and how many days ago it was
# last reviewed.
DEMO_REGISTERS = [
    {
        "country": "PT",
        "authority": "Turismo de Portugal, I.P.",
        "names": _texts(
            "National Register of Tourist Guides",
            "Национален регистър на екскурзоводите",
            "Registrul național al ghizilor de turism",
            "Det nationale register over turistguider",
            "Valsts tūristu gidu reģistrs",
            "Riiklik giidide register",
        ),
        "descriptions": _texts(
            "Tourist guides (guias-intérpretes) entitled to work in Portugal, with the languages they guide in "
            "and the regions they cover. Search by name or card number.",
            "Екскурзоводите (guias-intérpretes) с право да работят в Португалия, с езиците, на които водят "
            "групи, и регионите, в които работят. Търсене по име или номер на картата.",
            "Ghizii de turism (guias-intérpretes) care au dreptul să lucreze în Portugalia, cu limbile în care "
            "ghidează și regiunile în care lucrează. Căutare după nume sau după numărul legitimației.",
            "Turistguider (guias-intérpretes), der må arbejde i Portugal, med de sprog, de guider på, og de "
            "regioner, de dækker. Søg på navn eller kortnummer.",
            "Tūristu gidi (guias-intérpretes), kuriem ir tiesības strādāt Portugālē, ar valodām, kurās viņi "
            "vada ekskursijas, un reģioniem, kuros viņi strādā. Meklēšana pēc vārda vai kartes numura.",
            "Portugalis töötamise õigusega giidid (guias-intérpretes), keeled, milles nad giidivad, ja "
            "piirkonnad, kus nad töötavad. Otsing nime või kaardi numbri järgi.",
        ),
        "url": "https://tourism-pt.example/registo/guias-interpretes",
        "coverage": "tourist guide, guia-intérprete, tour guide",
        "areas": [PQ],
        "languages": ["pt", "en"],
        "reviewed_days_ago": 12,
    },
    {
        "country": "PT",
        "authority": "Turismo de Portugal, I.P.",
        "names": _texts(
            "National Register of Travel and Tourism Agencies",
            "Национален регистър на туристическите агенции",
            "Registrul național al agențiilor de turism",
            "Det nationale register over rejsebureauer",
            "Valsts ceļojumu un tūrisma aģentūru reģistrs",
            "Riiklik reisibüroode register",
        ),
        "descriptions": _texts(
            "Travel and tourism agencies established in Portugal (RNAVT), with their registration number, "
            "address and status.",
            "Туристическите агенции, установени в Португалия (RNAVT), с регистрационния им номер, адрес и статус.",
            "Agențiile de turism stabilite în Portugalia (RNAVT), cu numărul de înregistrare, adresa și starea lor.",
            "Rejsebureauer etableret i Portugal (RNAVT) med registreringsnummer, adresse og status.",
            "Portugālē reģistrētās ceļojumu un tūrisma aģentūras (RNAVT) ar reģistrācijas numuru, adresi un statusu.",
            "Portugalis asutatud reisibürood (RNAVT) koos registreerimisnumbri, aadressi ja staatusega.",
        ),
        "url": "https://tourism-pt.example/rnavt",
        "coverage": "travel agency, tour operator, agência de viagens e turismo",
        "areas": [SERVICES],
        "languages": ["pt", "en"],
        "reviewed_days_ago": 40,
    },
    {
        "country": "DK",
        "authority": "Uddannelses- og Forskningsstyrelsen",
        "names": _texts(
            "Register of Architects in Denmark",
            "Регистър на архитектите в Дания",
            "Registrul arhitecților din Danemarca",
            "Arkitektregistret",
            "Dānijas arhitektu reģistrs",
            "Taani arhitektide register",
        ),
        "descriptions": _texts(
            "Architects who may use the protected title in Denmark, with the qualification they hold and the "
            "date it was recognised.",
            "Архитектите, които могат да използват защитеното професионално звание в Дания, с квалификацията им "
            "и датата на признаването ѝ.",
            "Arhitecții care pot folosi titlul profesional protejat în Danemarca, cu calificarea deținută și "
            "data recunoașterii acesteia.",
            "Arkitekter, der må bruge den beskyttede titel i Danmark, med deres kvalifikation og datoen for "
            "anerkendelsen.",
            "Arhitekti, kuri drīkst izmantot aizsargāto profesionālo nosaukumu Dānijā, ar viņu kvalifikāciju un "
            "tās atzīšanas datumu.",
            "Arhitektid, kes tohivad Taanis kasutada kaitstud kutsenimetust, koos nende kvalifikatsiooni ja "
            "selle tunnustamise kuupäevaga.",
        ),
        "url": "https://higher-education-dk.example/arkitektregister",
        "coverage": "architect, arkitekt, landscape architect, landskabsarkitekt",
        "areas": [PQ],
        "languages": ["da", "en"],
        "reviewed_days_ago": 30,
    },
    {
        "country": "DK",
        "authority": "Styrelsen for Patientsikkerhed",
        "names": _texts(
            "Register of Authorised Health Professionals",
            "Регистър на медицинските специалисти с разрешение за практикуване",
            "Registrul profesioniștilor din domeniul sănătății autorizați",
            "Autorisationsregistret",
            "Atļauju saņēmušo veselības aprūpes speciālistu reģistrs",
            "Tegevusloaga tervishoiutöötajate register",
        ),
        "descriptions": _texts(
            "Doctors, nurses, midwives, dentists and other health professionals authorised in Denmark, and any "
            "restrictions on their right to practise.",
            "Лекари, медицински сестри, акушерки, лекари по дентална медицина и други медицински специалисти с "
            "разрешение в Дания, както и ограниченията на правото им да упражняват професията.",
            "Medicii, asistenții medicali, moașele, medicii dentiști și alți profesioniști din domeniul sănătății "
            "autorizați în Danemarca, precum și eventualele restricții ale dreptului lor de a profesa.",
            "Læger, sygeplejersker, jordemødre, tandlæger og andre sundhedspersoner med autorisation i Danmark "
            "samt eventuelle begrænsninger i retten til at udøve erhvervet.",
            "Dānijā atļauju saņēmušie ārsti, māsas, vecmātes, zobārsti un citi veselības aprūpes speciālisti, kā "
            "arī viņu tiesību praktizēt ierobežojumi.",
            "Taanis tegevusloa saanud arstid, õed, ämmaemandad, hambaarstid ja teised tervishoiutöötajad ning "
            "nende kutsetegevuse õiguse piirangud.",
        ),
        "url": "https://patient-safety-dk.example/autorisationsregister",
        "coverage": "doctor, nurse, midwife, dentist, læge, sygeplejerske, jordemoder, tandlæge",
        "areas": [PQ],
        "languages": ["da", "en"],
        "reviewed_days_ago": 75,
    },
    {
        "country": "RO",
        "authority": "Oficiul Național al Registrului Comerțului",
        "names": _texts(
            "Romanian Trade Register",
            "Търговски регистър на Румъния",
            "Registrul Comerțului",
            "Det rumænske handelsregister",
            "Rumānijas komercreģistrs",
            "Rumeenia äriregister",
        ),
        "descriptions": _texts(
            "Companies and self-employed traders registered in Romania: registration number, registered office, "
            "activities (CAEN codes) and status. The basic data are free of charge.",
            "Дружествата и едноличните търговци, регистрирани в Румъния: регистрационен номер, седалище, "
            "дейности (кодове по CAEN) и статус. Основните данни са безплатни.",
            "Societățile și persoanele fizice autorizate înmatriculate în România: număr de ordine, sediu social, "
            "activități (coduri CAEN) și stare. Datele de bază sunt gratuite.",
            "Selskaber og selvstændige erhvervsdrivende registreret i Rumænien: registreringsnummer, hjemsted, "
            "aktiviteter (CAEN-koder) og status. Grundoplysningerne er gratis.",
            "Rumānijā reģistrētās sabiedrības un individuālie komersanti: reģistrācijas numurs, juridiskā adrese, "
            "darbības (CAEN kodi) un statuss. Pamatdati ir bez maksas.",
            "Rumeenias registreeritud äriühingud ja füüsilisest isikust ettevõtjad: registrikood, asukoht, "
            "tegevusalad (CAEN-koodid) ja staatus. Põhiandmed on tasuta.",
        ),
        "url": "https://trade-register-ro.example/recom",
        "coverage": "company registration, self-employed traders, înmatriculare, certificat constatator, "
        "registrul comerțului",
        "areas": [SERVICES],
        "languages": ["ro", "en"],
        "reviewed_days_ago": 8,
    },
    {
        "country": "RO",
        "authority": "Colegiul Medicilor din România",
        "names": _texts(
            "Single Register of Physicians of Romania",
            "Единен регистър на лекарите в Румъния",
            "Registrul unic al medicilor din România",
            "Det samlede register over læger i Rumænien",
            "Rumānijas vienotais ārstu reģistrs",
            "Rumeenia arstide ühtne register",
        ),
        "descriptions": _texts(
            "Physicians who are members of the College, with their specialties and whether they hold a valid "
            "licence to practise.",
            "Лекарите — членове на Колегията, с техните специалности и дали имат валидно разрешение за "
            "упражняване на професията.",
            "Medicii membri ai Colegiului, cu specialitățile lor și cu mențiunea dacă au aviz de liberă practică "
            "valabil.",
            "Læger, der er medlemmer af kollegiet, med deres specialer, og om de har en gyldig tilladelse til at "
            "praktisere.",
            "Kolēģijas locekļi — ārsti, viņu specialitātes un tas, vai viņiem ir derīga prakses atļauja.",
            "Kolleegiumi liikmetest arstid, nende erialad ja see, kas neil on kehtiv tegevusluba.",
        ),
        # Broken on purpose: the link checker reports it to the LDAs.
        "url": "https://broken-register.example/",
        "coverage": "doctor, medical specialist, medic, medic specialist",
        "areas": [PQ],
        "languages": ["ro", "en"],
        "reviewed_days_ago": 60,
    },
    {
        "country": "LV",
        "authority": "Ekonomikas ministrija",
        "names": _texts(
            "Register of Construction Companies",
            "Регистър на строителните фирми",
            "Registrul societăților de construcții",
            "Register over byggevirksomheder",
            "Būvkomersantu reģistrs",
            "Ehitusettevõtjate register",
        ),
        "descriptions": _texts(
            "Construction companies entitled to work in Latvia, with their responsible construction specialists "
            "and the work they may carry out.",
            "Строителните фирми с право да работят в Латвия, с отговорните им строителни специалисти и "
            "дейностите, които могат да извършват.",
            "Societățile de construcții care au dreptul să lucreze în Letonia, cu specialiștii în construcții "
            "responsabili și lucrările pe care le pot executa.",
            "Byggevirksomheder, der må arbejde i Letland, med deres ansvarlige byggefagfolk og de arbejder, de må "
            "udføre.",
            "Būvkomersanti, kuriem ir tiesības strādāt Latvijā, ar to atbildīgajiem būvspeciālistiem un darbiem, "
            "ko tie drīkst veikt.",
            "Lätis tegutseda lubatud ehitusettevõtjad koos vastutavate ehitusspetsialistide ja tööliikidega, "
            "mida nad tohivad teha.",
        ),
        # Broken on purpose, like the Romanian physicians'.
        "url": "https://broken-register.example/buvkomersanti",
        "coverage": "construction company, construction specialist, būvkomersants, būvspeciālists",
        "areas": [SERVICES],
        "languages": ["lv", "en"],
        "reviewed_days_ago": 95,
    },
    {
        "country": "LV",
        "authority": "Veselības inspekcija",
        "names": _texts(
            "Register of Medical Practitioners",
            "Регистър на медицинските лица",
            "Registrul personalului medical",
            "Register over sundhedspersoner",
            "Ārstniecības personu reģistrs",
            "Läti tervishoiutöötajate register",
        ),
        "descriptions": _texts(
            "Doctors, nurses, midwives and other medical practitioners certified in Latvia, with their "
            "certificates and specialities.",
            "Лекари, медицински сестри, акушерки и други медицински лица, сертифицирани в Латвия, с техните "
            "сертификати и специалности.",
            "Medicii, asistenții medicali, moașele și alt personal medical certificat în Letonia, cu certificatele "
            "și specialitățile lor.",
            "Læger, sygeplejersker, jordemødre og andre sundhedspersoner, der er certificeret i Letland, med "
            "deres certifikater og specialer.",
            "Latvijā sertificētie ārsti, māsas, vecmātes un citas ārstniecības personas ar viņu sertifikātiem un "
            "specialitātēm.",
            "Lätis sertifitseeritud arstid, õed, ämmaemandad ja teised tervishoiutöötajad koos nende "
            "sertifikaatide ja erialadega.",
        ),
        "url": "https://health-inspectorate-lv.example/arstniecibas-personu-registrs",
        "coverage": "doctor, nurse, midwife, ārsts, māsa, vecmāte",
        "areas": [PQ],
        "languages": ["lv", "en"],
        "reviewed_days_ago": 20,
    },
    {
        "country": "EE",
        "authority": "Majandus- ja Kommunikatsiooniministeerium",
        "names": _texts(
            "Register of Economic Activities",
            "Регистър на икономическите дейности",
            "Registrul activităților economice",
            "Registret over erhvervsaktiviteter",
            "Saimnieciskās darbības reģistrs",
            "Majandustegevuse register",
        ),
        "descriptions": _texts(
            "Notices of economic activity and activity licences in Estonia, for example for accommodation, "
            "travel services, construction and retail.",
            "Уведомленията за икономическа дейност и разрешенията за дейност в Естония, например за настаняване, "
            "туристически услуги, строителство и търговия на дребно.",
            "Notificările privind activitatea economică și autorizațiile de activitate din Estonia, de exemplu "
            "pentru cazare, servicii turistice, construcții și comerț cu amănuntul.",
            "Meddelelser om erhvervsaktivitet og tilladelser i Estland, f.eks. til overnatning, rejseydelser, "
            "byggeri og detailhandel.",
            "Paziņojumi par saimniecisko darbību un darbības licences Igaunijā, piemēram, izmitināšanai, tūrisma "
            "pakalpojumiem, būvniecībai un mazumtirdzniecībai.",
            "Majandustegevusteated ja tegevusload Eestis, näiteks majutuse, reisiteenuste, ehituse ja "
            "jaekaubanduse kohta.",
        ),
        "url": "https://economic-affairs-ee.example/mtr",
        "coverage": "activity licence, notice of economic activity, travel agency, tegevusluba, "
        "majandustegevusteade, reisiettevõtja",
        "areas": [SERVICES],
        "languages": ["et", "en"],
        "reviewed_days_ago": 15,
    },
    {
        "country": "EE",
        "authority": "Terviseamet",
        "names": _texts(
            "Register of Health Care Professionals",
            "Регистър на медицинските специалисти",
            "Registrul profesioniștilor din domeniul sănătății",
            "Register over sundhedspersonale",
            "Veselības aprūpes speciālistu reģistrs",
            "Tervishoiutöötajate register",
        ),
        "descriptions": _texts(
            "Doctors, dentists, nurses and midwives registered in Estonia, with their specialities and "
            "registration codes.",
            "Лекари, лекари по дентална медицина, медицински сестри и акушерки, регистрирани в Естония, с "
            "техните специалности и регистрационни кодове.",
            "Medicii, medicii dentiști, asistenții medicali și moașele înregistrați în Estonia, cu specialitățile "
            "și codurile lor de înregistrare.",
            "Læger, tandlæger, sygeplejersker og jordemødre registreret i Estland med deres specialer og "
            "registreringskoder.",
            "Igaunijā reģistrētie ārsti, zobārsti, māsas un vecmātes ar viņu specialitātēm un reģistrācijas kodiem.",
            "Eestis registreeritud arstid, hambaarstid, õed ja ämmaemandad koos nende erialade ja "
            "registreerimiskoodidega.",
        ),
        "url": "https://health-board-ee.example/tervishoiutootajate-register",
        "coverage": "doctor, dentist, nurse, midwife, arst, hambaarst, õde, ämmaemand",
        "areas": [PQ],
        "languages": ["et", "en"],
        "reviewed_days_ago": 50,
    },
    {
        "country": "BG",
        "authority": "Министерство на туризма",
        "names": _texts(
            "Register of Tour Operators and Travel Agents",
            "Регистър на туроператорите и туристическите агенти",
            "Registrul operatorilor de turism și al agenților de turism",
            "Register over rejsearrangører og rejsebureauer",
            "Tūroperatoru un tūrisma aģentu reģistrs",
            "Reisikorraldajate ja reisiagentide register",
        ),
        "descriptions": _texts(
            "Tour operators and travel agents registered in Bulgaria, part of the National Tourist Register, "
            "with their registration certificate and insurance.",
            "Туроператорите и туристическите агенти, регистрирани в България, част от Националния туристически "
            "регистър, с удостоверението им за регистрация и застраховката.",
            "Operatorii de turism și agenții de turism înregistrați în Bulgaria, parte a Registrului național de "
            "turism, cu certificatul de înregistrare și asigurarea lor.",
            "Rejsearrangører og rejsebureauer registreret i Bulgarien, en del af det nationale turistregister, "
            "med registreringsbevis og forsikring.",
            "Bulgārijā reģistrētie tūroperatori un tūrisma aģenti, kas iekļauti Nacionālajā tūrisma reģistrā, ar "
            "reģistrācijas apliecību un apdrošināšanu.",
            "Bulgaarias registreeritud reisikorraldajad ja reisiagendid, mis kuuluvad riiklikku turismiregistrisse, "
            "koos registreerimistunnistuse ja kindlustusega.",
        ),
        "url": "https://tourism-bg.example/nacionalen-turisticheski-registar",
        "coverage": "tour operator, travel agent, туроператор, туристически агент",
        "areas": [SERVICES],
        "languages": ["bg", "en"],
        "reviewed_days_ago": 5,
    },
    {
        "country": "BG",
        "authority": "Министерство на туризма",
        "names": _texts(
            "Register of Tourist Guides and Mountain Guides",
            "Регистър на екскурзоводите и планинските водачи",
            "Registrul ghizilor de turism și al ghizilor montani",
            "Register over turistguider og bjergførere",
            "Tūristu gidu un kalnu gidu reģistrs",
            "Giidide ja mägigiidide register",
        ),
        "descriptions": _texts(
            "Tourist guides and mountain guides who hold a Bulgarian certificate, with the languages they guide in.",
            "Екскурзоводите и планинските водачи с българско удостоверение, с езиците, на които водят групи.",
            "Ghizii de turism și ghizii montani care dețin un certificat bulgar, cu limbile în care ghidează.",
            "Turistguider og bjergførere med et bulgarsk certifikat og de sprog, de guider på.",
            "Tūristu gidi un kalnu gidi ar Bulgārijas apliecību un valodām, kurās viņi vada ekskursijas.",
            "Bulgaaria tunnistusega giidid ja mägigiidid ning keeled, milles nad giidivad.",
        ),
        "url": "https://tourism-bg.example/registar-ekskurzovodi",
        "coverage": "tourist guide, mountain guide, екскурзовод, планински водач",
        "areas": [PQ],
        "languages": ["bg", "en"],
        # Not reviewed for more than twelve months: its LDA is due a reminder.
        "reviewed_days_ago": 430,
    },
]


def _translated(field, texts):
    # The untranslated column holds English; setting it also sets the active
    # language's column (English here), so it goes first.
    values = {field: texts["en"]}
    values.update({f"{field}_{lang}": texts[lang] for lang in LANGUAGES})
    return values


@transaction.atomic
def create_demo_registers(today=None):
    """Create or update the demo registers; returns {"created", "updated", "registers"}."""
    today = today or timezone.localdate()
    areas = {area.code: area for area in LegislativeArea.objects.all()}
    counts = {"created": 0, "updated": 0, "registers": 0}
    pks = []
    with translation.override("en"):
        for spec in DEMO_REGISTERS:
            authority = Authority.objects.get(country__code=spec["country"], official_name=spec["authority"])
            competent = set(authority.legislative_areas.values_list("code", flat=True))
            outside = sorted(set(spec["areas"]) - competent)
            if outside:
                raise ValueError(
                    f"{spec['names']['en']}: {authority.official_name} is not competent in {', '.join(outside)}"
                )
            values = {
                **_translated("name", spec["names"]),
                **_translated("description", spec["descriptions"]),
                "country_id": authority.country_id,
                "url": spec["url"],
                "coverage": spec["coverage"],
                "is_public_and_free": spec.get("is_public_and_free", True),
                "languages": spec["languages"],
                "last_reviewed": today - timedelta(days=spec["reviewed_days_ago"]),
            }
            register = Register.objects.filter(authority=authority, name_en=spec["names"]["en"]).first()
            created = register is None
            if created:
                register = Register(authority=authority)
            changed = False
            for name, value in values.items():
                if created or register.__dict__.get(name) != value:
                    setattr(register, name, value)
                    changed = True
            if changed:
                register.save()
                counts["created" if created else "updated"] += 1
            wanted = {areas[code].pk for code in spec["areas"]}
            if set(register.legislative_areas.values_list("pk", flat=True)) != wanted:
                register.legislative_areas.set(wanted)
                counts["updated"] += not created
            pks.append(register.pk)
        register_search_refresh(registers=Register.objects.filter(pk__in=pks))
    counts["registers"] = len(pks)
    return counts
