"""A mixed working day of the portal under load: request handlers and coordinators (docs/scaling.md).

    make load-test                                   # 200 users for 2 minutes against http://127.0.0.1:8000
    make load-test LOAD_USERS=50 LOAD_TIME=30s LOAD_HOST=http://127.0.0.1:8000

The accounts are the demo world's (demo_world.py), so it runs against `make run`, the compose stack or
any portal seeded with `seed_demo`. Each account logs in once, through the login form, before the clock
starts (coordinators with their authenticator code, which is taken once per account: so the simulated
users share those sessions). Every answer but a 200 is an error, a redirect to the login included. At
the end it prints the throughput, the 95th percentile and the errors, and exits non-zero on any error.
"""

import itertools
import random
import re
import time

import locust  # noqa: F401 (first: it patches the standard library for gevent before requests loads it)
import requests
from demo_world import DETAIL_LINK, DIRECTORY_WORDS, LIST_WORDS, PAGES, PASSWORD, TOTP_SECRET, demo_accounts, totp
from gevent.pool import Pool
from locust import HttpUser, between, events, task
from locust.runners import MasterRunner

SESSIONS = {}


def csrf_token(session, url):
    page = session.get(url, timeout=30)
    page.raise_for_status()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    if not match:
        raise RuntimeError(f"no form on {url}")
    return match.group(1)


def log_in(host, email):
    """A logged-in session's cookies, through the real login form (and the authenticator step)."""
    session = requests.Session()
    for _attempt in range(8):
        token = csrf_token(session, f"{host}/accounts/login/")
        response = session.post(
            f"{host}/accounts/login/",
            data={"csrfmiddlewaretoken": token, "login": email, "password": PASSWORD},
            headers={"Referer": f"{host}/accounts/login/"},
            timeout=30,
        )
        if response.status_code != 429:  # the login rate limit, after a run just before: wait for it
            break
        time.sleep(10)
    if "/accounts/2fa/authenticate" in response.url:
        token = csrf_token(session, response.url)
        response = session.post(
            response.url,
            data={"csrfmiddlewaretoken": token, "code": totp(TOTP_SECRET)},
            headers={"Referer": response.url},
            timeout=30,
        )
    if "sessionid" not in session.cookies or "/accounts/" in response.url:
        raise RuntimeError(f"{email} could not log in ({response.status_code} {response.url})")
    return session.cookies.get_dict()


@events.init.add_listener
def log_everyone_in(environment, **_kwargs):
    """Before the run and its clock: a login costs a password hash, which is not what is measured here."""
    if isinstance(environment.runner, MasterRunner) or not environment.host:
        return
    host = environment.host.rstrip("/")
    started = time.monotonic()
    pool = Pool(4)
    for kind, emails in zip(("handler", "coordinator"), demo_accounts(), strict=True):
        if not emails:
            raise RuntimeError(f"no {kind} account found in the demo world (run it from the project's folder)")
        SESSIONS[kind] = pool.map(lambda email: log_in(host, email), emails)
        SESSIONS[f"{kind}_next"] = itertools.cycle(range(len(SESSIONS[kind])))
    print(
        f"Logged in {len(SESSIONS['handler'])} handlers and {len(SESSIONS['coordinator'])} coordinators "
        f"in {time.monotonic() - started:.0f} s."
    )


@events.quitting.add_listener
def summary(environment, **_kwargs):
    total = environment.stats.total
    print(
        f"\nLoad test: {total.num_requests} requests, {total.total_rps:.1f} requests/s, "
        f"p50 {total.median_response_time:.0f} ms, p95 {total.get_response_time_percentile(0.95):.0f} ms, "
        f"{total.num_failures} errors"
    )
    for (name, method), entry in sorted(environment.stats.entries.items()):
        print(
            f"  {method} {name:<22} {entry.num_requests:>6} requests  "
            f"p95 {entry.get_response_time_percentile(0.95):>6.0f} ms  {entry.num_failures} errors"
        )
    if total.num_failures or not total.num_requests:  # nothing measured is a failed run too
        environment.process_exit_code = 1


class PortalUser(HttpUser):
    abstract = True
    kind = ""
    # People read a page before the next: a few seconds between clicks.
    wait_time = between(1, 5)

    def on_start(self):
        self.client.cookies.update(SESSIONS[self.kind][next(SESSIONS[f"{self.kind}_next"])])
        self.request_ids = []

    def page(self, name, pk=None, label=None, **params):
        path = PAGES[name].format(pk=pk)
        label = label or name
        with self.client.get(path, params=params, name=label, catch_response=True, allow_redirects=False) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} {response.headers.get('Location', '')}")
            else:
                self.request_ids = DETAIL_LINK.findall(response.text) or self.request_ids
                response.success()

    def request_detail(self):
        if not self.request_ids:
            self.page("request list")
        if self.request_ids:
            self.page("request detail", pk=random.choice(self.request_ids))  # noqa: S311

    def request_search(self):
        self.page("request list", label="request list search", q=random.choice(LIST_WORDS))  # noqa: S311

    def directory_search(self):
        self.page("directory search", label="directory search", q=random.choice(DIRECTORY_WORDS))  # noqa: S311


class Handler(PortalUser):
    """A civil servant working from My tasks: opens requests, looks for authorities abroad."""

    kind = "handler"
    weight = 4

    @task(5)
    def my_tasks(self):
        self.page("My tasks")

    @task(3)
    def detail(self):
        self.request_detail()

    @task(2)
    def request_list(self):
        self.page("request list")

    @task(2)
    def search(self):
        self.request_search()

    @task(2)
    def directory(self):
        self.directory_search()

    @task(1)
    def registers(self):
        self.page("registers directory")


class Coordinator(PortalUser):
    """A national coordinator watching the country's requests: lists, coordination, activity."""

    kind = "coordinator"
    weight = 1

    @task(2)
    def my_tasks(self):
        self.page("My tasks")

    @task(3)
    def request_list(self):
        self.page("request list")

    @task(2)
    def search(self):
        self.request_search()

    @task(2)
    def coordination(self):
        self.page("coordination")

    @task(1)
    def activity(self):
        self.page("activity")

    @task(2)
    def detail(self):
        self.request_detail()

    @task(1)
    def directory(self):
        self.directory_search()
