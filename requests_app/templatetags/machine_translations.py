"""``{% machine_translation field object_id %}``: under a free text of the request page, its machine
translation into the reader's language, or the button that asks for it (requests_app.machine_translations)."""

from django import template

register = template.Library()


@register.inclusion_tag("requests/includes/machine_translation.html", takes_context=True)
def machine_translation(context, field, object_id):
    return {
        "offer": context.get("translation_offers", {}).get((field, object_id)),
        "info_request": context["info_request"],
        "csrf_token": context.get("csrf_token"),
    }
