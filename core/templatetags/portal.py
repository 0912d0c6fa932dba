from django import template
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from modeltranslation.utils import get_language, resolution_order

register = template.Library()


@register.simple_tag
def icon(name, size="m", css_class="", label=""):
    """An icon of the ECL sprite; decorative unless it is given a label."""
    classes = f"ecl-icon ecl-icon--{size} {css_class}".strip()
    href = f"{static('ecl-icons/icons.svg')}#{name}"
    if label:
        return format_html(
            '<svg class="{}" focusable="false" role="img" aria-label="{}"><use href="{}"></use></svg>',
            classes,
            label,
            href,
        )
    return format_html(
        '<svg class="{}" focusable="false" aria-hidden="true"><use href="{}"></use></svg>', classes, href
    )


@register.simple_tag(takes_context=True)
def current(context, *url_names):
    """Whether the page being shown is one of these URL names (for the menu)."""
    match = getattr(context.get("request"), "resolver_match", None)
    return bool(match and match.view_name in url_names)


def content_language(obj, field):
    """The language whose text of the translated ``field`` of ``obj`` a reader sees, or None if none has one.

    The reader's own language first, then the fallbacks of MODELTRANSLATION_FALLBACK_LANGUAGES,
    the same order in which django-modeltranslation picks the text.
    """
    for lang in resolution_order(get_language(), settings.MODELTRANSLATION_FALLBACK_LANGUAGES):
        if getattr(obj, f"{field}_{lang}", None):
            return lang
    return None


@register.simple_tag
def translated(obj, field):
    """A translated text in the reader's language, or in the best one there is, marked with its language.

    A register named only in Romanian reads, for a Danish user,
    ``<span lang="ro">Registrul ...</span> (på rumænsk)``: never blank, never unmarked.
    """
    text = getattr(obj, field)
    lang = content_language(obj, field)
    if lang is None or lang == get_language():
        return text
    return format_html(
        '<span lang="{}">{}</span> <span class="ecl-u-type-paragraph-xs">({})</span>',
        lang,
        text,
        _("in %(language)s") % {"language": get_language_info(lang)["name_translated"]},
    )


@register.filter
def translated_field_language(admin_field):
    """The language of a read-only admin field that is one language of a translated text (``title_de`` → "de"),
    else "" (admin/includes/fieldset.html)."""
    name = admin_field.field.get("name") if isinstance(admin_field.field, dict) else None
    if not isinstance(name, str):
        return ""
    try:
        db_field = admin_field.form._meta.model._meta.get_field(name)
    except FieldDoesNotExist:
        return ""
    return getattr(db_field, "language", "") or ""
