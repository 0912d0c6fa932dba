"""What the load test knows of the portal: the demo world's accounts and the pages people open.

Plain Python (no Locust, no gevent), so the test suite checks it against the demo world and the URLs
(tests/test_loadtest.py).
"""

import base64
import hashlib
import hmac
import os
import re
import struct
import time
from pathlib import Path

import yaml

WORLD = Path(__file__).resolve().parent.parent / "demo" / "content" / "world"
# seed_demo's password and authenticator secret of every demo account (README, "Demo accounts").
PASSWORD = os.environ.get("LOAD_PASSWORD", "Demo-IMI-2026")
TOTP_SECRET = os.environ.get("LOAD_TOTP_SECRET", "JBSWY3DPEHPK3PXP")
# allauth allows 30 logins a minute from one address: this many handlers' accounts (spread over the
# countries) and every coordinator's stay under it. The simulated users share them.
HANDLER_ACCOUNTS = int(os.environ.get("LOAD_HANDLER_ACCOUNTS", "20"))

# The pages of the mixed day, by the name the report gives them.
PAGES = {
    "My tasks": "/",
    "request list": "/requests/",
    "request detail": "/requests/{pk}/",
    "coordination": "/requests/coordination/",
    "activity": "/requests/activity/",
    "directory search": "/directory/authorities/",
    "registers directory": "/directory/registers/",
}
# What people type: in the directory, names and cities in several languages and scripts, one with a typo;
# in the list, words of the requests and a reference.
DIRECTORY_WORDS = ["labour", "inspection", "Tourism", "Ministerul", "София", "Rīga", "Tallin", "health", "tervise"]
LIST_WORDS = ["guide", "qualification", "posting", "IMI-2026", "Sousa", "doctor"]
# The requests a page links to, for the next click.
DETAIL_LINK = re.compile(r'href="/requests/(\d+)/"')


def demo_accounts():
    """Active request handlers (LDAs handle too), spread over the countries, and every national coordinator."""
    handlers, coordinators = [], []
    for path in sorted(WORLD.glob("*.yaml")):
        country = yaml.safe_load(path.read_text(encoding="utf-8"))
        if country.get("coordinator", {}).get("user"):
            coordinators.append(country["coordinator"]["user"]["email"])
        for authority in country.get("authorities", []):
            for user in authority.get("users", []):
                handles = user.get("lda") or "handler" in (user.get("roles") or [])
                if handles and user.get("active", True):
                    handlers.append(user["email"])
    step = max(1, len(handlers) // HANDLER_ACCOUNTS)
    return handlers[::step][:HANDLER_ACCOUNTS], coordinators


def totp(secret, moment=None):
    """The authenticator's six digits at a moment (RFC 6238: SHA-1, 30 seconds)."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = struct.pack(">Q", int((time.time() if moment is None else moment) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"
