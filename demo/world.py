"""The demo world: six countries' helpdesks, coordinators, authorities and users.

The data is in ``demo/content/world/<country>.yaml``, one file per country,
and ``demo/content/administrator.yaml`` (the superuser); every translated
text has every enabled language side by side. ``world_read`` checks the files
(``ContentError`` says which file and which entry is wrong) and
``world_write`` creates or updates the rows with ``core.content_loader.upsert``,
each found by its natural key (a helpdesk by its country, an authority by its
country and official name, a user by e-mail), so writing it twice changes
nothing.

What the files do not say, the rules below decide: the users of a country
prefer its ``language``; an LDA is a request handler in every area of its
authority; a role without an area is given in all of them; each authority user
is covered by the next active, present colleague of the same authority; and
coordinators, helpdesk staff and the superuser get an authenticator app on
the published demo secret.
"""

from datetime import timedelta
from pathlib import Path

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import check_password

from authorities.models import Authority, Backup, Competence, Country, LegislativeArea, NationalHelpdesk, Role, User
from core import content_loader

CONTENT = Path(__file__).resolve().parent / "content"

DEMO_PASSWORD = "Demo-IMI-2026"  # noqa: S105 (published demo password)
# Base32; coordinators, helpdesk staff and the superuser enter the code an
# authenticator app derives from it (the portal requires TOTP of them).
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # noqa: S105 (published demo secret)

COUNTRY_KEYS = ("code", "language", "working_languages", "helpdesk", "coordinator", "authorities")
AUTHORITY_KEYS = ("official_name", "acronym", "display_name", "city", "address", "email", "phone", "website")
PERSON_KEYS = ("name", "email")
USER_OPTIONS = ("lda", "roles", "absent", "active")


def world_read(directory=CONTENT):
    """The demo world the files describe, checked; raises ``ContentError`` listing every problem.

    Returns {"countries": [...], "users": [...], "backups": [(e-mail, backup's e-mail)]}.
    Each user is a dict: name, email, country (code or None), language, kind
    (superuser, helpdesk, coordinator, lda, handler, allocator, supervisor),
    authority ((country code, official name) or None), roles ({(area, kind)}),
    active, absent ((days ago, days ahead) or None).
    """
    directory = Path(directory)
    problems = content_loader.Problems()
    known = {
        "countries": set(Country.objects.values_list("code", flat=True)),
        "areas": set(LegislativeArea.objects.values_list("code", flat=True)),
    }
    countries = []
    users = []
    administrator = content_loader.entry(
        content_loader.read(directory / "administrator.yaml"),
        "administrator.yaml",
        problems,
        required=(*PERSON_KEYS, "language"),
    )
    if administrator:
        users.append(_user_row(administrator, None, administrator["language"], "superuser", None, set()))
    for path in sorted((directory / "world").glob("*.yaml")):
        country = _country_check(content_loader.read(path), path.name, known, problems)
        if country:
            countries.append(country)
            users.extend(country["users"])
    _unique([u["email"] for u in users], "e-mail", problems)
    _unique([(c["code"], a["official_name"]) for c in countries for a in c["authorities"]], "authority", problems)
    _unique([c["code"] for c in countries], "country", problems)
    backups = _backups(users, problems)
    problems.raise_any()
    return {"countries": countries, "users": users, "backups": backups}


def _unique(keys, what, problems):
    seen = set()
    for key in keys:
        if key in seen:
            problems.add("demo world", f"the {what} {key!r} is given twice")
        seen.add(key)


