"""The question sets information requests are built from.

Plain data, like ``authorities.reference_data``: ``load_question_sets`` takes
the models as arguments, so a data migration can call it with the historical
models and a management command with the real ones.

Each set belongs to a legislative area (by its code) and lists its questions
in order; a question's ``order`` is its position in the list (from 1) and an
option's ``order`` its position among the question's options. Questions and
options are matched on that order, so add new ones at the end of a list:
moving one would rewrite the rows that requests already point to.

The wording follows the directives of each area (2005/36/EC, 2006/123/EC,
2014/67/EU, 2011/24/EU) and the terms of the IMI leaflet of each language:
«специалист, доставчик на услуги, командирован работник, екскурзовод» (bg),
«specialist, furnizor de servicii, lucrător detașat, ghid turistic» (ro),
«erhvervsudøver, tjenesteyder, udstationeret arbejdstager, turistguide» (da),
«speciālists, pakalpojumu sniedzējs, norīkotais darbinieks, tūristu gids» (lv),
«kutseala esindaja, teenuseosutaja, lähetatud töötaja, giid» (et).
"""

# The languages the texts below are given in; English is the source.
LANGUAGES = ("en", "bg", "ro", "da", "lv", "et")

# The answer kinds of ``Question.Kind``.
YES_NO = "yes_no"
CHOICE = "choice"
DATE = "date"
TEXT = "text"
FILE = "file"
KINDS = (YES_NO, CHOICE, DATE, TEXT, FILE)


def _texts(en, bg, ro, da, lv, et):
    return {"en": en, "bg": bg, "ro": ro, "da": da, "lv": lv, "et": et}


def _q(kind, text, options=()):
    question = {"kind": kind, "text": text}
    if options:
        question["options"] = list(options)
    return question


