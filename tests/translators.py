"""Local translators for the tests: nothing leaves the machine.

``LibreTranslateServer`` speaks the LibreTranslate API (``POST /translate``) and answers at
once; ``CallbackTranslator`` takes a text in the manner of eTranslation and posts the
translation back later, when the test says so. Both "translate" by marking the text with the
target language, and keep every text they were sent, so a test can say what left the portal.
"""

import json
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# What the translators know; any other text comes back marked with the target language.
KNOWN = {
    ("The diploma is in our register since 2009.", "bg"): "Дипломата е вписана в нашия регистър от 2009 г.",
}


def translated(text, target):
    return KNOWN.get((text, target), f"[{target}] {text}")


class _Server:
    def __init__(self):
        self.received = []
        self.failing = False
        self.delay = 0.0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (the http.server API)
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
                status, answer = owner.answer(self.path, body)
                if owner.delay:
                    time.sleep(owner.delay)
                data = answer.encode() if isinstance(answer, str) else json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def texts(self):
        """Every text the portal sent, in order."""
        found = []
        for body in self.received:
            found += body.get("q") or [body.get("textToTranslate")]
        return found


class LibreTranslateServer(_Server):
    def answer(self, path, body):
        if path != "/translate":
            return 404, {"error": "Not Found"}
        self.received.append(body)
        if self.failing:
            return 500, {"error": "The translation engine is down"}
        texts = body["q"] if isinstance(body["q"], list) else [body["q"]]
        return 200, {"translatedText": [translated(text, body["target"]) for text in texts]}

    def settings(self, *, trusted=True, timeout=5.0):
        return {"BACKEND": "libretranslate", "URL": self.url, "TRUSTED": trusted, "TIMEOUT": timeout}


class CallbackTranslator(_Server):
    """Accepts each text with a request number; ``callbacks()`` are the posts it owes the portal."""

    def answer(self, path, body):
        if path != "/translate":
            return 404, {"error": "Not Found"}
        self.received.append(body)
        if self.failing:
            return 200, "-20001"
        return 200, str(len(self.received))

    def settings(self, *, trusted=True):
        return {"BACKEND": "etranslation", "URL": self.url, "TRUSTED": trusted, "TIMEOUT": 5.0}

    def callbacks(self, *, error=""):
        """(callback address, form) of every text received so far, as the service would post them."""
        found = []
        for body in self.received:
            target = body["targetLanguages"][0]
            form = {"request-id": "1", "target-language": target, "external-reference": body["externalReference"]}
            if error:
                form.update({"error-code": "-20000", "error-message": error})
            else:
                form["translated-text"] = translated(body["textToTranslate"], target.lower())
            found.append((body["requesterCallback"], form))
        return found

    def post_callbacks(self):
        """Post every translation back over HTTP, as the real service does (for a live server)."""
        for address, form in self.callbacks():
            data = urllib.parse.urlencode(form).encode()
            request = urllib.request.Request(address, data=data, method="POST")  # noqa: S310 (the live server)
            with urllib.request.urlopen(request, timeout=10):  # noqa: S310
                pass
