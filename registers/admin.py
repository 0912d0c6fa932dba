"""Registers in the admin: their managing authorities' LDAs keep them in the portal.

Coordinators see the registers of the authorities of their scope, export and
import them as CSV; only superusers edit them here.
"""

from django.contrib import admin
from django.db import models

from authorities.auth import authorities_in_scope
from core.admin_mixins import CsvImportExportMixin, SafeAutocompleteMixin, SuperuserEditsMixin, TranslationAdmin
from registers import csv_import
from registers.models import Register
from registers.services import register_search_refresh


@admin.register(Register)
class RegisterAdmin(CsvImportExportMixin, SafeAutocompleteMixin, SuperuserEditsMixin, TranslationAdmin):
    list_display = ["name", "authority", "country", "is_public_and_free", "is_retired", "last_reviewed"]
    list_filter = ["is_retired", "is_public_and_free", "country"]
    search_fields = ["name", "authority__official_name", "authority__acronym", "url", "coverage"]
    list_select_related = ["country", "authority"]
    autocomplete_fields = ["authority"]
    filter_horizontal = ["legislative_areas"]
    readonly_fields = ["consecutive_failures", "review_reminded_on", "created_at"]
    actions = ["export_csv"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    csv_format = csv_import.RegisterCsv

    def get_queryset(self, request):
        # A register is in a coordinator's scope when its managing authority is.
        return super().get_queryset(request).filter(authority__in=authorities_in_scope(request.user).values("pk"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        register_search_refresh(registers=Register.objects.filter(pk=form.instance.pk))