QUESTION_SETS = [
    # -- Professional qualifications (Directive 2005/36/EC) --------------------------------------------------------
    {
        "code": "pq-general",
        "legislative_area": "professional-qualifications",
        "name": _texts(
            "Professional qualifications – general questions",
            "Професионални квалификации – общи въпроси",
            "Calificări profesionale – întrebări generale",
            "Erhvervsmæssige kvalifikationer – generelle spørgsmål",
            "Profesionālā kvalifikācija – vispārīgi jautājumi",
            "Kutsekvalifikatsioonid – üldküsimused",
        ),
        "questions": [
            _q(
                YES_NO,
                _texts(
                    "Is the professional legally established in your Member State to pursue the activity?",
                    "Законно установен ли е специалистът във вашата държава членка за упражняване на дейността?",
                    "Este specialistul stabilit în mod legal în statul dumneavoastră membru pentru a exercita "
                    "activitatea respectivă?",
                    "Er erhvervsudøveren lovligt etableret i jeres medlemsstat med henblik på at udøve den "
                    "pågældende virksomhed?",
                    "Vai speciālists ir likumīgi reģistrēts jūsu dalībvalstī šīs darbības veikšanai?",
                    "Kas kutseala esindaja on kõnealuse tegevusega tegelemiseks Teie liikmesriigis seaduslikult "
                    "asutatud?",
                ),
            ),
            _q(
                YES_NO,
                _texts(
                    "Is the attached diploma authentic?",
                    "Автентична ли е приложената диплома?",
                    "Este autentică diploma anexată?",
                    "Er det vedhæftede eksamensbevis ægte?",
                    "Vai pievienotais diploms ir autentisks?",
                    "Kas lisatud diplom on ehtne?",
                ),
            ),
            _q(
                YES_NO,
                _texts(
                    "Was the diploma issued by a competent authority or a recognised educational institution in "
                    "your Member State?",
                    "Издадена ли е дипломата от компетентен орган или от призната образователна институция във "
                    "вашата държава членка?",
                    "A fost diploma eliberată de o autoritate competentă sau de o instituție de învățământ "
                    "recunoscută din statul dumneavoastră membru?",
                    "Er eksamensbeviset udstedt af en kompetent myndighed eller af en anerkendt "
                    "uddannelsesinstitution i jeres medlemsstat?",
                    "Vai diplomu ir izsniegusi kompetenta iestāde vai atzīta izglītības iestāde jūsu dalībvalstī?",
                    "Kas diplomi on välja andnud Teie liikmesriigi pädev asutus või tunnustatud haridusasutus?",
                ),
            ),
            _q(
                CHOICE,
                _texts(
                    "Which qualification level does the diploma correspond to?",
                    "На кое равнище на квалификация съответства дипломата?",
                    "Cărui nivel de calificare îi corespunde diploma?",
                    "Hvilket kvalifikationsniveau svarer eksamensbeviset til?",
                    "Kādam kvalifikācijas līmenim atbilst diploms?",
                    "Millisele kvalifikatsioonitasemele diplom vastab?",
                ),
                # The five levels of Article 11 of Directive 2005/36/EC.
                [
                    _texts(
                        "Article 11(a): attestation of competence",
                        "Член 11, буква а): атестат за компетентност",
                        "Articolul 11 litera (a): atestat de competență",
                        "Artikel 11, litra a): kompetencebevis",
                        "11. panta a) punkts: kompetences apliecinājums",
                        "Artikli 11 punkt a: pädevustunnistus",
                    ),
                    _texts(
                        "Article 11(b): certificate of training at secondary level",
                        "Член 11, буква б): свидетелство за завършено обучение на равнище средно образование",
                        "Articolul 11 litera (b): certificat de absolvire a unui ciclu de studii secundare",
                        "Artikel 11, litra b): bevis for en uddannelse på sekundærniveau",
                        "11. panta b) punkts: apliecība par vidējās izglītības līmeņa mācību kursa pabeigšanu",
                        "Artikli 11 punkt b: keskhariduse tasemel koolituse läbimist tõendav tunnistus",
                    ),
                    _texts(
                        "Article 11(c): diploma of post-secondary training of at least one year",
                        "Член 11, буква в): диплома за завършено обучение след средното образование с "
                        "продължителност най-малко една година",
                        "Articolul 11 litera (c): diplomă de absolvire a unei formări de nivel postsecundar cu o "
                        "durată de cel puțin un an",
                        "Artikel 11, litra c): eksamensbevis for en postsekundær uddannelse af mindst et års varighed",
                        "11. panta c) punkts: diploms par vismaz vienu gadu ilgu pēcvidējās izglītības līmeņa "
                        "mācību pabeigšanu",
                        "Artikli 11 punkt c: diplom vähemalt üheaastase keskharidusjärgse koolituse läbimise kohta",
                    ),
                    _texts(
                        "Article 11(d): diploma of higher education or university training of three to four years",
                        "Член 11, буква г): диплома за завършено висше образование с продължителност от три до "
                        "четири години",
                        "Articolul 11 litera (d): diplomă de absolvire a unei formări de nivel superior sau "
                        "universitar cu o durată de trei până la patru ani",
                        "Artikel 11, litra d): eksamensbevis for en videregående uddannelse eller "
                        "universitetsuddannelse af tre til fire års varighed",
                        "11. panta d) punkts: diploms par trīs līdz četrus gadus ilgu augstākās vai universitātes "
                        "līmeņa izglītību",
                        "Artikli 11 punkt d: diplom kolme- kuni neljaaastase kõrg- või ülikoolihariduse kohta",
                    ),
                    _texts(
                        "Article 11(e): diploma of higher education or university training of at least four years",
                        "Член 11, буква д): диплома за завършено висше образование с продължителност най-малко "
                        "четири години",
                        "Articolul 11 litera (e): diplomă de absolvire a unei formări de nivel superior sau "
                        "universitar cu o durată de cel puțin patru ani",
                        "Artikel 11, litra e): eksamensbevis for en videregående uddannelse eller "
                        "universitetsuddannelse af mindst fire års varighed",
                        "11. panta e) punkts: diploms par vismaz četrus gadus ilgu augstākās vai universitātes "
                        "līmeņa izglītību",
                        "Artikli 11 punkt e: diplom vähemalt neljaaastase kõrg- või ülikoolihariduse kohta",
                    ),
                ],
            ),
            _q(
                DATE,
                _texts(
                    "Since when has the professional pursued the activity?",
                    "От коя дата специалистът упражнява дейността?",
                    "De la ce dată exercită specialistul activitatea?",
                    "Siden hvornår har erhvervsudøveren udøvet erhvervet?",
                    "Kopš kura datuma speciālists veic šo darbību?",
                    "Mis kuupäevast alates tegutseb kutseala esindaja sellel kutsealal?",
                ),
            ),
            _q(
                YES_NO,
                _texts(
                    "Has the professional been subject to disciplinary or criminal sanctions relating to the "
                    "profession?",
                    "Налагани ли са на специалиста дисциплинарни или наказателни санкции, свързани с професията?",
                    "Au fost aplicate specialistului sancțiuni disciplinare sau penale în legătură cu profesia?",
                    "Er erhvervsudøveren blevet pålagt disciplinære eller strafferetlige sanktioner i forbindelse "
                    "med erhvervet?",
                    "Vai speciālistam ir piemērotas disciplinārsankcijas vai kriminālsankcijas saistībā ar profesiju?",
                    "Kas kutseala esindajale on kutsealaga seoses määratud distsiplinaar- või kriminaalkaristusi?",
                ),
            ),
            _q(
                YES_NO,
                _texts(
                    "Is the professional currently suspended or prohibited from practising, even temporarily?",
                    "Лишен ли е понастоящем специалистът от правото да упражнява професията, включително временно?",
                    "Este în prezent suspendat dreptul specialistului de a exercita profesia sau îi este interzisă "
                    "exercitarea acesteia, chiar și temporar?",
                    "Er erhvervsudøveren i øjeblikket frakendt retten til at udøve erhvervet, permanent eller "
                    "midlertidigt?",
                    "Vai speciālistam pašlaik ir apturētas vai atņemtas tiesības strādāt profesijā, kaut vai uz laiku?",
                    "Kas kutseala esindajal on praegu keelatud kutsealal tegutseda või on tema tegutsemisõigus "
                    "peatatud, kas või ajutiselt?",
                ),
            ),
            _q(
                CHOICE,
                _texts(
                    "What is the professional's current status in the professional register?",
                    "Какъв е понастоящем статусът на специалиста в професионалния регистър?",
                    "Care este situația actuală a specialistului în registrul profesional?",
                    "Hvilken status har erhvervsudøveren i øjeblikket i det relevante faglige register?",
                    "Kāds ir speciālista pašreizējais statuss profesionālajā reģistrā?",
                    "Milline on kutseala esindaja praegune staatus kutseregistris?",
                ),
                [
                    _texts(
                        "Registered and entitled to practise",
                        "Вписан и с право да упражнява професията",
                        "Înregistrat și cu drept de exercitare a profesiei",
                        "Registreret og berettiget til at udøve erhvervet",
                        "Reģistrēts un tiesīgs strādāt profesijā",
                        "Registreeritud, kutsealal tegutsemise õigusega",
                    ),
                    _texts(
                        "Registered, but the right to practise is suspended",
                        "Вписан, но правото му да упражнява професията е спряно",
                        "Înregistrat, dar dreptul de exercitare a profesiei este suspendat",
                        "Registreret, men retten til at udøve erhvervet er suspenderet",
                        "Reģistrēts, bet tiesības strādāt profesijā ir apturētas",
                        "Registreeritud, kuid kutsealal tegutsemise õigus on peatatud",
                    ),
                    _texts(
                        "Removed from the register",
                        "Заличен от регистъра",
                        "Radiat din registru",
                        "Slettet fra registret",
                        "Izslēgts no reģistra",
                        "Registrist kustutatud",
                    ),
                    _texts(
                        "Never registered",
                        "Никога не е бил вписан",
                        "Nu a fost niciodată înregistrat",
                        "Har aldrig været registreret",
                        "Nekad nav bijis reģistrēts",
                        "Ei ole kunagi olnud registreeritud",
                    ),
                ],
            ),
            _q(
                TEXT,
                _texts(
                    "Please describe the content and duration of the training that led to the qualification.",
                    "Моля, опишете съдържанието и продължителността на обучението, довело до придобиване на "
                    "квалификацията.",
                    "Vă rugăm să descrieți conținutul și durata formării în urma căreia a fost obținută calificarea.",
                    "Beskriv venligst indholdet og varigheden af den uddannelse, der førte til kvalifikationen.",
                    "Lūdzu, aprakstiet tās izglītības saturu un ilgumu, kuras rezultātā iegūta kvalifikācija.",
                    "Palun kirjeldage kvalifikatsiooni omandamiseni viinud koolituse sisu ja kestust.",
                ),
            ),
            _q(
                FILE,
                _texts(
                    "Please provide a copy of the certificate of good standing.",
                    "Моля, приложете копие от удостоверението за добра професионална практика.",
                    "Vă rugăm să anexați o copie a certificatului de status profesional curent.",
                    "Vedlæg venligst en kopi af attesten om erhvervsudøverens faglige status (certificate of good "
                    "standing).",
                    "Lūdzu, pievienojiet labas profesionālās reputācijas apliecības (certificate of good standing) "
                    "kopiju.",
                    "Palun lisage koopia tõendist, et kutseala esindajal on õigus kutsealal tegutseda (certificate "
                    "of good standing).",
                ),
            ),
        ],
    },
    {
        # The leaflet's story: a Danish authority asks a Portuguese one about a tourist guide.
        "code": "pq-tourist-guides",
        "legislative_area": "professional-qualifications",
        "name": _texts(
            "Professional qualifications – tourist guides",
            "Професионални квалификации – екскурзоводи",
            "Calificări profesionale – ghizi turistici",
            "Erhvervsmæssige kvalifikationer – turistguider",
            "Profesionālā kvalifikācija – tūristu gidi",
            "Kutsekvalifikatsioonid – giidid",
        ),
        "questions": [
            _q(
                YES_NO,
                _texts(
                    "Is the person registered as a tourist guide in your country?",
                    "Регистрирано ли е лицето като екскурзовод във вашата държава?",
                    "Este persoana înregistrată ca ghid turistic în țara dumneavoastră?",
                    "Er personen registreret som turistguide i jeres land?",
                    "Vai persona ir reģistrēta kā tūristu gids jūsu valstī?",
                    "Kas isik on Teie riigis giidina registreeritud?",
                ),
            ),
            _q(
                YES_NO,
                _texts(
                    "Is the profession of tourist guide regulated in your country?",
                    "Регулирана ли е професията „екскурзовод“ във вашата държава?",
                    "Este profesia de ghid turistic reglementată în țara dumneavoastră?",
                    "Er turistguideerhvervet lovreguleret i jeres land?",
                    "Vai tūristu gida profesija jūsu valstī ir reglamentēta?",
                    "Kas giidi kutseala on Teie riigis reguleeritud?",
                ),
            ),
            _q(
                CHOICE,
                _texts(
                    "Which qualification as a tourist guide does the person hold?",
                    "Каква квалификация като екскурзовод притежава лицето?",
                    "Ce calificare de ghid turistic deține persoana?",
                    "Hvilken kvalifikation som turistguide har personen?",
                    "Kāda tūristu gida kvalifikācija ir personai?",
                    "Milline giidikvalifikatsioon isikul on?",
                ),
                [
                    _texts(
                        "A State-recognised tourist guide qualification",
                        "Призната от държавата квалификация за екскурзовод",
                        "O calificare de ghid turistic recunoscută de stat",
                        "En statsanerkendt turistguideuddannelse",
                        "Valsts atzīta tūristu gida kvalifikācija",
                        "Riiklikult tunnustatud giidikvalifikatsioon",
                    ),
                    _texts(
                        "A vocational training certificate in tourism",
                        "Свидетелство за професионално обучение в областта на туризма",
                        "Un certificat de formare profesională în domeniul turismului",
                        "Et bevis for en erhvervsuddannelse inden for turisme",
                        "Profesionālās izglītības apliecība tūrisma jomā",
                        "Turismivaldkonna kutseõppe tunnistus",
                    ),
                    _texts(
                        "A higher-education degree in tourism or a related field",
                        "Диплома за висше образование в областта на туризма или в сродна област",
                        "O diplomă de studii superioare în domeniul turismului sau într-un domeniu conex",
                        "En videregående uddannelse inden for turisme eller et beslægtet område",
                        "Augstākās izglītības diploms tūrisma vai radniecīgā jomā",
                        "Kõrgharidus turismi või sellega seotud valdkonnas",
                    ),
                    _texts(
                        "No formal qualification",
                        "Няма официална квалификация",
                        "Nicio calificare formală",
                        "Ingen formel kvalifikation",
                        "Nav formālas kvalifikācijas",
                        "Formaalne kvalifikatsioon puudub",
                    ),
                ],
            ),
            _q(
                DATE,
                _texts(
                    "Since when has the person been registered as a tourist guide?",
                    "От коя дата лицето е регистрирано като екскурзовод?",
                    "De la ce dată este persoana înregistrată ca ghid turistic?",
                    "Siden hvornår har personen været registreret som turistguide?",
                    "Kopš kura datuma persona ir reģistrēta kā tūristu gids?",
                    "Mis kuupäevast alates on isik giidina registreeritud?",
                ),
            ),
            _q(
                DATE,
                _texts(
                    "Until when is the person's tourist guide certificate valid?",
                    "До коя дата е валидно удостоверението за екскурзовод на лицето?",
                    "Până la ce dată este valabil atestatul de ghid turistic al persoanei?",
                    "Indtil hvornår er personens turistguidebevis gyldigt?",
                    "Līdz kuram datumam ir derīga personas tūristu gida apliecība?",
                    "Mis kuupäevani kehtib isiku giidi kutsetunnistus?",
                ),
            ),
            _q(
                YES_NO,
                # Article 5(1)(b) of Directive 2005/36/EC, where the profession is not regulated.
                _texts(
                    "Has the person pursued the activity of tourist guide for at least one year during the last "
                    "ten years?",
                    "Упражнявало ли е лицето дейност като екскурзовод в продължение на най-малко една година през "
                    "последните десет години?",
                    "A exercitat persoana activitatea de ghid turistic timp de cel puțin un an în ultimii zece ani?",
                    "Har personen udøvet virksomhed som turistguide i mindst et år inden for de seneste ti år?",
                    "Vai persona pēdējo desmit gadu laikā vismaz vienu gadu ir strādājusi par tūristu gidu?",
                    "Kas isik on viimase kümne aasta jooksul töötanud giidina vähemalt ühe aasta?",
                ),
            ),
            _q(
                TEXT,
                _texts(
                    "For which regions, sites or museums is the person qualified to act as a guide?",
                    "За кои региони, обекти или музеи лицето има квалификация да бъде екскурзовод?",
                    "Pentru ce regiuni, obiective sau muzee este calificată persoana să acționeze ca ghid?",
                    "For hvilke regioner, seværdigheder eller museer er personen kvalificeret som guide?",
                    "Kuros reģionos, apskates objektos vai muzejos persona ir kvalificēta strādāt par gidu?",
                    "Milliste piirkondade, vaatamisväärsuste või muuseumide giidiks on isik kvalifitseeritud?",
                ),
            ),
            _q(
                YES_NO,
                _texts(
                    "Has the person been subject to disciplinary or criminal sanctions relating to the activity of "
                    "tourist guide?",
                    "Налагани ли са на лицето дисциплинарни или наказателни санкции във връзка с дейността му като "
                    "екскурзовод?",
                    "Au fost aplicate persoanei sancțiuni disciplinare sau penale în legătură cu activitatea de ghid "
                    "turistic?",
                    "Er personen blevet pålagt disciplinære eller strafferetlige sanktioner i forbindelse med "
                    "virksomheden som turistguide?",
                    "Vai personai ir piemērotas disciplinārsankcijas vai kriminālsankcijas saistībā ar tūristu gida "
                    "darbību?",
                    "Kas isikule on giiditegevusega seoses määratud distsiplinaar- või kriminaalkaristusi?",
                ),
            ),
            _q(
                FILE,
                _texts(
                    "Please provide a copy of the person's tourist guide certificate.",
                    "Моля, приложете копие от удостоверението за екскурзовод на лицето.",
                    "Vă rugăm să anexați o copie a atestatului de ghid turistic al persoanei.",
                    "Vedlæg venligst en kopi af personens turistguidebevis.",
                    "Lūdzu, pievienojiet personas tūristu gida apliecības kopiju.",
                    "Palun lisage isiku giidi kutsetunnistuse koopia.",
                ),
            ),
        ],
    },
    # -- Services (Directive 2006/123/EC) --------------------------------------------------------------------------
    {
        "code": "services-general",
        "legislative_area": "services",
        "name": _texts(
            "Services – establishment and supervision of a service provider",
            "Услуги – установяване на доставчик на услуги и надзор над него",
            "Servicii – stabilirea și supravegherea unui furnizor de servicii",
            "Tjenesteydelser – en tjenesteyders etablering og tilsynet med den",
            "Pakalpojumi – pakalpojumu sniedzēja reģistrācija un uzraudzība",
            "Teenused – teenuseosutaja asutamine ja järelevalve",
        ),
        "questions": [
            _q(
                YES_NO,
                _texts(
                    "Is the service provider legally established in your Member State?",
                    "Законно установен ли е доставчикът на услуги във вашата държава членка?",
                    "Este furnizorul de servicii stabilit în mod legal în statul dumneavoastră membru?",
                    "Er tjenesteyderen lovligt etableret i jeres medlemsstat?",
                    "Vai pakalpojumu sniedzējs ir likumīgi reģistrēts jūsu dalībvalstī?",
                    "Kas teenuseosutaja on Teie liikmesriigis seaduslikult asutatud?",
                ),
            ),
            _q(
                DATE,
                _texts(
                    "Since when has the service provider been established in your Member State?",
                    "От коя дата доставчикът на услуги е установен във вашата държава членка?",
                    "De la ce dată este furnizorul de servicii stabilit în statul dumneavoastră membru?",
                    "Siden hvornår har tjenesteyderen været etableret i jeres medlemsstat?",
                    "Kopš kura datuma pakalpojumu sniedzējs ir reģistrēts jūsu dalībvalstī?",
                    "Mis kuupäevast alates on teenuseosutaja Teie liikmesriigis asutatud?",
                ),
            ),
            _q(
                TEXT,
                _texts(
                    "In which public register is the service provider entered, and under which registration number?",
                    "В кой публичен регистър е вписан доставчикът на услуги и под какъв регистрационен номер?",
                    "În ce registru public este înscris furnizorul de servicii și sub ce număr de înregistrare?",
                    "I hvilket offentligt register er tjenesteyderen registreret, og under hvilket "
                    "registreringsnummer?",
                    "Kurā publiskajā reģistrā pakalpojumu sniedzējs ir reģistrēts un ar kādu reģistrācijas numuru?",
                    "Millisesse avalikku registrisse on teenuseosutaja kantud ja millise registrinumbriga?",
                ),
            ),
            _q(
                CHOICE,
                _texts(
                    "Does the service provider hold the authorisation required for the activity in your Member State?",
                    "Притежава ли доставчикът на услуги разрешението, което се изисква за дейността във вашата "
                    "държава членка?",
                    "Deține furnizorul de servicii autorizația necesară pentru desfășurarea activității în statul "
                    "dumneavoastră membru?",
                    "Har tjenesteyderen den tilladelse, der kræves for at udøve virksomheden i jeres medlemsstat?",
                    "Vai pakalpojumu sniedzējam ir atļauja, kas nepieciešama šīs darbības veikšanai jūsu dalībvalstī?",
                    "Kas teenuseosutajal on Teie liikmesriigis selle tegevuse jaoks nõutav luba?",
                ),
                [
                    _texts(
                        "Yes, it holds a valid authorisation",
                        "Да, притежава валидно разрешение",
                        "Da, deține o autorizație valabilă",
                        "Ja, den har en gyldig tilladelse",
                        "Jā, tam ir derīga atļauja",
                        "Jah, tal on kehtiv luba",
                    ),
                    _texts(
                        "No authorisation is required for this activity",
                        "За тази дейност не се изисква разрешение",
                        "Pentru această activitate nu este necesară o autorizație",
                        "Der kræves ingen tilladelse til denne virksomhed",
                        "Šai darbībai atļauja nav nepieciešama",
                        "Selle tegevuse jaoks ei ole luba nõutav",
                    ),
                    _texts(
                        "The authorisation has been suspended",
                        "Разрешението е спряно",
                        "Autorizația a fost suspendată",
                        "Tilladelsen er suspenderet",
                        "Atļauja ir apturēta",
                        "Luba on peatatud",
                    ),
                    _texts(
                        "The authorisation has been withdrawn",
                        "Разрешението е отнето",
                        "Autorizația a fost retrasă",
                        "Tilladelsen er tilbagekaldt",
                        "Atļauja ir anulēta",
                        "Luba on kehtetuks tunnistatud",
                    ),
                    _texts(
                        "No, it has never held the required authorisation",
                        "Не, никога не е притежавал изискваното разрешение",
                        "Nu, nu a deținut niciodată autorizația necesară",
                        "Nej, den har aldrig haft den krævede tilladelse",
                        "Nē, tam nekad nav bijusi nepieciešamā atļauja",
                        "Ei, tal ei ole kunagi olnud nõutavat luba",
                    ),
                ],
            ),
            _q(
                DATE,
                _texts(
                    "Until when is the authorisation valid?",
                    "До коя дата е валидно разрешението?",
                    "Până la ce dată este valabilă autorizația?",
                    "Indtil hvornår er tilladelsen gyldig?",
                    "Līdz kuram datumam atļauja ir derīga?",
                    "Mis kuupäevani luba kehtib?",
                ),
            ),
            _q(
                YES_NO,
                # Article 23 of Directive 2006/123/EC.
                _texts(
                    "Is the service provider covered by professional liability insurance or a similar guarantee for "
                    "the activity?",
                    "Има ли доставчикът на услуги застраховка „Професионална отговорност“ или подобна гаранция за "
                    "дейността?",
                    "Are furnizorul de servicii o asigurare de răspundere civilă profesională sau o garanție "
                    "similară pentru activitatea respectivă?",
                    "Er tjenesteyderen dækket af en erhvervsansvarsforsikring eller en lignende garanti for "
                    "virksomheden?",
                    "Vai pakalpojumu sniedzējam šai darbībai ir profesionālās civiltiesiskās atbildības "
                    "apdrošināšana vai līdzīga garantija?",
                    "Kas teenuseosutajal on selle tegevuse jaoks kutsealane vastutuskindlustus või muu samaväärne "
                    "tagatis?",
                ),
            ),
            _q(
                YES_NO,
                _texts(
                    "Is the service provider's activity subject to supervision by an authority in your Member State?",
                    "Подлежи ли дейността на доставчика на услуги на надзор от орган във вашата държава членка?",
                    "Este activitatea furnizorului de servicii supusă supravegherii de către o autoritate din "
                    "statul dumneavoastră membru?",
                    "Er tjenesteyderens virksomhed underlagt tilsyn fra en myndighed i jeres medlemsstat?",
                    "Vai pakalpojumu sniedzēja darbību uzrauga kāda iestāde jūsu dalībvalstī?",
                    "Kas teenuseosutaja tegevuse üle teeb järelevalvet mõni Teie liikmesriigi asutus?",
                ),
            ),
            _q(
                TEXT,
                _texts(
                    "Please describe the results of any checks, inspections or investigations your authority has "
                    "carried out concerning the service provider.",
                    "Моля, опишете резултатите от проверките, инспекциите или разследванията, извършени от вашия "
                    "орган по отношение на доставчика на услуги.",
                    "Vă rugăm să descrieți rezultatele verificărilor, inspecțiilor sau investigațiilor efectuate de "
                    "autoritatea dumneavoastră cu privire la furnizorul de servicii.",
                    "Beskriv venligst resultaterne af de kontroller, inspektioner eller undersøgelser, som jeres "
                    "myndighed har foretaget vedrørende tjenesteyderen.",
                    "Lūdzu, aprakstiet, kādi ir to pārbaužu, inspekciju vai izmeklēšanu rezultāti, ko jūsu iestāde "
                    "ir veikusi attiecībā uz pakalpojumu sniedzēju.",
                    "Palun kirjeldage teenuseosutaja suhtes Teie asutuse tehtud kontrollide, inspektsioonide või "
                    "uurimiste tulemusi.",
                ),
            ),
            _q(
                YES_NO,
                # Article 33 of Directive 2006/123/EC.
                _texts(
                    "Has the service provider been subject to disciplinary or administrative measures or criminal "
                    "sanctions relating to its activity?",
                    "Налагани ли са на доставчика на услуги дисциплинарни или административни мерки или наказателни "
                    "санкции във връзка с дейността му?",
                    "Au fost luate împotriva furnizorului de servicii măsuri disciplinare sau administrative ori au "
                    "fost aplicate sancțiuni penale în legătură cu activitatea sa?",
                    "Er tjenesteyderen blevet pålagt disciplinære eller administrative foranstaltninger eller "
                    "strafferetlige sanktioner i forbindelse med sin virksomhed?",
                    "Vai pakalpojumu sniedzējam saistībā ar tā darbību ir piemēroti disciplināri vai administratīvi "
                    "pasākumi vai kriminālsankcijas?",
                    "Kas teenuseosutaja suhtes on seoses tema tegevusega rakendatud distsiplinaar- või haldusmeetmeid "
                    "või kriminaalkaristusi?",
                ),
            ),
            _q(
                FILE,
                _texts(
                    "Please provide a copy of the authorisation or an extract from the register.",
                    "Моля, приложете копие от разрешението или извлечение от регистъра.",
                    "Vă rugăm să anexați o copie a autorizației sau un extras din registru.",
                    "Vedlæg venligst en kopi af tilladelsen eller et udskrift fra registret.",
                    "Lūdzu, pievienojiet atļaujas kopiju vai izrakstu no reģistra.",
                    "Palun lisage loa koopia või registriväljavõte.",
                ),
            ),
        ],
    },
    # -- Posting of workers (Directives 96/71/EC and 2014/67/EU) -----------------------------------------------------
    {
        "code": "pow-general",
        "legislative_area": "posting-of-workers",
        "name": _texts(
            "Posting of workers – verification of a posting",
            "Командироване на работници – проверка на командироването",
            "Detașarea lucrătorilor – verificarea detașării",
            "Udstationering af arbejdstagere – kontrol af en udstationering",
            "Darba ņēmēju norīkošana – norīkojuma pārbaude",
            "Töötajate lähetamine – lähetuse kontroll",
        ),
        "questions": [
            _q(
                YES_NO,
                # Article 4(2) of Directive 2014/67/EU.
                _texts(
                    "Does the posting undertaking genuinely perform substantial activities in your Member State, "
                    "other than purely internal management or administrative activities?",
                    "Извършва ли командироващото предприятие действително съществена дейност във вашата държава "
                    "членка, която не се свежда само до вътрешно управление или административни дейности?",
                    "Desfășoară întreprinderea care detașează în mod real activități substanțiale în statul "
                    "dumneavoastră membru, altele decât activitățile pur interne de gestionare sau administrative?",
                    "Udøver den udstationerende virksomhed reelt væsentlige aktiviteter i jeres medlemsstat ud over "
                    "rent interne ledelsesmæssige eller administrative aktiviteter?",
                    "Vai uzņēmums, kas norīko darbiniekus, jūsu dalībvalstī patiešām veic būtiskas darbības, kas nav "
                    "tikai iekšējās vadības vai administratīvas darbības?",
                    "Kas lähetav ettevõtja tegeleb Teie liikmesriigis tegelikult olulise tegevusega, mis ei piirdu "
                    "üksnes sisejuhtimise või haldustegevusega?",
                ),
            ),
            _q(
                DATE,
                _texts(
                    "Since when has the undertaking been registered in your Member State?",
                    "От коя дата предприятието е регистрирано във вашата държава членка?",
                    "De la ce dată este întreprinderea înregistrată în statul dumneavoastră membru?",
                    "Siden hvornår har virksomheden været registreret i jeres medlemsstat?",
                    "Kopš kura datuma uzņēmums ir reģistrēts jūsu dalībvalstī?",
                    "Mis kuupäevast alates on ettevõtja Teie liikmesriigis registreeritud?",
                ),
            ),
            _q(
                CHOICE,
                _texts(
                    "How many workers does the undertaking employ in your Member State?",
                    "Колко работници наема предприятието във вашата държава членка?",
                    "Câți lucrători are angajați întreprinderea în statul dumneavoastră membru?",
                    "Hvor mange arbejdstagere beskæftiger virksomheden i jeres medlemsstat?",
                    "Cik darbinieku uzņēmums nodarbina jūsu dalībvalstī?",
                    "Mitu töötajat on ettevõtjal Teie liikmesriigis?",
                ),
                [
                    _texts("None", "Нито един", "Niciunul", "Ingen", "Nevienu", "Mitte ühtegi"),
                    _texts("1 to 9", "От 1 до 9", "Între 1 și 9", "1 til 9", "No 1 līdz 9", "1 kuni 9"),
                    _texts("10 to 49", "От 10 до 49", "Între 10 și 49", "10 til 49", "No 10 līdz 49", "10 kuni 49"),
                    _texts(
                        "50 to 249", "От 50 до 249", "Între 50 și 249", "50 til 249", "No 50 līdz 249", "50 kuni 249"
                    ),
                    _texts(
                        "250 or more",
                        "250 или повече",
                        "250 sau mai mulți",
                        "250 eller flere",
                        "250 vai vairāk",
                        "250 või rohkem",
                    ),
                ],
            ),
            _q(
                YES_NO,
                _texts(
                    "Has a portable document A1 been issued for the posted worker?",
                    "Издаден ли е преносим документ A1 за командирования работник?",
                    "A fost eliberat documentul portabil A1 pentru lucrătorul detașat?",
                    "Er der udstedt en A1-attest for den udstationerede arbejdstager?",
                    "Vai norīkotajam darbiniekam ir izsniegts portatīvais dokuments A1?",
                    "Kas lähetatud töötajale on välja antud A1-tõend?",
                ),
            ),
            _q(
                DATE,
                _texts(
                    "Until when is the portable document A1 valid?",
                    "До коя дата е валиден преносимият документ A1?",
                    "Până la ce dată este valabil documentul portabil A1?",
                    "Indtil hvornår er A1-attesten gyldig?",
                    "Līdz kuram datumam ir derīgs portatīvais dokuments A1?",
                    "Mis kuupäevani A1-tõend kehtib?",
                ),
            ),
            _q(
                YES_NO,
                _texts(
                    "Does the posted worker habitually work in your Member State?",
                    "Работи ли обичайно командированият работник във вашата държава членка?",
                    "Lucrează în mod obișnuit lucrătorul detașat în statul dumneavoastră membru?",
                    "Arbejder den udstationerede arbejdstager sædvanligvis i jeres medlemsstat?",
                    "Vai norīkotais darbinieks parasti strādā jūsu dalībvalstī?",
                    "Kas lähetatud töötaja töötab tavaliselt Teie liikmesriigis?",
                ),
            ),
            _q(
                TEXT,
                _texts(
                    "What gross hourly wage is the posted worker paid, and which allowances does it include?",
                    "Какво брутно почасово възнаграждение получава командированият работник и какви добавки "
                    "включва то?",
                    "Care este salariul brut orar plătit lucrătorului detașat și ce indemnizații include acesta?",
                    "Hvilken bruttotimeløn får den udstationerede arbejdstager, og hvilke tillæg indgår i den?",
                    "Kāda ir norīkotajam darbiniekam izmaksātā bruto stundas likme un kādas piemaksas tajā ietvertas?",
                    "Millist brutotunnipalka lähetatud töötajale makstakse ja milliseid lisatasusid see sisaldab?",
                ),
            ),
            _q(
                TEXT,
                _texts(
                    "Please describe the posted worker's working time and rest periods as recorded by the undertaking.",
                    "Моля, опишете работното време и почивките на командирования работник съгласно документацията "
                    "на предприятието.",
                    "Vă rugăm să descrieți timpul de lucru și perioadele de repaus ale lucrătorului detașat, astfel "
                    "cum sunt înregistrate de întreprindere.",
                    "Beskriv venligst den udstationerede arbejdstagers arbejdstid og hvileperioder, som de er "
                    "registreret af virksomheden.",
                    "Lūdzu, aprakstiet norīkotā darbinieka darba laiku un atpūtas laikposmus, kā tos reģistrējis "
                    "uzņēmums.",
                    "Palun kirjeldage lähetatud töötaja tööaega ja puhkeaegu ettevõtja arvestuse alusel.",
                ),
            ),
            _q(
                YES_NO,
                # Article 9(1)(a) of Directive 2014/67/EU.
                _texts(
                    "Has the undertaking submitted a posting declaration to the competent authorities of your "
                    "Member State?",
                    "Подало ли е предприятието декларация за командироване до компетентните органи на вашата "
                    "държава членка?",
                    "A transmis întreprinderea o declarație de detașare autorităților competente din statul "
                    "dumneavoastră membru?",
                    "Har virksomheden indgivet en anmeldelse af udstationeringen til de kompetente myndigheder i "
                    "jeres medlemsstat?",
                    "Vai uzņēmums ir iesniedzis deklarāciju par darbinieku norīkošanu jūsu dalībvalsts kompetentajām "
                    "iestādēm?",
                    "Kas ettevõtja on esitanud Teie liikmesriigi pädevatele asutustele teate töötajate lähetamise "
                    "kohta?",
                ),
            ),
            _q(
                YES_NO,
                _texts(
                    "Has the undertaking been subject to administrative penalties or fines relating to the posting "
                    "of workers?",
                    "Налагани ли са на предприятието административни санкции или глоби във връзка с командироването "
                    "на работници?",
                    "Au fost aplicate întreprinderii sancțiuni administrative sau amenzi în legătură cu detașarea "
                    "lucrătorilor?",
                    "Er virksomheden blevet pålagt administrative sanktioner eller bøder i forbindelse med "
                    "udstationering af arbejdstagere?",
                    "Vai uzņēmumam ir piemēroti administratīvi sodi vai naudas sodi saistībā ar darba ņēmēju "
                    "norīkošanu?",
                    "Kas ettevõtjale on töötajate lähetamisega seoses määratud halduskaristusi või trahve?",
                ),
            ),
            _q(
                FILE,
                _texts(
                    "Please provide copies of the posted worker's employment contract, payslips and time sheets.",
                    "Моля, приложете копия от трудовия договор, фишовете за заплата и отчетите за работното време на "
                    "командирования работник.",
                    "Vă rugăm să anexați copii ale contractului de muncă, ale fluturașilor de salariu și ale foilor "
                    "de prezență ale lucrătorului detașat.",
                    "Vedlæg venligst kopier af den udstationerede arbejdstagers ansættelseskontrakt, lønsedler og "
                    "timesedler.",
                    "Lūdzu, pievienojiet norīkotā darbinieka darba līguma, algas lapiņu un darba laika uzskaites "
                    "tabeļu kopijas.",
                    "Palun lisage lähetatud töötaja töölepingu, palgalehtede ja tööajatabelite koopiad.",
                ),
            ),
        ],
    },
    # -- Patients' rights (Directive 2011/24/EU) ---------------------------------------------------------------------
    {
        "code": "pr-right-to-practise",
        "legislative_area": "patients-rights",
        "name": _texts(
            "Patients' rights – right to practise of a health professional",
            "Права на пациентите – право на медицински специалист да упражнява професията",
            "Drepturile pacienților – dreptul de practică al unui profesionist din domeniul sănătății",
            "Patientrettigheder – en sundhedspersons ret til at udøve sit erhverv",
            "Pacientu tiesības – veselības aprūpes speciālista tiesības praktizēt",
            "Patsiendiõigused – tervishoiutöötaja kutsealal tegutsemise õigus",
        ),
        "questions": [
            _q(
                YES_NO,
                # Article 10(4) of Directive 2011/24/EU.
                _texts(
                    "Is the health professional entered in a national or local register of health professionals in "
                    "your Member State?",
                    "Вписан ли е медицинският специалист в национален или местен регистър на медицинските "
                    "специалисти във вашата държава членка?",
                    "Este profesionistul din domeniul sănătății înscris într-un registru național sau local al "
                    "profesioniștilor din domeniul sănătății din statul dumneavoastră membru?",
                    "Er sundhedspersonen registreret i et nationalt eller lokalt register over sundhedspersoner i "
                    "jeres medlemsstat?",
                    "Vai veselības aprūpes speciālists ir iekļauts jūsu dalībvalsts valsts vai vietējā veselības "
                    "aprūpes speciālistu reģistrā?",
                    "Kas tervishoiutöötaja on kantud Teie liikmesriigi riiklikku või kohalikku tervishoiutöötajate "
                    "registrisse?",
                ),
            ),
            _q(
                CHOICE,
                _texts(
                    "Does the health professional have the right to practise in your Member State?",
                    "Има ли медицинският специалист право да упражнява професията си във вашата държава членка?",
                    "Are profesionistul din domeniul sănătății drept de practică în statul dumneavoastră membru?",
                    "Har sundhedspersonen ret til at udøve sit erhverv i jeres medlemsstat?",
                    "Vai veselības aprūpes speciālistam ir tiesības praktizēt jūsu dalībvalstī?",
                    "Kas tervishoiutöötajal on õigus Teie liikmesriigis oma kutsealal tegutseda?",
                ),
                [
                    _texts(
                        "Yes, without restrictions",
                        "Да, без ограничения",
                        "Da, fără restricții",
                        "Ja, uden begrænsninger",
                        "Jā, bez ierobežojumiem",
                        "Jah, piiranguteta",
                    ),
                    _texts(
                        "Yes, with restrictions",
                        "Да, с ограничения",
                        "Da, cu restricții",
                        "Ja, med begrænsninger",
                        "Jā, ar ierobežojumiem",
                        "Jah, piirangutega",
                    ),
                    _texts(
                        "No, the right to practise has been suspended",
                        "Не, правото на упражняване на професията е спряно",
                        "Nu, dreptul de practică a fost suspendat",
                        "Nej, retten til at udøve erhvervet er suspenderet",
                        "Nē, tiesības praktizēt ir apturētas",
                        "Ei, kutsealal tegutsemise õigus on peatatud",
                    ),
                    _texts(
                        "No, the right to practise has been withdrawn",
                        "Не, правото на упражняване на професията е отнето",
                        "Nu, dreptul de practică a fost retras",
                        "Nej, sundhedspersonen er frataget retten til at udøve erhvervet",
                        "Nē, tiesības praktizēt ir atņemtas",
                        "Ei, kutsealal tegutsemise õigus on ära võetud",
                    ),
                ],
            ),
            _q(
                DATE,
                _texts(
                    "Since when has the health professional had the right to practise?",
                    "От коя дата медицинският специалист има право да упражнява професията?",
                    "De la ce dată are profesionistul din domeniul sănătății drept de practică?",
                    "Siden hvornår har sundhedspersonen haft ret til at udøve sit erhverv?",
                    "Kopš kura datuma veselības aprūpes speciālistam ir tiesības praktizēt?",
                    "Mis kuupäevast alates on tervishoiutöötajal õigus kutsealal tegutseda?",
                ),
            ),
            _q(
                TEXT,
                _texts(
                    "In which profession and speciality is the health professional registered?",
                    "По каква професия и специалност е вписан медицинският специалист?",
                    "În ce profesie și specialitate este înregistrat profesionistul din domeniul sănătății?",
                    "Inden for hvilket erhverv og speciale er sundhedspersonen registreret?",
                    "Kādā profesijā un specialitātē veselības aprūpes speciālists ir reģistrēts?",
                    "Millisel kutsealal ja erialal on tervishoiutöötaja registreeritud?",
                ),
            ),
            _q(
                YES_NO,
                _texts(
                    "Has the health professional been subject to disciplinary measures or restrictions on practice?",
                    "Налагани ли са на медицинския специалист дисциплинарни мерки или ограничения при "
                    "упражняването на професията?",
                    "Au fost aplicate profesionistului din domeniul sănătății măsuri disciplinare sau restricții "
                    "privind exercitarea profesiei?",
                    "Er sundhedspersonen blevet pålagt disciplinære foranstaltninger eller begrænsninger i retten "
                    "til at udøve erhvervet?",
                    "Vai veselības aprūpes speciālistam ir piemēroti disciplināri pasākumi vai prakses ierobežojumi?",
                    "Kas tervishoiutöötaja suhtes on rakendatud distsiplinaarmeetmeid või kutsetegevuse piiranguid?",
                ),
            ),
            _q(
                YES_NO,
                # Article 4(2)(d) of Directive 2011/24/EU.
                _texts(
                    "Is the health professional covered by professional liability insurance or a similar guarantee?",
                    "Има ли медицинският специалист застраховка „Професионална отговорност“ или подобна гаранция?",
                    "Are profesionistul din domeniul sănătății o asigurare de răspundere civilă profesională sau o "
                    "garanție similară?",
                    "Er sundhedspersonen dækket af en erhvervsansvarsforsikring eller en lignende garanti?",
                    "Vai veselības aprūpes speciālistam ir profesionālās civiltiesiskās atbildības apdrošināšana "
                    "vai līdzīga garantija?",
                    "Kas tervishoiutöötajal on kutsealane vastutuskindlustus või muu samaväärne tagatis?",
                ),
            ),
            _q(
                TEXT,
                _texts(
                    "Please describe any restrictions on the health professional's right to practise and the date "
                    "from which they apply.",
                    "Моля, опишете евентуалните ограничения на правото на медицинския специалист да упражнява "
                    "професията и датата, от която те се прилагат.",
                    "Vă rugăm să descrieți eventualele restricții privind dreptul de practică al profesionistului "
                    "din domeniul sănătății și data de la care se aplică acestea.",
                    "Beskriv venligst eventuelle begrænsninger i sundhedspersonens ret til at udøve sit erhverv og "
                    "datoen, hvorfra de gælder.",
                    "Lūdzu, aprakstiet veselības aprūpes speciālista tiesību praktizēt ierobežojumus, ja tādi ir, "
                    "un datumu, no kura tie piemērojami.",
                    "Palun kirjeldage tervishoiutöötaja kutsealal tegutsemise õiguse võimalikke piiranguid ja nende "
                    "kohaldamise alguskuupäeva.",
                ),
            ),
            _q(
                FILE,
                _texts(
                    "Please provide an extract from the register or a certificate confirming the right to practise.",
                    "Моля, приложете извлечение от регистъра или удостоверение, потвърждаващо правото на "
                    "упражняване на професията.",
                    "Vă rugăm să anexați un extras din registru sau un certificat care confirmă dreptul de practică.",
                    "Vedlæg venligst et udskrift fra registret eller en attest, der bekræfter retten til at udøve "
                    "erhvervet.",
                    "Lūdzu, pievienojiet izrakstu no reģistra vai apliecinājumu par tiesībām praktizēt.",
                    "Palun lisage registriväljavõte või tõend, mis kinnitab kutsealal tegutsemise õigust.",
                ),
            ),
        ],
    },
]


