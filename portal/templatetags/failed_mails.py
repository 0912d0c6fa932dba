from django import template

from portal.selectors import unseen_failed_mails_count

register = template.Library()


@register.simple_tag
def unseen_failed_mails(user):
    """How many failed mails the person answers for that nobody has looked at yet."""
    return unseen_failed_mails_count(user)
