"""CSV import and export of the directory (authorities, and the base of registers'), for coordinators in the admin.

The engine that reads a file is ``core.csv_import``.

A file is read whole and every row is checked before anything is written: with
any error, nothing is imported. ``run(content, dry_run=True)`` tells what each
row would do (create, update, nothing) and lists the errors by row and column;
``dry_run=False`` checks again and writes everything in one transaction, records
one admin log entry per created or changed object and refreshes their search
documents.

Files are UTF-8, with or without a byte order mark, their cells separated by
commas or semicolons (whichever the header row uses). Lists (languages,
legislative areas) are codes separated by ``|``. Optional columns left out of
the header leave the stored values as they are; an empty status or
``is_public_and_free`` cell does the same. An export has the import's columns,
so it imports back to the same data. A cell a spreadsheet would run as a formula
is exported with a leading apostrophe, which the import removes again.

Rows are numbered as in a spreadsheet: the header is row 1.
"""

from collections import defaultdict
from functools import cached_property

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from authorities import audit
from authorities.auth import authorities_in_scope, can_change_status_of
from authorities.models import WORKING_LANGUAGES, Authority, Competence, Country, LegislativeArea
from authorities.services import authority_search_refresh
from core.csv_export import csv_bytes
from core.csv_import import (
    CREATE,
    SKIP,
    UNCHANGED,
    UPDATE,
    Result,
    clean_cell,
    clean_codes,
    join_codes,
    read_rows,
    same,
    text_field,
    unknown_languages,
)

# Translated columns of the file, and the untranslated model field that follows English.
TRANSLATED = {"display_name_en": "display_name", "name_en": "name", "description_en": "description"}


def unknown_areas(count):
    return ngettext("Unknown legislative area code: %(codes)s.", "Unknown legislative area codes: %(codes)s.", count)


