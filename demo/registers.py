"""The demo registers: public online registers that the demo authorities run.

The data is in ``demo/content/registers.yaml``: each register's managing
authority (country code and official name, as in the world files), its name
and description in every language side by side, address, what it covers,
legislative areas, working languages and how many days ago it was last
reviewed. A register is listed only in legislative areas its managing
authority is competent in (the world files give the competences).

``seed_demo`` writes them after the authorities. Idempotent: a register is
found by its managing authority and English name, and only written when it
differs from the data. Every address is under ``.example`` (RFC 2606), so
none is a real site; two point to ``broken-register.example`` for the link
checker to find broken, and one was last reviewed more than twelve months ago,
for the review reminder.
"""

from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone, translation

from authorities.models import LegislativeArea
from core import content_loader
from registers.models import Register
from registers.services import register_search_refresh

CONTENT = Path(__file__).resolve().parent / "content"

REQUIRED = (
    "country",
    "authority",
    "name",
    "description",
    "url",
    "coverage",
    "legislative_areas",
    "languages",
    "reviewed_days_ago",
)


def registers_read(world, directory=CONTENT):
    """The registers of ``registers.yaml``, checked against the world (``demo.world.world_read``).

    Raises ``ContentError`` listing every problem, each with the register at fault.
    """
    filename = "registers.yaml"
    problems = content_loader.Problems()
    data = content_loader.read(Path(directory) / filename)
    competences = {
        (country["code"], authority["official_name"]): set(authority.get("competences", {}))
        for country in world["countries"]
        for authority in country["authorities"]
    }
    registers, keys = [], set()
    if not isinstance(data, list):
        problems.add(filename, "expected a list of registers")
        data = []
    for number, item in enumerate(data, start=1):
        where = f"{filename}, register {number}"
        item = content_loader.entry(item, where, problems, required=REQUIRED, optional=("is_public_and_free",))
        if item is None:
            continue
        before = len(problems.errors)
        name = content_loader.texts(item["name"], f"{where}, name", problems)
        content_loader.texts(item["description"], f"{where}, description", problems)
        for key in ("url", "coverage"):
            content_loader.string(item[key], f"{where}, {key}", problems)
        authority = (item["country"], item["authority"])
        if authority not in competences:
            problems.add(where, f"no authority {item['authority']!r} in the world file of {item['country']!r}")
        elif outside := sorted(set(item["legislative_areas"]) - competences[authority]):
            problems.add(where, f"{item['authority']} is not competent in {', '.join(outside)}")
        if not isinstance(item["languages"], list) or not item["languages"]:
            problems.add(where, "expected a list of languages")
        if not isinstance(item.get("is_public_and_free", True), bool):
            problems.add(where, "is_public_and_free: expected true or false")
        if not isinstance(item["reviewed_days_ago"], int) or item["reviewed_days_ago"] < 0:
            problems.add(where, "reviewed_days_ago: expected a whole number of days")
        if name and (authority, name["en"]) in keys:
            problems.add(where, f"another register of {item['authority']} has the name {name['en']!r}")
        if len(problems.errors) == before:
            keys.add((authority, name["en"]))
            registers.append(item)
    problems.raise_any()
    return registers


@transaction.atomic
def registers_write(registers, authorities, today=None):
    """Create or update checked registers; returns {"created", "updated", "registers"}.

    ``authorities`` maps (country code, official name) to the Authority.
    """
    today = today or timezone.localdate()
    areas = {area.code: area for area in LegislativeArea.objects.all()}
    counts = content_loader.Counts()
    pks = []
    for spec in registers:
        authority = authorities[(spec["country"], spec["authority"])]
        register, outcome = content_loader.upsert(
            Register,
            {"authority": authority, "name_en": spec["name"]["en"]},
            values={
                "country_id": authority.country_id,
                "url": spec["url"],
                "coverage": spec["coverage"],
                "is_public_and_free": spec.get("is_public_and_free", True),
                "languages": spec["languages"],
                "last_reviewed": today - timedelta(days=spec["reviewed_days_ago"]),
            },
            translated={"name": spec["name"], "description": spec["description"]},
        )
        counts.add(outcome)
        wanted = {areas[code].pk for code in spec["legislative_areas"]}
        if set(register.legislative_areas.values_list("pk", flat=True)) != wanted:
            register.legislative_areas.set(wanted)
            counts["updated"] += outcome != "created"
        pks.append(register.pk)
    with translation.override("en"):
        register_search_refresh(registers=Register.objects.filter(pk__in=pks))
    return {**counts, "registers": len(pks)}
