from django.core.mail.backends.base import BaseEmailBackend


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses every message, as when it is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("The mail server is not answering.")