class CsvFormat:
    """The columns of one kind of object, how a row is checked, written and exported."""

    model = None
    columns = ()
    required = ()
    filename = ""
    matched_by = ""

    def __init__(self, user):
        self.user = user

    @staticmethod
    def can_import(user):
        """Coordinators and superusers import; helpdesk staff only read."""
        return user.is_authenticated and user.is_active and (user.is_superuser or user.is_coordinator)

    # Export

    def export_queryset(self, queryset):
        return queryset

    def export_row(self, obj):
        raise NotImplementedError

    def export_rows(self, queryset):
        return (self.export_row(obj) for obj in self.export_queryset(queryset))

    def export(self, queryset):
        """The objects as a CSV file, written by the portal's one CSV writer (``core.csv_export``)."""
        return csv_bytes(self.columns, self.export_rows(queryset))

    # Import

    def run(self, content, *, dry_run=True):
        """Check a file and, unless ``dry_run`` or any row has an error, import it whole."""
        if not self.can_import(self.user):
            raise PermissionDenied
        result = Result(dry_run=dry_run)
        with transaction.atomic():
            result.rows = read_rows(content, columns=self.columns, required=self.required, result=result)
            if result.rows:
                self.check(result.rows, lock=not dry_run)
            if dry_run or not result.is_valid:
                return result
            with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
                self.write(result.rows)
        return result

    def check(self, rows, *, lock):
        raise NotImplementedError

    def write(self, rows):
        raise NotImplementedError

    # Scope

    @cached_property
    def own_country_id(self):
        return None if self.user.is_superuser else self.user.authority.country_id

    @cached_property
    def authority_ids_in_scope(self):
        """None for a superuser: everywhere."""
        if self.user.is_superuser:
            return None
        return set(authorities_in_scope(self.user).values_list("pk", flat=True))

    @cached_property
    def country_ids_in_scope(self):
        if self.user.is_superuser:
            return None
        in_scope = authorities_in_scope(self.user).values_list("country_id", flat=True)
        return {self.own_country_id, *in_scope}

    def in_scope(self, authority):
        return self.authority_ids_in_scope is None or authority.pk in self.authority_ids_in_scope

    def check_country(self, row, country):
        if self.country_ids_in_scope is not None and country.pk not in self.country_ids_in_scope:
            row.error("country", _("%(country)s is outside your scope.") % {"country": country})
            return False
        return True

    # Helpers

    @staticmethod
    def lookups():
        return {
            "countries": {country.code.lower(): country for country in Country.objects.all()},
            "areas": {area.code: area for area in LegislativeArea.objects.all()},
            "languages": {code: code for code, _name in WORKING_LANGUAGES},
        }

    def clean_common(self, row, lookups, fields):
        """Clean the plain columns into ``row.values``, and the codes of languages and areas."""
        for column, formfield in fields:
            value = clean_cell(row, column, formfield)
            if value is not SKIP:
                row.values[column] = value
        languages = clean_codes(row, "languages", lookups["languages"], unknown_languages)
        if languages is not SKIP:
            row.values["languages"] = languages
        areas = clean_codes(row, "legislative_areas", lookups["areas"], unknown_areas)
        if areas is not SKIP:
            row.areas = areas

    @staticmethod
    def clean_country(row, lookups):
        code = clean_cell(row, "country", forms.CharField(max_length=2))
        if code is SKIP:
            return None
        country = lookups["countries"].get(code.lower())
        if country is None:
            row.error("country", _("Unknown country code: %(code)s.") % {"code": code})
        return country

    @staticmethod
    def decide(row, instance, current_area_ids):
        """Whether the row creates, updates or leaves its object, and which columns change."""
        row.instance = instance
        if instance is None:
            row.action = CREATE
            return
        row.changes = [column for column, value in row.values.items() if not same(getattr(instance, column), value)]
        if row.areas is not None and {area.pk for area in row.areas} != current_area_ids:
            row.changes.append("legislative_areas")
        row.action = UPDATE if row.changes else UNCHANGED

    @staticmethod
    def apply(obj, values):
        """Set the values on the object; the names of the model fields to save."""
        fields = []
        for name, value in values.items():
            setattr(obj, name, value)
            fields.append(name)
            if name in TRANSLATED:
                # Written with English active (see run), so the untranslated column follows English.
                setattr(obj, TRANSLATED[name], value)
                fields.append(TRANSLATED[name])
        return fields

    def record(self, row, obj):
        if row.action == CREATE:
            audit.record(actor=self.user, obj=obj, message=_("Imported from a CSV file."), flag=audit.ADDITION)
        else:
            audit.record(
                actor=self.user,
                obj=obj,
                message=_("Changed by a CSV import: %(columns)s.") % {"columns": ", ".join(row.changes)},
            )


