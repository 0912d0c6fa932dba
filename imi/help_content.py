"""The help pages every installation of the portal starts with: training, contacts.

Plain data, loaded by the data migration ``0004_help_pages`` with the
historical model; coordinators edit the pages in the admin afterwards. The
terms follow the IMI leaflet of each language and the portal's own
translations ("National helpdesks", "local data administrator",
"authenticator app"); the sentences are the portal's own. Plain text: an
empty line starts a new paragraph. No external web addresses.
"""

# The languages the pages are given in; English is the source.
LANGUAGES = ("en", "bg", "ro", "da", "lv", "et")


def _texts(en, bg, ro, da, lv, et):
    return {"en": en, "bg": bg, "ro": ro, "da": da, "lv": lv, "et": et}


def _paragraphs(*paragraphs):
    return "\n\n".join(paragraphs)


HELP_PAGES = [
    {
        "slug": "training",
        "order": 1,
        "title": _texts("Training", "Обучение", "Formare", "Undervisning", "Mācības", "Koolitus"),
        "body": _texts(
            _paragraphs(
                "Your national IMI coordinator can tell you which courses are offered in your country and when "
                "the next training sessions are planned. Contact your coordinator before you start working with "
                "the portal, or whenever new tasks in your work call for it.",
                "Self-study materials let you learn at your own pace. Your coordinator can tell you which "
                "materials are available in your language.",
                "The easiest way to learn is the training environment. It is the same portal with the same "
                "functions, but it contains only fictitious authorities, users and requests. A banner at the top "
                "of every page shows that you are in the training environment.",
                "The training environment sends no real e-mail: its notifications are kept in a training "
                "mailbox, which you can open from the banner. All data are reset every night, so you can try "
                "every function without any risk, for example sending and accepting requests and answering them.",
                "To get access to the training environment, ask your coordinator.",
            ),
            _paragraphs(
                "Вашият национален IMI координатор може да ви каже какви курсове се предлагат във вашата "
                "държава и кога са планирани следващите обучения. Обърнете се към него, преди да започнете "
                "работа с портала или винаги когато нови задачи в работата ви го изискват.",
                "Учебните материали за самообучение ви позволяват да учите със собствено темпо. Вашият "
                "координатор може да ви каже кои материали са достъпни на вашия език.",
                "Най-лесно ще се научите в учебната среда. Тя е същият портал със същите функции, но съдържа "
                "само фиктивни органи, потребители и заявки. Съобщение в горната част на всяка страница "
                "показва, че се намирате в учебната среда.",
                "Учебната среда не изпраща истински имейли: известията ѝ се съхраняват в учебна пощенска "
                "кутия, която можете да отворите от съобщението в горната част на страницата. Всяка нощ всички "
                "данни се връщат в началното си състояние, така че можете без никакъв риск да изпробвате всяка "
                "функция, например да изпращате и приемате заявки и да отговаряте на тях.",
                "За достъп до учебната среда се обърнете към вашия координатор.",
            ),
            _paragraphs(
                "Coordonatorul național IMI vă poate spune ce cursuri se organizează în țara dumneavoastră și "
                "când sunt planificate următoarele sesiuni de formare. Adresați-vă acestuia înainte de a începe "
                "să lucrați în portal sau ori de câte ori apar sarcini noi în activitatea dumneavoastră.",
                "Materialele pentru studiu individual vă permit să învățați în ritmul propriu. Coordonatorul vă "
                "poate spune ce materiale sunt disponibile în limba dumneavoastră.",
                "Cel mai ușor învățați în mediul de formare. Acesta este același portal, cu aceleași funcții, "
                "dar conține numai autorități, utilizatori și cereri fictive. Un banner afișat în partea de sus "
                "a fiecărei pagini arată că vă aflați în mediul de formare.",
                "Mediul de formare nu trimite e-mailuri reale: notificările sale sunt păstrate într-o căsuță "
                "poștală de formare, pe care o puteți deschide din banner. În fiecare noapte, toate datele sunt "
                "readuse la starea inițială, astfel încât puteți încerca fără niciun risc orice funcție, de "
                "exemplu trimiterea și acceptarea cererilor sau răspunsul la acestea.",
                "Pentru a obține acces la mediul de formare, adresați-vă coordonatorului.",
            ),
            _paragraphs(
                "Din nationale IMI-koordinator kan fortælle dig, hvilke kurser der udbydes i dit land, og "
                "hvornår de næste kurser er planlagt. Kontakt din koordinator, før du begynder at arbejde i "
                "portalen, eller når nye opgaver i dit arbejde kræver det.",
                "Med undervisningsmateriale til selvstudier kan du lære i dit eget tempo. Din koordinator kan "
                "fortælle dig, hvilket materiale der findes på dit sprog.",
                "Du lærer det lettest i uddannelsesdelen. Det er den samme portal med de samme funktioner, men "
                "den indeholder kun fiktive myndigheder, brugere og forespørgsler. Et banner øverst på hver "
                "side viser, at du er i uddannelsesdelen.",
                "Uddannelsesdelen sender ingen rigtige e-mails: Dens meddelelser gemmes i en postkasse, som du "
                "kan åbne fra banneret. Alle data nulstilles hver nat, så du uden risiko kan afprøve alle "
                "funktioner, f.eks. at sende og acceptere forespørgsler og at besvare dem.",
                "Bed din koordinator om adgang til uddannelsesdelen.",
            ),
            _paragraphs(
                "Jūsu valsts IMI koordinators var pastāstīt, kādi kursi tiek piedāvāti jūsu valstī un kad "
                "plānotas nākamās mācības. Sazinieties ar koordinatoru, pirms sākat strādāt portālā, vai "
                "ikreiz, kad darbā jāveic jauni uzdevumi.",
                "Mācību materiāli pašmācībai ļauj mācīties sev piemērotā tempā. Koordinators var pastāstīt, "
                "kādi materiāli ir pieejami jūsu valodā.",
                "Visvieglāk apgūt portālu var mācību vidē. Tas ir tas pats portāls ar tām pašām funkcijām, "
                "taču tajā ir tikai fiktīvas iestādes, lietotāji un pieprasījumi. Paziņojums katras lapas "
                "augšdaļā norāda, ka atrodaties mācību vidē.",
                "Mācību vide nesūta īstus e-pasta ziņojumus: tās paziņojumi tiek saglabāti mācību pastkastē, "
                "ko varat atvērt no paziņojuma lapas augšdaļā. Katru nakti visi dati tiek atjaunoti "
                "sākotnējā stāvoklī, tāpēc jūs bez jebkāda riska varat izmēģināt visas funkcijas, piemēram, "
                "nosūtīt un pieņemt pieprasījumus un atbildēt uz tiem.",
                "Lai piekļūtu mācību videi, vērsieties pie sava koordinatora.",
            ),
            _paragraphs(
                "Teie riiklik IMI koordinaator oskab öelda, milliseid kursusi Teie riigis pakutakse ja millal "
                "toimuvad järgmised koolitused. Pöörduge tema poole enne, kui hakkate portaali kasutama, või "
                "alati, kui töös tuleb ette uusi ülesandeid.",
                "Iseõppimiseks mõeldud õppematerjalide abil saate õppida endale sobivas tempos. Koordinaator "
                "oskab öelda, millised materjalid on Teie keeles saadaval.",
                "Kõige lihtsam on portaali kasutamist harjutada õppekeskkonnas. See on sama portaal samade "
                "funktsioonidega, kuid selles on ainult fiktiivsed asutused, kasutajad ja päringud. Iga lehe "
                "ülaosas olev teade näitab, et olete õppekeskkonnas.",
                "Õppekeskkond ei saada päris e-kirju: selle teavitused jäävad õppekeskkonna postkasti, mille "
                "saate avada lehe ülaosas oleva teate kaudu. Igal ööl lähtestatakse kõik andmed, nii et võite "
                "riskivabalt proovida kõiki funktsioone, näiteks päringute saatmist, heakskiitmist ja neile "
                "vastamist.",
                "Õppekeskkonnale juurdepääsu saamiseks pöörduge oma koordinaatori poole.",
            ),
        ),
    },
    {
        "slug": "contacts",
        "order": 2,
        "title": _texts(
            "Who to contact",
            "С кого да се свържете",
            "Pe cine puteți contacta",
            "Hvem skal du henvende dig til?",
            "Ar ko sazināties",
            "Kellega ühendust võtta",
        ),
        "body": _texts(
            _paragraphs(
                "Your national IMI coordinator helps you with every question about using the portal in your "
                "work, for example which authority to send a request to, or what to do when a reply is not "
                "satisfactory. You find your coordinator's contact details on the “National helpdesks” page, "
                "which the link at the top right of every page leads to.",
                "Your national helpdesk gives technical help. Contact the helpdesk if you cannot log in, have "
                "forgotten your password, can no longer use your authenticator app or have a question about "
                "user accounts.",
                "In your own authority, the local data administrator registers new colleagues, gives users "
                "their roles and keeps the authority's data up to date. Contact your local data administrator "
                "when a colleague joins or leaves the authority, or when the authority's details change.",
            ),
            _paragraphs(
                "Вашият национален IMI координатор ще ви помогне с всеки въпрос относно използването на "
                "портала в работата ви, например към кой орган да изпратите заявка или какво да направите, ако "
                "полученият отговор не е задоволителен. Данните за контакт с него ще намерите на страницата "
                "„Национални бюра за помощ“, до която води връзката в горния десен ъгъл на всяка страница.",
                "Вашето национално бюро за помощ предоставя техническа помощ. Обърнете се към него, ако не "
                "можете да влезете в портала, сте забравили паролата си, не можете да използвате приложението "
                "си за удостоверяване или имате въпрос относно потребителските акаунти.",
                "Във вашия орган локалният администратор на данни регистрира новите колеги, възлага роли на "
                "потребителите и поддържа данните на органа актуални. Обърнете се към него, когато колега "
                "постъпва в органа или го напуска, или когато данните на органа се променят.",
            ),
            _paragraphs(
                "Coordonatorul național IMI vă ajută cu orice întrebare privind utilizarea portalului în "
                "activitatea dumneavoastră, de exemplu cărei autorități să îi trimiteți o cerere sau ce să "
                "faceți dacă un răspuns nu este satisfăcător. Datele sale de contact se găsesc pe pagina "
                "„Servicii naționale de helpdesk”, la care ajungeți prin linkul din colțul din dreapta sus al "
                "fiecărei pagini.",
                "Serviciul național de helpdesk vă oferă asistență tehnică. Adresați-vă acestuia dacă nu vă "
                "puteți conecta, dacă ați uitat parola, dacă nu mai puteți folosi aplicația de autentificare sau "
                "dacă aveți o întrebare privind conturile de utilizator.",
                "În cadrul autorității dumneavoastră, administratorul local de date înregistrează colegii noi, "
                "atribuie roluri utilizatorilor și ține la zi datele autorității. Adresați-vă acestuia atunci "
                "când un coleg vine în autoritate sau o părăsește ori când datele autorității se schimbă.",
            ),
            _paragraphs(
                "Din nationale IMI-koordinator hjælper dig med alle spørgsmål om, hvordan du bruger portalen i "
                "dit arbejde, f.eks. hvilken myndighed du skal sende en forespørgsel til, eller hvad du skal "
                "gøre, hvis et svar ikke er tilfredsstillende. Koordinatorens kontaktoplysninger står på siden "
                "»Nationale helpdeske«, som du når via linket øverst til højre på hver side.",
                "Din nationale helpdesk giver teknisk hjælp. Kontakt helpdesken, hvis du ikke kan logge på, har "
                "glemt din adgangskode, ikke længere kan bruge din godkendelsesapp eller har spørgsmål om "
                "brugerkonti.",
                "I din egen myndighed registrerer den lokale dataadministrator nye kolleger, tildeler brugerne "
                "roller og holder myndighedens oplysninger ajour. Kontakt din lokale dataadministrator, når en "
                "kollega begynder eller holder op i myndigheden, eller når myndighedens oplysninger ændres.",
            ),
            _paragraphs(
                "Jūsu valsts IMI koordinators jums palīdzēs ar jebkuru jautājumu par portāla izmantošanu darbā, "
                "piemēram, kurai iestādei nosūtīt pieprasījumu vai ko darīt, ja saņemtā atbilde nav "
                "apmierinoša. Koordinatora kontaktinformācija ir lapā “Valstu palīdzības dienesti”, uz kuru "
                "ved saite katras lapas augšējā labajā stūrī.",
                "Jūsu valsts palīdzības dienests sniedz tehnisko palīdzību. Vērsieties tajā, ja nevarat "
                "pieteikties, neatceraties paroli, vairs nevarat izmantot savu autentifikācijas lietotni vai "
                "jums ir jautājums par lietotāju kontiem.",
                "Jūsu iestādē vietējais datu administrators reģistrē jaunus kolēģus, piešķir lietotājiem lomas "
                "un rūpējas, lai iestādes dati būtu aktuāli. Vērsieties pie viņa, kad kāds kolēģis sāk vai "
                "beidz darbu iestādē vai kad mainās iestādes dati.",
            ),
            _paragraphs(
                "Teie riiklik IMI koordinaator aitab Teid kõigis portaali kasutamist puudutavates tööalastes "
                "küsimustes, näiteks millisele asutusele päring saata või mida teha, kui saadud vastus ei ole "
                "rahuldav. Koordinaatori kontaktandmed leiate lehelt „Riiklikud kasutajatoed”, kuhu pääseb iga "
                "lehe paremas ülanurgas oleva lingi kaudu.",
                "Riiklik kasutajatugi annab tehnilist abi. Pöörduge sinna, kui Te ei saa sisse logida, olete "
                "parooli unustanud, ei saa enam kasutada oma autentimisrakendust või Teil on küsimus "
                "kasutajakontode kohta.",
                "Teie asutuses registreerib kohalik andmehaldur uued kolleegid, määrab kasutajatele rollid ja "
                "hoiab asutuse andmed ajakohasena. Pöörduge tema poole, kui mõni kolleeg asub asutusse tööle "
                "või lahkub sealt või kui asutuse andmed muutuvad.",
            ),
        ),
    },
]


def load_help_pages(HelpPage):
    """Create or update the help pages by slug; idempotent.

    Works with the real model and with the historical one of a migration. Sets
    every language's column, and the untranslated ``title`` and ``body`` to the
    English text. Values are compared with what is stored (``__dict__``), so
    that on the real model modeltranslation's descriptors, which answer in the
    active language, do not hide a difference. Returns how many pages were
    created and updated.
    """
    from django.utils import translation

    counts = {"created": 0, "updated": 0}
    with translation.override("en"):
        for page in HELP_PAGES:
            # The untranslated columns go first: on the real model, setting one
            # also sets the active language's column.
            values = {"order": page["order"]}
            for field in ("title", "body"):
                values[field] = page[field]["en"]
                values.update({f"{field}_{lang}": page[field][lang] for lang in LANGUAGES})
            obj = HelpPage.objects.filter(slug=page["slug"]).first()
            created = obj is None
            if created:
                obj = HelpPage(slug=page["slug"])
            changed = False
            for field, value in values.items():
                if created or obj.__dict__.get(field) != value:
                    setattr(obj, field, value)
                    changed = True
            if changed:
                obj.save()
                counts["created" if created else "updated"] += 1
    return counts
