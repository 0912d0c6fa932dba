from django import template
from django.templatetags.static import static
from django.utils.html import format_html

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
