"""Machine translation of free text: one interface, the backend chosen by a setting.

``translate(texts, source, target, personal_data=...)`` is the only way the portal
sends a text to a translator. ``settings.MACHINE_TRANSLATION`` chooses the backend:

- ``none`` (the default): nothing is translated and no "Translate" action is offered;
- ``libretranslate``: a LibreTranslate-compatible HTTP API (self-hosted), which
  answers at once with the translations;
- ``etranslation``: a service in the manner of the European Commission's
  eTranslation, which takes the text now and posts the translation later to the
  portal's callback address; ``translate`` then returns None and the caller keeps
  what it asked for until ``parse_callback`` reads the answer.

``TRUSTED`` says whether the backend runs inside the deployment's trust boundary.
Personal data are never sent to one that does not: ``may_send`` is that rule, and
``translate`` refuses (``NotAllowed``) what it forbids. A backend that does not
answer in time or answers with an error raises ``Unavailable``; callers keep the
text and try again later.
"""

import json
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ImproperlyConfigured

# The longest text sent in one piece; longer texts are not offered for translation.
MAX_LENGTH = 20_000
_SIGNING_SALT = "core.machine_translation.reference"


class Unavailable(Exception):
    """The translator did not answer in time, or answered with an error."""


class NotAllowed(Exception):
    """Personal data for a translator outside the trust boundary, or no translator configured."""


@dataclass(frozen=True)
class Backend:
    """A translator: ``translate`` returns the translations, or None when they come back by callback."""

    name: str
    trusted: bool = False
    url: str = ""
    api_key: str = ""
    timeout: float = 10.0
    application: str = ""

    @property
    def enabled(self):
        return True

    def translate(self, texts, source, target, *, reference, callback_url):
        raise NotImplementedError

    def _post(self, path, payload):
        if not self.url.startswith(("https://", "http://")):
            raise Unavailable(f"not a web address: {self.url!r}")
        request = urllib.request.Request(  # noqa: S310 (an http(s) address set by the operator)
            self.url.rstrip("/") + path,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                return response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            raise Unavailable(f"HTTP {error.code}: {error.read(500).decode('utf-8', 'replace')}") from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise Unavailable(f"{type(error).__name__}: {error}") from error


class NoBackend(Backend):
    @property
    def enabled(self):
        return False

    def translate(self, texts, source, target, *, reference, callback_url):
        raise NotAllowed("no machine translation is configured")


class LibreTranslate(Backend):
    """``POST /translate`` with ``q`` a list of texts; the answer's ``translatedText`` is the list translated."""

    def translate(self, texts, source, target, *, reference, callback_url):
        payload = {"q": list(texts), "source": source, "target": target, "format": "text"}
        if self.api_key:
            payload["api_key"] = self.api_key
        body = self._post("/translate", payload)
        try:
            translated = json.loads(body)["translatedText"]
        except (ValueError, KeyError, TypeError) as error:
            raise Unavailable(f"unreadable answer: {body[:200]}") from error
        if isinstance(translated, str):
            translated = [translated]
        if not isinstance(translated, list) or len(translated) != len(texts):
            raise Unavailable(f"{len(texts)} texts sent, answer: {body[:200]}")
        return [str(text) for text in translated]


class ETranslation(Backend):
    """One ``POST /translate`` per text; the service answers with a request number (negative: an error)
    and later posts ``external-reference``, ``target-language`` and ``translated-text`` (or
    ``error-code`` and ``error-message``) as a form to ``callback_url``.
    """

    @property
    def asynchronous(self):
        return True

    def translate(self, texts, source, target, *, reference, callback_url):
        for number, text in enumerate(texts):
            payload = {
                "sourceLanguage": source.upper(),
                "targetLanguages": [target.upper()],
                "textToTranslate": text,
                "externalReference": sign_reference(f"{reference}:{number}"),
                "requesterCallback": callback_url,
                "errorCallback": callback_url,
                "callerInformation": {"application": self.application},
            }
            if self.api_key:
                payload["callerInformation"]["key"] = self.api_key
            answer = self._post("/translate", payload).strip()
            try:
                accepted = int(answer) > 0
            except ValueError:
                accepted = False
            if not accepted:
                raise Unavailable(f"request refused: {answer[:200]}")
        return None


BACKENDS = {"none": NoBackend, "libretranslate": LibreTranslate, "etranslation": ETranslation}


def backend():
    """The configured translator (``settings.MACHINE_TRANSLATION``)."""
    config = dict(getattr(settings, "MACHINE_TRANSLATION", {}) or {})
    name = config.pop("BACKEND", "none") or "none"
    if name not in BACKENDS:
        raise ImproperlyConfigured(f"MACHINE_TRANSLATION_BACKEND is {name!r}, not one of {', '.join(BACKENDS)}")
    options = {key.lower(): value for key, value in config.items()}
    return BACKENDS[name](name=name, **options)


def may_send(*, personal_data, length=0):
    """The rule: a translator is configured, personal data go only to one inside the trust boundary, and
    no text is longer than ``MAX_LENGTH`` characters."""
    translator = backend()
    return translator.enabled and (translator.trusted or not personal_data) and length <= MAX_LENGTH


def translate(texts, source, target, *, personal_data, reference="", callback_url=""):
    """The texts in ``target``, translated from ``source``; None when they will come by callback
    (posted to ``callback_url``, each with ``reference`` and its number in ``texts``).

    Raises ``NotAllowed`` when ``may_send`` forbids it, ``Unavailable`` when the translator fails.
    """
    texts = list(texts)
    if not may_send(personal_data=personal_data, length=max(map(len, texts), default=0)):
        raise NotAllowed("these texts may not be sent to the configured translator")
    if source == target:
        return texts
    return backend().translate(texts, source, target, reference=reference, callback_url=callback_url)


def sign_reference(reference):
    return signing.dumps(reference, salt=_SIGNING_SALT, compress=True)


@dataclass(frozen=True)
class CallbackResult:
    reference: str
    number: int
    text: str
    error: str


def parse_callback(data):
    """The translation (or error) an asynchronous translator posted; None for a forged or unreadable one."""
    try:
        reference, _sep, number = signing.loads(data.get("external-reference", ""), salt=_SIGNING_SALT).rpartition(":")
        number = int(number)
    except (signing.BadSignature, ValueError, AttributeError):
        return None
    error = data.get("error-message", "") or data.get("error-code", "")
    return CallbackResult(
        reference=reference,
        number=number,
        text=data.get("translated-text", ""),
        error=str(error),
    )