def _country_check(data, where, known, problems):
    before = len(problems.errors)
    data = content_loader.entry(data, where, problems, required=COUNTRY_KEYS)
    if data is None:
        return None
    code = data["code"]
    if code not in known["countries"]:
        problems.add(where, f"unknown country {code!r}")
    language = data["language"]
    if language not in content_loader.LANGUAGES:
        problems.add(where, f"language {language!r} is not one of {', '.join(content_loader.LANGUAGES)}")
    if not isinstance(data["working_languages"], list) or not data["working_languages"]:
        problems.add(where, "expected a list of working languages")
    helpdesk = content_loader.entry(
        data["helpdesk"],
        f"{where}, helpdesk",
        problems,
        required=("email", "phone", "opening_hours"),
        optional=("staff",),
    )
    staff = []
    if helpdesk:
        content_loader.texts(helpdesk["opening_hours"], f"{where}, helpdesk, opening_hours", problems)
        for number, person in enumerate(_list(helpdesk.get("staff", []), f"{where}, helpdesk, staff", problems), 1):
            person = content_loader.entry(person, f"{where}, helpdesk, staff {number}", problems, required=PERSON_KEYS)
            if person:
                staff.append(_user_row(person, code, language, "helpdesk", None, set()))

    users = []
    authorities = []
    coordinator = _authority_check(data["coordinator"], f"{where}, coordinator", known, problems, required=("user",))
    if coordinator:
        coordinator["coordinator_type"] = Authority.CoordinatorType.NATIONAL
        authorities.append(coordinator)
        person = content_loader.entry(
            coordinator["user"], f"{where}, coordinator, user", problems, required=PERSON_KEYS
        )
        if person:
            key = (code, coordinator["official_name"])
            users.append(_user_row(person, code, language, "coordinator", key, set()))
    users.extend(staff)
    for number, spec in enumerate(_list(data["authorities"], f"{where}, authorities", problems), start=1):
        at = f"{where}, authority {number}"
        authority = _authority_check(spec, at, known, problems, required=("users",))
        if authority is None:
            continue
        authority["coordinator_type"] = Authority.CoordinatorType.NONE
        at = f"{where}, {authority['official_name']}"
        authorities.append(authority)
        areas = set(authority.get("competences", {}))
        for index, person in enumerate(_list(authority["users"], f"{at}, users", problems), start=1):
            user = _authority_user_check(person, f"{at}, user {index}", code, language, authority, areas, problems)
            if user:
                users.append(user)
    if len(problems.errors) > before:
        return None
    return {
        "code": code,
        "language": language,
        "working_languages": data["working_languages"],
        "helpdesk": helpdesk,
        "authorities": authorities,
        "users": users,
    }


def _list(value, where, problems):
    if not isinstance(value, list):
        problems.add(where, "expected a list")
        return []
    return value


def _authority_check(spec, where, known, problems, *, required):
    spec = content_loader.entry(
        spec, where, problems, required=(*AUTHORITY_KEYS, *required), optional=("competences", "status")
    )
    if spec is None:
        return None
    for key in ("official_name", "acronym", "city", "address", "email", "phone", "website"):
        content_loader.string(spec[key], f"{where}, {key}", problems)
    content_loader.texts(spec["display_name"], f"{where}, display_name", problems)
    if spec.get("status", Authority.Status.VALIDATED) not in Authority.Status.values:
        problems.add(where, f"unknown status {spec['status']!r} (one of {', '.join(Authority.Status.values)})")
    competences = spec.get("competences", {})
    if not isinstance(competences, dict):
        problems.add(f"{where}, competences", "expected keywords by legislative area")
        return None
    for area, keywords in competences.items():
        if area not in known["areas"]:
            problems.add(f"{where}, competences", f"unknown legislative area {area!r}")
        content_loader.string(keywords, f"{where}, competences, {area}", problems)
    return dict(spec)


def _authority_user_check(person, where, code, language, authority, areas, problems):
    person = content_loader.entry(person, where, problems, required=PERSON_KEYS, optional=USER_OPTIONS)
    if person is None:
        return None
    pairs = {(area, Role.Kind.HANDLER.value) for area in areas} if person.get("lda") else set()
    kinds = []
    for role in _list(person.get("roles", []), f"{where}, roles", problems):
        if isinstance(role, dict):
            role = content_loader.entry(role, f"{where}, roles", problems, required=("kind", "area"))
            kind, area = (role["kind"], role["area"]) if role else (None, None)
        else:
            kind, area = role, None
        if kind not in Role.Kind.values:
            problems.add(f"{where}, roles", f"unknown role {kind!r} (one of {', '.join(Role.Kind.values)})")
            continue
        if area is not None and area not in areas:
            problems.add(f"{where}, roles", f"role in {area!r}, where the authority is not competent")
            continue
        kinds.append(kind)
        pairs |= {(area, kind)} if area else {(a, kind) for a in areas}
    if not person.get("lda") and not kinds:
        problems.add(where, "neither an LDA nor given a role")
        return None
    absent = person.get("absent")
    if absent is not None:
        absent = content_loader.entry(absent, f"{where}, absent", problems, required=("since_days_ago", "back_in_days"))
        if absent is None:
            return None
        if not all(isinstance(days, int) and days >= 0 for days in absent.values()):
            problems.add(f"{where}, absent", "expected whole numbers of days")
            return None
        absent = (absent["since_days_ago"], absent["back_in_days"])
    kind = "lda" if person.get("lda") else kinds[0]
    key = (code, authority["official_name"])
    row = _user_row(person, code, language, kind, key, pairs)
    row.update(active=person.get("active", True), absent=absent)
    return row


