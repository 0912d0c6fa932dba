"""What happened to requests, for the layers above to act on without being imported here.

``request_changed`` is sent inside the transaction of the change, after it is written, with:
- ``event_type``: "request.<action>" for a workflow action (``Action``), "request.message_added",
  "request.attachment_added" (a file added, not an answer's), "request.reminder";
- ``info_requests``: the requests it concerns (a reminder sweep sends one signal for all);
- ``extra``: facts to pass on that hold no personal data, the same for every request;
- ``extras``: such facts per request, by its id (a reminder's kind);
- ``former``: per request id, the authority that held it until this change (a forward, an allocation), so
  that it learns where its request went.
The webhooks (``api.webhooks``) listen, and write their deliveries in the same transaction.
"""

from django.dispatch import Signal

request_changed = Signal()


def send_request_changed(*, event_type, info_requests, extra=None, extras=None, former=None):
    request_changed.send(
        sender=None,
        event_type=event_type,
        info_requests=list(info_requests),
        extra=extra or {},
        extras=extras or {},
        former=former or {},
    )
