"""The events a national system can be told of by webhook: "request.<action>" for every workflow action
(``requests_app.workflow``), a message or a file added, and a reminder sent (``requests_app.signals``)."""

from django.utils.translation import gettext_lazy as _

from requests_app.models import Action
from requests_app.workflow import TRANSITIONS

MESSAGE_ADDED = "request.message_added"
ATTACHMENT_ADDED = "request.attachment_added"
REMINDER = "request.reminder"


def event_types():
    """``[(event type, label)]`` in a stable order: the workflow's actions, then messages and reminders."""
    return [
        *((f"request.{action}", Action(action).label) for action in TRANSITIONS),
        (MESSAGE_ADDED, _("Message")),
        (ATTACHMENT_ADDED, _("File")),
        (REMINDER, _("Reminder of a deadline")),
    ]


EVENT_TYPES = [event_type for event_type, _label in event_types()]
