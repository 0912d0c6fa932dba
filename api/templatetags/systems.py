"""``{{ user|may_manage_systems_of:authority }}``: the national systems' rule, for pages of the apps below ``api``
("My authority") that link to the systems' pages without importing them."""

from django import template

from api.services import can_manage_systems_of

register = template.Library()


@register.filter
def may_manage_systems_of(user, authority):
    return can_manage_systems_of(user, authority)