def _translated(field, texts):
    # The untranslated column holds the English text; on the real models,
    # setting it also sets the active language's column, so it goes first.
    values = {field: texts["en"]}
    values.update({f"{field}_{lang}": texts[lang] for lang in LANGUAGES})
    return values


def _upsert(model, *, lookup, values):
    """Create or update the row matching ``lookup``; save only when something differs.

    Values are compared with what is stored (``__dict__``), so that on the real
    models modeltranslation's descriptors, which answer in the active
    language, do not hide a difference. Returns the row and "created",
    "updated" or None.
    """
    obj = model.objects.filter(**lookup).order_by("pk").first()
    created = obj is None
    if created:
        obj = model(**lookup)
    changed = False
    for field, value in values.items():
        if created or obj.__dict__.get(field) != value:
            setattr(obj, field, value)
            changed = True
    if changed:
        obj.save()
    return obj, ("created" if created else ("updated" if changed else None))


def load_question_sets(QuestionSet, Question, AnswerOption, LegislativeArea):
    """Create or update the question sets, their questions and options; idempotent.

    Sets are matched by code, questions by set and order, options by question
    and order. Rows the data no longer lists are left alone: requests may
    still point to them. Works with the real models and with the historical
    ones of a migration. Returns how many rows were created and updated.
    """
    from django.db import transaction
    from django.utils import translation

    codes = {qset["legislative_area"] for qset in QUESTION_SETS}
    areas = dict(LegislativeArea.objects.filter(code__in=codes).values_list("code", "pk"))
    missing = codes - areas.keys()
    if missing:
        raise LookupError(f"Legislative areas missing, load the reference data first: {', '.join(sorted(missing))}")

    counts = {"created": 0, "updated": 0}

    def count(outcome):
        if outcome:
            counts[outcome] += 1

    with transaction.atomic(), translation.override("en"):
        for data in QUESTION_SETS:
            values = {"legislative_area_id": areas[data["legislative_area"]], **_translated("name", data["name"])}
            qset, outcome = _upsert(QuestionSet, lookup={"code": data["code"]}, values=values)
            count(outcome)
            for order, item in enumerate(data["questions"], start=1):
                if item["kind"] not in KINDS or (item["kind"] == CHOICE) != bool(item.get("options")):
                    raise ValueError(f"{data['code']} question {order}: only choice questions have options")
                values = {"kind": item["kind"], **_translated("text", item["text"])}
                question, outcome = _upsert(
                    Question, lookup={"question_set_id": qset.pk, "order": order}, values=values
                )
                count(outcome)
                for option_order, option in enumerate(item.get("options", ()), start=1):
                    _, outcome = _upsert(
                        AnswerOption,
                        lookup={"question_id": question.pk, "order": option_order},
                        values=_translated("text", option),
                    )
                    count(outcome)
    return counts
