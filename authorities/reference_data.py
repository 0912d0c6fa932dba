"""The countries and legislative areas every installation of the portal has.

Plain data, loaded by the data migration ``0002_reference_data`` (with the
historical models) and again by ``seed_demo`` (with the real ones), so both
use ``load_reference_data``. Names are the official short names of the
EU Interinstitutional Style Guide; the terms of the legislative areas follow
the IMI leaflet of each language.
"""

# The languages the names below are given in; English is the source.
LANGUAGES = ("en", "bg", "ro", "da", "lv", "et")


def _names(en, bg, ro, da, lv, et):
    return {"en": en, "bg": bg, "ro": ro, "da": da, "lv": lv, "et": et}


# EU27, then the three EEA countries. ISO 3166-1 alpha-2 codes (Greece is GR, not EL).
COUNTRIES = [
    ("AT", _names("Austria", "Австрия", "Austria", "Østrig", "Austrija", "Austria")),
    ("BE", _names("Belgium", "Белгия", "Belgia", "Belgien", "Beļģija", "Belgia")),
    ("BG", _names("Bulgaria", "България", "Bulgaria", "Bulgarien", "Bulgārija", "Bulgaaria")),
    ("CY", _names("Cyprus", "Кипър", "Cipru", "Cypern", "Kipra", "Küpros")),
    ("CZ", _names("Czechia", "Чехия", "Cehia", "Tjekkiet", "Čehija", "Tšehhi")),
    ("DE", _names("Germany", "Германия", "Germania", "Tyskland", "Vācija", "Saksamaa")),
    ("DK", _names("Denmark", "Дания", "Danemarca", "Danmark", "Dānija", "Taani")),
    ("EE", _names("Estonia", "Естония", "Estonia", "Estland", "Igaunija", "Eesti")),
    ("ES", _names("Spain", "Испания", "Spania", "Spanien", "Spānija", "Hispaania")),
    ("FI", _names("Finland", "Финландия", "Finlanda", "Finland", "Somija", "Soome")),
    ("FR", _names("France", "Франция", "Franța", "Frankrig", "Francija", "Prantsusmaa")),
    ("GR", _names("Greece", "Гърция", "Grecia", "Grækenland", "Grieķija", "Kreeka")),
    ("HR", _names("Croatia", "Хърватия", "Croația", "Kroatien", "Horvātija", "Horvaatia")),
    ("HU", _names("Hungary", "Унгария", "Ungaria", "Ungarn", "Ungārija", "Ungari")),
    ("IE", _names("Ireland", "Ирландия", "Irlanda", "Irland", "Īrija", "Iirimaa")),
    ("IT", _names("Italy", "Италия", "Italia", "Italien", "Itālija", "Itaalia")),
    ("LT", _names("Lithuania", "Литва", "Lituania", "Litauen", "Lietuva", "Leedu")),
    ("LU", _names("Luxembourg", "Люксембург", "Luxemburg", "Luxembourg", "Luksemburga", "Luksemburg")),
    ("LV", _names("Latvia", "Латвия", "Letonia", "Letland", "Latvija", "Läti")),
    ("MT", _names("Malta", "Малта", "Malta", "Malta", "Malta", "Malta")),
    ("NL", _names("Netherlands", "Нидерландия", "Țările de Jos", "Nederlandene", "Nīderlande", "Madalmaad")),
    ("PL", _names("Poland", "Полша", "Polonia", "Polen", "Polija", "Poola")),
    ("PT", _names("Portugal", "Португалия", "Portugalia", "Portugal", "Portugāle", "Portugal")),
    ("RO", _names("Romania", "Румъния", "România", "Rumænien", "Rumānija", "Rumeenia")),
    ("SE", _names("Sweden", "Швеция", "Suedia", "Sverige", "Zviedrija", "Rootsi")),
    ("SI", _names("Slovenia", "Словения", "Slovenia", "Slovenien", "Slovēnija", "Sloveenia")),
    ("SK", _names("Slovakia", "Словакия", "Slovacia", "Slovakiet", "Slovākija", "Slovakkia")),
    ("IS", _names("Iceland", "Исландия", "Islanda", "Island", "Islande", "Island")),
    ("LI", _names("Liechtenstein", "Лихтенщайн", "Liechtenstein", "Liechtenstein", "Lihtenšteina", "Liechtenstein")),
    ("NO", _names("Norway", "Норвегия", "Norvegia", "Norge", "Norvēģija", "Norra")),
]

