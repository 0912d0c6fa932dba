"""CSV import and export of registers, for coordinators in the admin (the format; the engine is ``core.csv_import``)."""

from collections import defaultdict

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from authorities.csv_import import CsvFormat
from authorities.models import Authority
from core.csv_import import CREATE, SKIP, UPDATE, YES, clean_cell, join_codes, text_field
from registers.forms import WebAddressField
from registers.models import Register
from registers.services import register_search_refresh


class RegisterCsv(CsvFormat):
    model = Register
    columns = (
        "name_en",
        "description_en",
        "country",
        "managing_authority",
        "url",
        "coverage",
        "legislative_areas",
        "is_public_and_free",
        "languages",
    )
    required = ("name_en", "country", "managing_authority", "url")
    filename = "registers"
    matched_by = gettext_lazy("Rows are matched to the stored registers by managing authority and English name.")

    def export_queryset(self, queryset):
        return (
            queryset.select_related("country", "authority")
            .prefetch_related("legislative_areas")
            .order_by("country__code", "authority__official_name", "name_en")
        )

    def export_row(self, register):
        return [
            register.name_en or "",
            register.description_en or "",
            register.country.code,
            register.authority.official_name,
            register.url,
            register.coverage,
            join_codes(sorted(area.code for area in register.legislative_areas.all())),
            "yes" if register.is_public_and_free else "no",
            join_codes(register.languages),
        ]

    def check(self, rows, *, lock):
        lookups = self.lookups()
        for row in rows:
            row.label = row.cells.get("name_en", "")
            name = clean_cell(row, "name_en", text_field(Register, "name", required=True))
            country = self.clean_country(row, lookups)
            authority_name = clean_cell(
                row, "managing_authority", text_field(Authority, "official_name", required=True)
            )
            self.clean_common(
                row,
                lookups,
                [
                    ("description_en", forms.CharField(required=False)),
                    (
                        "url",
                        WebAddressField(max_length=Register._meta.get_field("url").max_length),
                    ),
                    ("coverage", forms.CharField(required=False)),
                ],
            )
            free = row.cells.get("is_public_and_free", "").lower()
            if free in YES:
                row.values["is_public_and_free"] = YES[free]
            elif free:
                row.error("is_public_and_free", _("Enter yes or no."))
            if name is not SKIP and country is not None and authority_name is not SKIP:
                row.key = (country, authority_name, name)
                row.label = f"{name} — {authority_name} ({country.code})"

        authority_names = {row.key[1] for row in rows if row.key}
        existing_authorities = defaultdict(list)
        for authority in Authority.objects.filter(official_name__in=authority_names).prefetch_related("competences"):
            existing_authorities[(authority.country_id, authority.official_name)].append(authority)
        stored = Register.objects.filter(
            authority__official_name__in=authority_names, name_en__in={row.key[2] for row in rows if row.key}
        ).prefetch_related("legislative_areas")
        if lock:
            stored = stored.select_for_update()
        existing = defaultdict(list)
        for register in stored:
            existing[(register.authority_id, register.name_en)].append(register)
        seen = {}
        for row in rows:
            if row.key is None:
                continue
            country, authority_name, name = row.key
            if not self.check_country(row, country):
                continue
            authorities = existing_authorities.get((country.pk, authority_name), [])
            if not authorities:
                row.error(
                    "managing_authority",
                    _("No authority of %(country)s has this official name.") % {"country": country},
                )
                continue
            if len(authorities) > 1:
                row.error("managing_authority", _("Several authorities of this country have this official name."))
                continue
            authority = authorities[0]
            if not self.in_scope(authority):
                row.error("managing_authority", _("This authority is outside your scope."))
                continue
            if (authority.pk, name) in seen:
                row.error("name_en", _("This register is already in row %(row)d.") % {"row": seen[authority.pk, name]})
                continue
            seen[authority.pk, name] = row.number
            matches = existing.get((authority.pk, name), [])
            if len(matches) > 1:
                row.error("name_en", _("The authority has several registers of this name."))
                continue
            instance = matches[0] if matches else None
            current = {area.pk for area in instance.legislative_areas.all()} if instance else set()
            competent = {c.legislative_area_id for c in authority.competences.all()}
            added = [area.code for area in row.areas or () if area.pk not in current and area.pk not in competent]
            if added:
                row.error(
                    "legislative_areas",
                    _("Not legislative areas of the managing authority: %(codes)s.") % {"codes": ", ".join(added)},
                )
                continue
            row.authority = authority
            self.decide(row, instance, current)

    def write(self, rows):
        written = []
        for row in rows:
            if row.action == CREATE:
                country, _authority_name, name = row.key
                register = Register(country=country, authority=row.authority)
                self.apply(register, {"name_en": name, **row.values})
                register.save()
                register.legislative_areas.set(row.areas or ())
            elif row.action == UPDATE:
                register = row.instance
                fields = self.apply(register, {c: row.values[c] for c in row.changes if c in row.values})
                if fields:
                    register.save(update_fields=fields)
                if "legislative_areas" in row.changes:
                    register.legislative_areas.set(row.areas)
            else:
                continue
            self.record(row, register)
            written.append(register.pk)
        register_search_refresh(registers=Register.objects.filter(pk__in=written))
