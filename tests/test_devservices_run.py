"""`make run` with DATABASE_URL and REDIS_URL set: the path the README offers.

Then no private server starts, so nothing else makes .devdata; beat must still get a
schedule file it can write, or it dies two seconds after start and takes the portal along.
"""

import signal
import subprocess
import sys

from imi import devservices

# Beat opens its schedule with shelve: the child standing in for beat does just that.
OPEN_SCHEDULE = "import shelve, sys; shelve.open(sys.argv[1]).close()"
WAIT = "import time; time.sleep(60)"


def test_it_gives_beat_a_writable_schedule_when_no_private_server_starts(tmp_path, monkeypatch):
    devdata = tmp_path / ".devdata"  # a fresh checkout: no folder yet
    monkeypatch.setattr(devservices, "DATA", devdata)
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/imi_never_used")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/15")
    monkeypatch.setattr(devservices, "run_fg", lambda cmd, env: 0)  # compilemessages, migrate, seed_demo
    monkeypatch.setattr(devservices, "start_postgres", lambda stack: pytest_fail("started PostgreSQL"))
    monkeypatch.setattr(devservices, "start_redis", lambda stack: pytest_fail("started Redis"))
    real_popen = subprocess.Popen
    children = {}

    def popen(cmd, **kwargs):
        if "beat" in cmd:  # run beat's first step for real: open the schedule file it is given
            name, schedule = "beat", cmd[cmd.index("--schedule") + 1]
            cmd = [sys.executable, "-c", OPEN_SCHEDULE, str(schedule)]
        else:
            name, cmd = ("worker" if "worker" in cmd else "web"), [sys.executable, "-c", WAIT]
        children[name] = real_popen(cmd, **kwargs)
        return children[name]

    monkeypatch.setattr(subprocess, "Popen", popen)

    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        devservices.main(["run"])  # returns when the first child exits: beat, after opening its schedule
    finally:
        for sig, handler in handlers.items():  # main() sets its own for the command's lifetime
            signal.signal(sig, handler)

    assert children["beat"].returncode == 0, "beat could not open its schedule file"
    assert devdata.is_dir()
    assert list(devdata.glob("celerybeat-schedule*"))
    assert all(child.poll() is not None for child in children.values())  # web and worker were stopped


def pytest_fail(what):
    raise AssertionError(f"devservices {what} although its URL was set")
