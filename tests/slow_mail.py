"""A mail server that takes its time: the fault tests kill a worker while it is sending."""

import os
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend


class SlowBackend(EmailBackend):
    def send_messages(self, email_messages):
        Path(os.environ["SLOW_MAIL_MARKER"]).write_text("sending")
        time.sleep(60)
        return super().send_messages(email_messages)