def _user_row(person, code, language, kind, authority, roles):
    return {
        "name": person["name"],
        "email": person["email"],
        "country": code,
        "language": language,
        "kind": kind,
        "authority": authority,
        "roles": roles,
        "active": True,
        "absent": None,
    }


def _backups(users, problems):
    """Each authority user is covered by the next active, present colleague of the same authority."""
    colleagues = {}
    for user in users:
        if user["authority"] and user["kind"] != "coordinator":
            colleagues.setdefault(user["authority"], []).append(user)
    pairs = []
    for members in colleagues.values():
        present = [m for m in members if m["active"] and not m["absent"]]
        for index, user in enumerate(members):
            candidates = [m for m in present if m is not user]
            if not candidates:
                problems.add(user["authority"][1], f"{user['name']} has no active colleague to be the backup")
                continue
            after = [m for m in candidates if members.index(m) > index]
            pairs.append((user["email"], (after or candidates)[0]["email"]))
    return pairs


class WorldWriter:
    """Writes a checked world; ``counts`` says how many rows it created and updated."""

    def __init__(self, today):
        self.today = today
        self.counts = content_loader.Counts()
        self.authenticators = 0
        self._password_hash = None
        self._verified = {}
        self.countries = {country.code: country for country in Country.objects.all()}
        self.areas = {area.code: area for area in LegislativeArea.objects.all()}

    def write(self, world):
        """Create or update the world's rows; returns {e-mail: User} and {(country, official name): Authority}."""
        authorities = {}
        for country in world["countries"]:
            self._helpdesk(country)
            for spec in country["authorities"]:
                authorities[(country["code"], spec["official_name"])] = self._authority(country, spec)
        users = {spec["email"]: self._user(spec, authorities) for spec in world["users"]}
        for email, backup in world["backups"]:
            _link, created = Backup.objects.get_or_create(user=users[email], backup=users[backup])
            self.counts["created"] += created
        self.authenticators = sum(self._totp(user) for user in users.values() if user.requires_mfa)
        return users, authorities

    def _helpdesk(self, country):
        spec = country["helpdesk"]
        _obj, outcome = content_loader.upsert(
            NationalHelpdesk,
            {"country": self.countries[country["code"]]},
            values={"email": spec["email"], "phone": spec["phone"]},
            translated={"opening_hours": spec["opening_hours"]},
        )
        self.counts.add(outcome)

    def _authority(self, country, spec):
        authority, outcome = content_loader.upsert(
            Authority,
            {"country": self.countries[country["code"]], "official_name": spec["official_name"]},
            values={
                "acronym": spec["acronym"],
                "city": spec["city"],
                "address": spec["address"],
                "email": spec["email"],
                "phone": spec["phone"],
                "website": spec["website"],
                "languages": country["working_languages"],
                "status": spec.get("status", Authority.Status.VALIDATED),
                "coordinator_type": spec["coordinator_type"],
            },
            translated={"display_name": spec["display_name"]},
        )
        self.counts.add(outcome)
        for area, keywords in spec.get("competences", {}).items():
            lookup = {"authority": authority, "legislative_area": self.areas[area]}
            self.counts.add(content_loader.upsert(Competence, lookup, values={"keywords": keywords})[1])
        return authority

    def _user(self, spec, authorities):
        if spec["absent"]:
            since, back = spec["absent"]
            absent = (self.today - timedelta(days=since), self.today + timedelta(days=back))
        else:
            absent = (None, None)
        authority = authorities[spec["authority"]] if spec["authority"] else None
        helpdesk_country = self.countries[spec["country"]] if spec["kind"] == "helpdesk" else None
        user, outcome = content_loader.upsert(
            User,
            {"email": spec["email"]},
            values={
                "full_name": spec["name"],
                "preferred_language": spec["language"],
                "authority_id": authority.pk if authority else None,
                "is_lda": spec["kind"] in ("lda", "coordinator"),
                "helpdesk_country_id": helpdesk_country.pk if helpdesk_country else None,
                "is_superuser": spec["kind"] == "superuser",
                "is_active": spec["active"],
                "absent_from": absent[0],
                "absent_until": absent[1],
            },
        )
        self.counts.add(outcome)
        self._password(user, created=outcome == "created")
        for area, kind in sorted(spec["roles"]):
            _role, created = Role.objects.get_or_create(user=user, legislative_area=self.areas[area], kind=kind)
            self.counts["created"] += created
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
        self.counts["updated"] += not created

    def _totp(self, user):
        """An authenticator app on the demo secret, stored as allauth stores one (encrypted by its adapter)."""
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            return 0
        TOTP.activate(user, DEMO_TOTP_SECRET)
        return 1