# (code, names, descriptions). The names use the leaflet's terms: «професионални
# квалификации, услуги, командироване на работници», «calificări profesionale,
# servicii, detașarea lucrătorilor», «erhvervsmæssige kvalifikationer,
# tjenesteydelser, udstationering af arbejdstagere», «profesionālā kvalifikācija,
# pakalpojumi, darba ņēmēju norīkošana», «kutsekvalifikatsioonid, teenused,
# töötajate lähetamine».
LEGISLATIVE_AREAS = [
    (
        "professional-qualifications",
        _names(
            "Professional qualifications",
            "Професионални квалификации",
            "Calificări profesionale",
            "Erhvervsmæssige kvalifikationer",
            "Profesionālā kvalifikācija",
            "Kutsekvalifikatsioonid",
        ),
        _names(
            "Recognition of professional qualifications under Directive 2005/36/EC. Check a professional's "
            "diplomas, training, registration and right to practise with the authority of the country "
            "where they qualified.",
            "Признаване на професионалните квалификации съгласно Директива 2005/36/ЕО. Проверете дипломите, "
            "обучението, регистрацията и правоспособността на даден специалист при органа на държавата, "
            "в която е придобил квалификацията си.",
            "Recunoașterea calificărilor profesionale în temeiul Directivei 2005/36/CE. Verificați diplomele, "
            "formarea, înregistrarea și dreptul de exercitare a profesiei ale unui profesionist la autoritatea "
            "din țara în care și-a obținut calificarea.",
            "Anerkendelse af erhvervsmæssige kvalifikationer efter direktiv 2005/36/EF. Kontrollér en "
            "erhvervsudøvers eksamensbeviser, uddannelse, registrering og ret til at udøve erhvervet hos "
            "myndigheden i det land, hvor kvalifikationen er erhvervet.",
            "Profesionālās kvalifikācijas atzīšana saskaņā ar Direktīvu 2005/36/EK. Pārbaudiet speciālista "
            "diplomus, izglītību, reģistrāciju un tiesības strādāt profesijā pie tās valsts iestādes, kurā "
            "kvalifikācija iegūta.",
            "Kutsekvalifikatsioonide tunnustamine direktiivi 2005/36/EÜ alusel. Kontrollige kutseala esindaja "
            "diplomeid, väljaõpet, registreeringut ja kutsetegevuse õigust selle riigi asutuselt, kus "
            "kvalifikatsioon omandati.",
        ),
    ),
    (
        "services",
        _names("Services", "Услуги", "Servicii", "Tjenesteydelser", "Pakalpojumi", "Teenused"),
        _names(
            "Services in the internal market under Directive 2006/123/EC. Check whether a service provider "
            "is lawfully established and allowed to operate, and cooperate on its supervision.",
            "Услуги на вътрешния пазар съгласно Директива 2006/123/ЕО. Проверете дали доставчик на услуги "
            "е законно установен и има право да извършва дейност, и си сътрудничете при надзора над него.",
            "Servicii în cadrul pieței interne, în temeiul Directivei 2006/123/CE. Verificați dacă un furnizor "
            "de servicii este stabilit legal și are dreptul să își desfășoare activitatea și cooperați la "
            "supravegherea acestuia.",
            "Tjenesteydelser i det indre marked efter direktiv 2006/123/EF. Kontrollér, om en tjenesteyder er "
            "lovligt etableret og må udøve sin virksomhed, og samarbejd om tilsynet med den.",
            "Pakalpojumi iekšējā tirgū saskaņā ar Direktīvu 2006/123/EK. Pārbaudiet, vai pakalpojumu "
            "sniedzējs ir likumīgi reģistrēts un tiesīgs darboties, un sadarbojieties tā uzraudzībā.",
            "Teenused siseturul direktiivi 2006/123/EÜ alusel. Kontrollige, kas teenuseosutaja on seaduslikult "
            "asutatud ja tohib tegutseda, ning tehke koostööd tema järelevalves.",
        ),
    ),
    (
        "posting-of-workers",
        _names(
            "Posting of workers",
            "Командироване на работници",
            "Detașarea lucrătorilor",
            "Udstationering af arbejdstagere",
            "Darba ņēmēju norīkošana",
            "Töötajate lähetamine",
        ),
        _names(
            "Posting of workers under Directives 96/71/EC and 2014/67/EU. Check a posting company's "
            "establishment and the pay and working conditions of posted workers, and notify decisions and "
            "fines across borders.",
            "Командироване на работници съгласно директиви 96/71/ЕО и 2014/67/ЕС. Проверете установяването "
            "на командироващото предприятие, възнаграждението и условията на труд на командированите "
            "работници и връчвайте решения и глоби в други държави.",
            "Detașarea lucrătorilor în temeiul directivelor 96/71/CE și 2014/67/UE. Verificați stabilirea "
            "întreprinderii care detașează, remunerația și condițiile de muncă ale lucrătorilor detașați și "
            "comunicați decizii și amenzi în alte țări.",
            "Udstationering af arbejdstagere efter direktiv 96/71/EF og 2014/67/EU. Kontrollér den "
            "udstationerende virksomheds etablering og de udstationerede arbejdstageres løn- og arbejdsvilkår, "
            "og forkynd afgørelser og bøder i andre lande.",
            "Darba ņēmēju norīkošana saskaņā ar Direktīvām 96/71/EK un 2014/67/ES. Pārbaudiet norīkotāja "
            "uzņēmuma darbību, norīkoto darba ņēmēju darba samaksu un darba apstākļus un paziņojiet lēmumus "
            "un sodus citās valstīs.",
            "Töötajate lähetamine direktiivide 96/71/EÜ ja 2014/67/EL alusel. Kontrollige lähetava ettevõtja "
            "asutamist ning lähetatud töötajate töötasu ja töötingimusi ning toimetage otsuseid ja trahve "
            "kätte teistes riikides.",
        ),
    ),
    (
        "patients-rights",
        _names(
            "Patients' rights",
            "Права на пациентите",
            "Drepturile pacienților",
            "Patientrettigheder",
            "Pacientu tiesības",
            "Patsiendiõigused",
        ),
        _names(
            "Cross-border healthcare under Directive 2011/24/EU. Check that a health professional who treats "
            "patients from other countries has the right to practise, and cooperate on the quality and "
            "safety of care.",
            "Трансгранично здравно обслужване съгласно Директива 2011/24/ЕС. Проверете дали медицински "
            "специалист, който лекува пациенти от други държави, има право да упражнява професията си, и си "
            "сътрудничете за качеството и безопасността на грижите.",
            "Asistența medicală transfrontalieră în temeiul Directivei 2011/24/UE. Verificați dacă un "
            "profesionist din domeniul sănătății care tratează pacienți din alte țări are drept de practică "
            "și cooperați privind calitatea și siguranța îngrijirilor.",
            "Grænseoverskridende sundhedsydelser efter direktiv 2011/24/EU. Kontrollér, at en sundhedsperson, "
            "der behandler patienter fra andre lande, har ret til at udøve sit erhverv, og samarbejd om "
            "behandlingens kvalitet og sikkerhed.",
            "Pārrobežu veselības aprūpe saskaņā ar Direktīvu 2011/24/ES. Pārbaudiet, vai veselības aprūpes "
            "speciālistam, kas ārstē pacientus no citām valstīm, ir tiesības praktizēt, un sadarbojieties "
            "aprūpes kvalitātes un drošuma jomā.",
            "Piiriülene tervishoid direktiivi 2011/24/EL alusel. Kontrollige, kas teistest riikidest pärit "
            "patsiente raviv tervishoiutöötaja tohib oma kutsealal tegutseda, ning tehke koostööd ravi "
            "kvaliteedi ja ohutuse tagamisel.",
        ),
    ),
    (
        "public-documents",
        _names(
            "Public documents",
            "Официални документи",
            "Documente oficiale",
            "Offentlige dokumenter",
            "Publiski dokumenti",
            "Avalikud dokumendid",
        ),
        _names(
            "Public documents under Regulation (EU) 2016/1191. Ask the issuing authority whether a birth or "
            "marriage certificate or another public document presented from its country is authentic.",
            "Официални документи съгласно Регламент (ЕС) 2016/1191. Попитайте издаващия орган дали "
            "удостоверение за раждане или за сключен граждански брак или друг официален документ от неговата "
            "държава е автентичен.",
            "Documente oficiale în temeiul Regulamentului (UE) 2016/1191. Întrebați autoritatea emitentă dacă "
            "un certificat de naștere sau de căsătorie ori un alt document oficial din țara sa este autentic.",
            "Offentlige dokumenter efter forordning (EU) 2016/1191. Spørg den udstedende myndighed, om en "
            "fødsels- eller vielsesattest eller et andet offentligt dokument fra dens land er ægte.",
            "Publiski dokumenti saskaņā ar Regulu (ES) 2016/1191. Jautājiet izdevējiestādei, vai tās valstī "
            "izdota dzimšanas vai laulības apliecība vai cits publisks dokuments ir autentisks.",
            "Avalikud dokumendid määruse (EL) 2016/1191 alusel. Küsige dokumendi välja andnud asutuselt, kas "
            "tema riigist pärit sünni- või abielutunnistus või muu avalik dokument on ehtne.",
        ),
    ),
]