class AuthorityCsv(CsvFormat):
    model = Authority
    columns = (
        "official_name",
        "display_name_en",
        "acronym",
        "country",
        "city",
        "address",
        "email",
        "phone",
        "website",
        "languages",
        "legislative_areas",
        "status",
    )
    required = ("official_name", "country", "city", "email")
    filename = "authorities"
    matched_by = gettext_lazy("Rows are matched to the stored authorities by country and official name.")

    def export_queryset(self, queryset):
        return (
            queryset.select_related("country")
            .prefetch_related("competences__legislative_area")
            .order_by("country__code", "official_name")
        )

    def export_row(self, authority):
        return [
            authority.official_name,
            authority.display_name_en or "",
            authority.acronym,
            authority.country.code,
            authority.city,
            authority.address,
            authority.email,
            authority.phone,
            authority.website,
            join_codes(authority.languages),
            join_codes(sorted(c.legislative_area.code for c in authority.competences.all())),
            authority.status,
        ]

    @cached_property
    def coordinated_area_ids(self):
        """The areas of a delegated coordinator; empty for national coordinators and superusers."""
        if self.user.is_superuser:
            return set()
        return set(self.user.authority.coordinated_areas.values_list("pk", flat=True))

    def check(self, rows, *, lock):
        lookups = self.lookups()
        for row in rows:
            row.label = row.cells.get("official_name", "")
            if "status" in row.cells:
                row.cells["status"] = row.cells["status"].lower()
            name = clean_cell(row, "official_name", text_field(Authority, "official_name", required=True))
            country = self.clean_country(row, lookups)
            self.clean_common(
                row,
                lookups,
                [
                    ("display_name_en", text_field(Authority, "display_name")),
                    ("acronym", text_field(Authority, "acronym")),
                    ("city", text_field(Authority, "city", required=True)),
                    ("address", forms.CharField(required=False)),
                    ("email", forms.EmailField(max_length=Authority._meta.get_field("email").max_length)),
                    ("phone", text_field(Authority, "phone")),
                    ("website", forms.URLField(required=False, assume_scheme="https")),
                    ("status", forms.ChoiceField(choices=Authority.Status.choices, required=False)),
                ],
            )
            if not row.values.get("status", True):
                del row.values["status"]  # empty: pending for a new authority, unchanged otherwise
            if name is not SKIP and country is not None:
                row.key = (country, name)
                row.label = f"{name} ({country.code})"

        names = {row.key[1] for row in rows if row.key}
        stored = Authority.objects.filter(official_name__in=names).prefetch_related("competences")
        if lock:
            stored = stored.select_for_update()
        existing = defaultdict(list)
        for authority in stored:
            existing[(authority.country_id, authority.official_name)].append(authority)
        seen = {}
        for row in rows:
            if row.key is None:
                continue
            country, name = row.key
            if not self.check_country(row, country):
                continue
            if (country.pk, name) in seen:
                row.error(
                    "official_name", _("This authority is already in row %(row)d.") % {"row": seen[country.pk, name]}
                )
                continue
            seen[country.pk, name] = row.number
            matches = existing.get((country.pk, name), [])
            if len(matches) > 1:
                row.error("official_name", _("Several authorities of this country have this official name."))
                continue
            instance = matches[0] if matches else None
            if instance is not None and not self.in_scope(instance):
                row.error("official_name", _("This authority is outside your scope."))
                continue
            if (
                instance is not None
                and "status" in row.values
                and row.values["status"] != instance.status
                and not can_change_status_of(self.user, instance)
            ):
                row.error("status", _("Only a superuser changes the status of a coordinator authority."))
                continue
            if instance is None and self.own_country_id not in (None, country.pk):
                row.error("country", _("You can only add authorities of your own country."))
                continue
            current = {c.legislative_area_id for c in instance.competences.all()} if instance else set()
            if not self.check_coordinated_areas(row, instance, current):
                continue
            self.decide(row, instance, current)

    def check_coordinated_areas(self, row, instance, current):
        """A delegated coordinator changes only its own areas, and keeps the authority in its scope."""
        coordinated = self.coordinated_area_ids
        if not coordinated:
            return True
        wanted = {area.pk for area in row.areas} if row.areas is not None else current
        if (wanted ^ current) - coordinated:
            row.error("legislative_areas", _("You can only add or remove the legislative areas you coordinate."))
            return False
        if not wanted & coordinated and (instance is None or instance.pk != self.user.authority_id):
            row.error("legislative_areas", _("Give at least one of the legislative areas you coordinate."))
            return False
        return True

    def write(self, rows):
        written = []
        for row in rows:
            if row.action == CREATE:
                country, name = row.key
                authority = Authority(official_name=name, country=country)
                self.apply(authority, row.values)
                authority.save()
                Competence.objects.bulk_create(
                    [Competence(authority=authority, legislative_area=area) for area in row.areas or ()]
                )
            elif row.action == UPDATE:
                authority = row.instance
                fields = self.apply(authority, {c: row.values[c] for c in row.changes if c in row.values})
                if fields:
                    authority.save(update_fields=[*fields, "updated_at"])
                if "legislative_areas" in row.changes:
                    current = {c.legislative_area_id for c in authority.competences.all()}
                    wanted = {area.pk for area in row.areas}
                    authority.competences.filter(legislative_area_id__in=current - wanted).delete()
                    Competence.objects.bulk_create(
                        [Competence(authority=authority, legislative_area_id=pk) for pk in wanted - current]
                    )
            else:
                continue
            self.record(row, authority)
            written.append(authority.pk)
        # Also refreshes the search documents of their registers (authorities_changed).
        authority_search_refresh(authorities=Authority.objects.filter(pk__in=written))