def _upsert(model, *, code, values):
    """Create or update the row with this code; save only when something differs.

    Values are compared with what is stored (``__dict__``), so that on the real
    models modeltranslation's descriptors, which answer in the active
    language, do not hide a difference.
    """
    obj = model.objects.filter(code=code).first()
    created = obj is None
    if created:
        obj = model(code=code)
    changed = False
    for field, value in values.items():
        if created or obj.__dict__.get(field) != value:
            setattr(obj, field, value)
            changed = True
    if changed:
        obj.save()
    return "created" if created else ("updated" if changed else None)


def load_reference_data(Country, LegislativeArea):
    """Create or update the countries and legislative areas; idempotent.

    Works with the real models and with the historical ones of a migration.
    Returns how many rows were created and updated.
    """
    from django.utils import translation

    counts = {"created": 0, "updated": 0}

    def translated(field, texts):
        # The untranslated column holds the English text; on the real models,
        # setting it also sets the active language's column, so it goes first.
        values = {field: texts["en"]}
        values.update({f"{field}_{lang}": texts[lang] for lang in LANGUAGES})
        return values

    with translation.override("en"):
        for code, names in COUNTRIES:
            outcome = _upsert(Country, code=code, values=translated("name", names))
            if outcome:
                counts[outcome] += 1
        for code, names, descriptions in LEGISLATIVE_AREAS:
            values = {**translated("name", names), **translated("description", descriptions)}
            outcome = _upsert(LegislativeArea, code=code, values=values)
            if outcome:
                counts[outcome] += 1
    return counts
