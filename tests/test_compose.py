"""The production-shaped stack, checked without a Docker engine.

`docker compose config` needs the compose plugin and `docker build` needs an
engine; neither is on the machines that run the test suite. So the compose
file and the Dockerfile are parsed here and checked for what compose and the
build would reject, and for what this project needs of them.

Each check is a function of the parsed file that returns a list of errors, so
the tests below can feed it broken variants and see it fail.
"""

import copy
import ipaddress
import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"

REQUIRED_SERVICES = ("web", "worker", "beat", "postgres", "redis", "mailpit")
DJANGO_SERVICES = ("web", "worker", "beat")
# What imi.settings reads, and which service each URL must point at.
SETTINGS_URLS = {
    "DATABASE_URL": "postgres",
    "REDIS_URL": "redis",
    "EMAIL_URL": "mailpit",
}
REQUIRED_ENV = ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "EMAIL_URL")
NAMED_VOLUMES = {
    "/app/private-media": "private-media",
    "/var/lib/postgresql/data": "postgres-data",
}
# Stands in for the operator's shell when values are resolved.
SAMPLE_ENV = {"SECRET_KEY": "test-secret"}

TOP_LEVEL_KEYS = {
    "version",
    "name",
    "include",
    "services",
    "networks",
    "volumes",
    "configs",
    "secrets",
}
DEPENDS_ON_CONDITIONS = {
    "service_started",
    "service_healthy",
    "service_completed_successfully",
}
PROTOCOLS = {"tcp", "udp", "sctp"}
DURATION = re.compile(r"^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$")
NAME = re.compile(r"[_A-Za-z][_A-Za-z0-9]*")
BRACED = re.compile(r"(?P<name>[_A-Za-z][_A-Za-z0-9]*)(?:(?P<op>:?[-?+])(?P<arg>.*))?", re.DOTALL)


class ComposeError(Exception):
    pass


# --- loading ------------------------------------------------------------------


def load_compose(text):
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ComposeError(f"not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ComposeError("the compose file is not a mapping")
    # Through JSON: YAML anchors become separate copies, so a test that breaks
    # one service does not silently break the others sharing the anchor.
    return json.loads(json.dumps(data))


def services_of(compose):
    services = compose.get("services")
    return services if isinstance(services, dict) else {}


# --- interpolation (${VAR}, ${VAR:-default}, ${VAR:?error}, $$) ----------------


def _closing_brace(text, start):
    """Index of the } closing the ${ whose body starts at `start`, or -1."""
    depth = 1
    i = start
    while i < len(text):
        if text.startswith("$$", i):
            i += 2
            continue
        if text.startswith("${", i):
            depth += 1
            i += 2
            continue
        if text[i] == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def interpolate(text, env):
    """Resolve a compose value as compose would; ComposeError when it would refuse."""
    out = []
    i = 0
    while i < len(text):
        if text[i] != "$":
            out.append(text[i])
            i += 1
            continue
        if text.startswith("$$", i):
            out.append("$")
            i += 2
            continue
        if text.startswith("${", i):
            end = _closing_brace(text, i + 2)
            if end < 0:
                raise ComposeError(f"unclosed ${{ in {text!r}")
            match = BRACED.fullmatch(text[i + 2 : end])
            if not match:
                raise ComposeError(f"invalid interpolation ${{{text[i + 2 : end]}}} in {text!r}")
            name, op, arg = match["name"], match["op"], match["arg"]
            if op is None:
                if arg is not None:
                    raise ComposeError(f"invalid interpolation in {text!r}")
                out.append(env.get(name, ""))
            else:
                value = env.get(name)
                unset = value is None or (op.startswith(":") and value == "")
                kind = op[-1]
                if kind == "-":
                    out.append(interpolate(arg, env) if unset else value)
                elif kind == "?":
                    if unset:
                        raise ComposeError(f"required variable {name} is missing: {arg}")
                    out.append(value)
                else:  # "+"
                    out.append("" if unset else interpolate(arg, env))
            i = end + 1
            continue
        match = NAME.match(text, i + 1)
        if not match:
            raise ComposeError(f"invalid interpolation: a lone $ in {text!r} (write $$ for a literal $)")
        out.append(env.get(match.group(), ""))
        i = match.end()
    return "".join(out)


def _strings(node, path):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, f"{path}[{index}]")
    elif isinstance(node, str):
        yield path, node


def _resolve(node, env):
    if isinstance(node, dict):
        return {key: _resolve(value, env) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolve(value, env) for value in node]
    if isinstance(node, str):
        return interpolate(node, env)
    return node


def resolved(compose, env=None):
    """The compose file with every value interpolated, as `docker compose config` shows it."""
    return _resolve(compose, SAMPLE_ENV if env is None else env)


def check_interpolations(compose):
    errors = []
    # Every variable set, so only the syntax is judged here, not the environment.
    everything = _AnyEnv()
    for path, value in _strings(compose, ""):
        try:
            interpolate(value, everything)
        except ComposeError as exc:
            errors.append(f"{path.lstrip('.')}: {exc}")
    return errors


class _AnyEnv(dict):
    def get(self, key, default=None):
        return "x"


# --- normalising the compose forms ----------------------------------------------


def environment_of(service):
    env = service.get("environment") or {}
    if isinstance(env, list):
        pairs = (item.split("=", 1) if "=" in item else (item, None) for item in env)
        return dict(pairs)
    return {key: (None if value is None else str(value)) for key, value in env.items()}


def depends_on_of(service):
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):
        return {name: {"condition": "service_started"} for name in deps}
    return {name: (spec or {"condition": "service_started"}) for name, spec in deps.items()}


def build_of(service):
    build = service.get("build")
    if isinstance(build, str):
        return {"context": build, "dockerfile": "Dockerfile"}
    if isinstance(build, dict):
        return {"dockerfile": "Dockerfile", **build}
    return build


def command_of(service):
    command = service.get("command")
    if isinstance(command, list):
        return " ".join(str(part) for part in command)
    return command or ""


# --- the compose checks -----------------------------------------------------------


def check_structure(compose):
    errors = [
        f"unknown top-level key {key!r}" for key in compose if key not in TOP_LEVEL_KEYS and not key.startswith("x-")
    ]
    services = compose.get("services")
    if not isinstance(services, dict) or not services:
        return [*errors, "no services"]
    errors += [f"service {name!r} is not a mapping" for name, svc in services.items() if not isinstance(svc, dict)]
    return errors


def check_required_services(compose):
    services = services_of(compose)
    return [f"service {name!r} is missing" for name in REQUIRED_SERVICES if name not in services]


def check_image_or_build(compose):
    errors = []
    for name, service in services_of(compose).items():
        has = [key for key in ("image", "build") if service.get(key)]
        if len(has) != 1:
            errors.append(f"service {name!r} must have exactly one of image/build, has {has or 'neither'}")
    return errors


def check_depends_on(compose):
    services = services_of(compose)
    errors = []
    for name, service in services.items():
        for target, spec in depends_on_of(service).items():
            condition = spec.get("condition", "service_started")
            if target == name:
                errors.append(f"service {name!r} depends on itself")
            elif target not in services:
                errors.append(f"service {name!r} depends on unknown service {target!r}")
            elif condition not in DEPENDS_ON_CONDITIONS:
                errors.append(f"service {name!r}: unknown depends_on condition {condition!r}")
            elif condition == "service_healthy":
                healthcheck = services[target].get("healthcheck") or {}
                if not healthcheck.get("test") or healthcheck.get("disable"):
                    errors.append(
                        f"service {name!r} waits for {target!r} to be healthy, but {target!r} has no healthcheck"
                    )
    return errors + _dependency_cycles(services)


def _dependency_cycles(services):
    state = {}  # name -> "visiting" | "done"

    def visit(name, trail):
        if state.get(name) == "done" or name not in services:
            return []
        if state.get(name) == "visiting":
            return [f"dependency cycle: {' -> '.join([*trail[trail.index(name) :], name])}"]
        state[name] = "visiting"
        found = []
        for target in depends_on_of(services[name]):
            if target != name:
                found += visit(target, [*trail, name])
        state[name] = "done"
        return found

    errors = []
    for name in services:
        errors += visit(name, [])
    return errors


def check_healthchecks(compose):
    errors = []
    for name, service in services_of(compose).items():
        healthcheck = service.get("healthcheck")
        if not healthcheck or healthcheck.get("disable"):
            continue
        test = healthcheck.get("test")
        if isinstance(test, list):
            if not test or test[0] not in ("CMD", "CMD-SHELL", "NONE") or (test[0] != "NONE" and len(test) < 2):
                errors.append(f"service {name!r}: healthcheck test must be [CMD, ...], [CMD-SHELL, cmd] or [NONE]")
        elif not isinstance(test, str) or not test.strip():
            errors.append(f"service {name!r}: healthcheck has no test")
        for key in ("interval", "timeout", "start_period", "start_interval"):
            if key in healthcheck and not DURATION.match(str(healthcheck[key])):
                errors.append(f"service {name!r}: healthcheck {key} {healthcheck[key]!r} is not a duration")
        if "retries" in healthcheck and not (isinstance(healthcheck["retries"], int) and healthcheck["retries"] > 0):
            errors.append(f"service {name!r}: healthcheck retries must be a positive integer")
    return errors


def _volume_mounts(service):
    """(source, target, is_named_volume) for each entry of a service's volumes."""
    for entry in service.get("volumes") or []:
        if isinstance(entry, dict):
            source, target = entry.get("source"), entry.get("target")
            yield (
                source,
                target,
                entry.get("type", "volume") == "volume" and bool(source),
            )
        else:
            parts = str(entry).split(":")
            if len(parts) == 1:  # an anonymous volume
                yield None, parts[0], False
                continue
            source, target = parts[0], parts[1]
            yield source, target, not source.startswith((".", "/", "~", "$"))


def check_volumes(compose):
    declared = compose.get("volumes") or {}
    errors, used = [], set()
    for name, service in services_of(compose).items():
        for source, target, named in _volume_mounts(service):
            if not target or not str(target).startswith("/"):
                errors.append(f"service {name!r}: volume target {target!r} is not an absolute path")
            if named:
                used.add(source)
                if source not in declared:
                    errors.append(f"service {name!r} uses volume {source!r}, which is not declared at the top level")
    errors += [f"volume {volume!r} is declared but no service uses it" for volume in declared if volume not in used]
    return errors


def check_persistent_data(compose):
    """Postgres data and private media survive `docker compose down`."""
    errors = []
    wanted = {
        "postgres": ["/var/lib/postgresql/data"],
        **{name: ["/app/private-media"] for name in ("web", "worker")},
    }
    for name, targets in wanted.items():
        mounts = {
            target: source for source, target, named in _volume_mounts(services_of(compose).get(name, {})) if named
        }
        errors += [
            f"service {name!r} must keep {target} on the named volume {NAMED_VOLUMES[target]!r}"
            for target in targets
            if mounts.get(target) != NAMED_VOLUMES[target]
        ]
    return errors


def check_django_services_share_image(compose):
    services = services_of(compose)
    present = [name for name in DJANGO_SERVICES if name in services]
    errors = []
    if not present:
        return errors
    first = present[0]
    for name in present[1:]:
        if build_of(services[name]) != build_of(services[first]) or services[name].get("image") != services[first].get(
            "image"
        ):
            errors.append(f"service {name!r} is not built like {first!r}")
        if set(environment_of(services[name])) != set(environment_of(services[first])):
            differ = sorted(set(environment_of(services[name])) ^ set(environment_of(services[first])))
            errors.append(f"service {name!r} has other environment keys than {first!r}: {differ}")
    return errors


def check_build_context(compose, base_dir):
    errors = []
    for name, service in services_of(compose).items():
        build = build_of(service)
        if not build:
            continue
        context = (base_dir / build.get("context", ".")).resolve()
        dockerfile = context / build["dockerfile"]
        if not context.is_dir():
            errors.append(f"service {name!r}: build context {context} does not exist")
        elif not dockerfile.is_file():
            errors.append(f"service {name!r}: {dockerfile} does not exist")
    return errors


def check_settings_environment(compose):
    """web, worker and beat get what imi.settings reads, pointing at this stack."""
    services = services_of(compose)
    errors = []
    for name in DJANGO_SERVICES:
        if name not in services:
            continue
        env = environment_of(services[name])
        for key in REQUIRED_ENV:
            if not env.get(key):
                errors.append(f"service {name!r} does not set {key}")
        secret = env.get("SECRET_KEY") or ""
        if secret and not re.fullmatch(r"\$\{SECRET_KEY:?\?[^}]*\}", secret):
            errors.append(
                f"service {name!r}: SECRET_KEY must come from the shell as ${{SECRET_KEY:?...}}, not be written here"
            )
        if str(env.get("DEBUG", "")).lower() not in ("false", "0", "off", "no"):
            errors.append(f"service {name!r}: DEBUG must be false")
        for key, target in SETTINGS_URLS.items():
            if not env.get(key):
                continue
            try:
                host = urlsplit(interpolate(env[key], SAMPLE_ENV)).hostname
            except (ComposeError, ValueError) as exc:
                errors.append(f"service {name!r}: {key}: {exc}")
                continue
            if host != target:
                errors.append(f"service {name!r}: {key} points at {host!r}, not at the {target!r} service")
    return errors


def _port_range(text):
    bounds = text.split("-")
    if len(bounds) > 2 or not all(bound.isdigit() for bound in bounds):
        raise ValueError(f"{text!r} is not a port or a port range")
    numbers = [int(bound) for bound in bounds]
    if not all(1 <= number <= 65535 for number in numbers) or numbers != sorted(numbers):
        raise ValueError(f"{text!r} is out of 1-65535")
    return range(numbers[0], numbers[-1] + 1)


def parse_port(entry):
    """The container ports of one `ports:` entry; ValueError when compose would reject it."""
    if isinstance(entry, dict):
        if "target" not in entry:
            raise ValueError("long-syntax port without target")
        if entry.get("protocol", "tcp") not in PROTOCOLS:
            raise ValueError(f"unknown protocol {entry['protocol']!r}")
        if entry.get("published") not in (None, ""):
            _port_range(str(entry["published"]))
        if entry.get("host_ip"):
            ipaddress.ip_address(entry["host_ip"])
        return _port_range(str(entry["target"]))
    if isinstance(entry, bool) or not isinstance(entry, int | str):
        raise ValueError(f"{entry!r} is not a port")
    text = str(entry)
    if "/" in text:
        text, protocol = text.rsplit("/", 1)
        if protocol not in PROTOCOLS:
            raise ValueError(f"unknown protocol {protocol!r}")
    if text.startswith("["):  # [IPv6]:host:container
        address, _, text = text[1:].partition("]:")
        ipaddress.IPv6Address(address)
        parts = text.split(":")
        if len(parts) != 2:
            raise ValueError(f"{entry!r} is not [ip]:host:container")
    else:
        parts = text.split(":")
        if len(parts) == 3:
            ipaddress.ip_address(parts[0])
            parts = parts[1:]
        elif len(parts) > 3:
            raise ValueError(f"{entry!r} has too many colons")
    container = _port_range(parts[-1])
    if len(parts) == 2 and parts[0]:
        host = _port_range(parts[0])
        if len(host) > 1 and len(host) != len(container):
            raise ValueError(f"{entry!r}: host and container ranges differ in size")
    return container


def check_ports(compose):
    errors = []
    published = {}
    for name, service in services_of(compose).items():
        for entry in service.get("ports") or []:
            try:
                value = _resolve(entry, SAMPLE_ENV)
                parse_port(value)
            except (ValueError, ComposeError) as exc:
                errors.append(f"service {name!r}: invalid port {entry!r}: {exc}")
                continue
            host = _published_host_port(value)
            if host is not None:
                if host in published:
                    errors.append(f"host port {host} is published by both {published[host]!r} and {name!r}")
                published[host] = name
    return errors


def _published_host_port(entry):
    if isinstance(entry, dict):
        published = entry.get("published")
        return str(published) if published not in (None, "") else None
    parts = str(entry).split("/")[0].rsplit(":", 2)
    return parts[-2] if len(parts) >= 2 and parts[-2] else None


def container_ports(service):
    ports = set()
    for entry in service.get("ports") or []:
        ports.update(parse_port(_resolve(entry, SAMPLE_ENV)))
    return ports


def check_commands(compose):
    services = services_of(compose)
    errors = []
    web = command_of(services.get("web", {}))
    if "imi.wsgi:application" not in web or "gunicorn" not in web:
        errors.append("service 'web' does not run gunicorn imi.wsgi:application")
    elif not re.search(r"manage\.py migrate --noinput\s*&&.*gunicorn\b.*\bimi\.wsgi:application", web):
        errors.append("service 'web' must run `manage.py migrate --noinput &&` before gunicorn")
    bind = re.search(r"(?:--bind[ =]|-b ?)(\S+):(\d+)", web)
    if not bind or bind.group(1) != "0.0.0.0":  # noqa: S104 - listening inside the container is the point
        errors.append("service 'web': gunicorn must bind 0.0.0.0:<port>")
    elif "web" in services:
        try:
            if int(bind.group(2)) not in container_ports(services["web"]):
                errors.append(f"service 'web': gunicorn listens on {bind.group(2)}, which web does not publish")
        except (ValueError, ComposeError):
            pass  # reported by check_ports
    for name in ("worker", "beat"):
        if not re.search(
            rf"\bcelery\s+(?:-A\s+|--app[ =])imi\s+{name}\b",
            command_of(services.get(name, {})),
        ):
            errors.append(f"service {name!r} does not run `celery -A imi {name}`")
    return errors


COMPOSE_CHECKS = (
    check_structure,
    check_required_services,
    check_image_or_build,
    check_depends_on,
    check_healthchecks,
    check_volumes,
    check_persistent_data,
    check_django_services_share_image,
    check_interpolations,
    check_settings_environment,
    check_ports,
    check_commands,
)


def validate_compose(compose, base_dir=ROOT):
    errors = []
    for check in COMPOSE_CHECKS:
        errors += check(compose)
    return errors + check_build_context(compose, base_dir)


# --- the Dockerfile -------------------------------------------------------------------


def parse_dockerfile(text):
    """Stages of a Dockerfile: [{"name", "base", "instructions": [(INSTRUCTION, args)]}]."""
    instructions, current = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if current and stripped.startswith("#"):  # comments inside a continued instruction
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        keyword, _, args = current.partition(" ")
        instructions.append((keyword.upper(), args.strip()))
        current = ""
    if current:
        raise ComposeError("the Dockerfile ends inside a continued line")

    stages = []
    for keyword, args in instructions:
        if keyword == "FROM":
            words = [word for word in args.split() if not word.startswith("--")]
            name = words[2] if len(words) == 3 and words[1].lower() == "as" else None
            stages.append({"name": name, "base": words[0] if words else "", "instructions": []})
        elif stages:
            stages[-1]["instructions"].append((keyword, args))
        elif keyword != "ARG":
            raise ComposeError(f"{keyword} before the first FROM")
    return stages


def exec_form(args):
    if args.startswith("["):
        try:
            return [str(part) for part in json.loads(args)]
        except ValueError:
            return None
    return shlex.split(args)


def _of(stage, keyword):
    return [args for kw, args in stage["instructions"] if kw == keyword]


def _copy_flags(args):
    words = args.split()
    flags = {word.split("=", 1)[0]: word.split("=", 1)[-1] for word in words if word.startswith("--")}
    paths = [word for word in words if not word.startswith("--")]
    return flags, paths[:-1], paths[-1] if paths else None


def _earlier_stage_or_image(source, earlier_names):
    if source in earlier_names or (source.isdigit() and int(source) < len(earlier_names)):
        return True
    return ":" in source or "/" in source  # an image, such as python:3.11-slim


def check_dockerfile(stages):
    if not stages:
        return ["the Dockerfile has no FROM"]
    errors = []
    final = stages[-1]
    names = [stage["name"] for stage in stages]

    users = _of(final, "USER")
    if not users:
        errors.append("the final stage has no USER: the image would run as root")
    elif users[-1].split(":")[0] in ("root", "0"):
        errors.append(f"the final stage runs as {users[-1]!r}")

    starts = _of(final, "CMD") + _of(final, "ENTRYPOINT")
    if not starts:
        errors.append("the final stage has no CMD or ENTRYPOINT")
    cmd = exec_form(_of(final, "CMD")[-1]) if _of(final, "CMD") else None
    if cmd is None or "imi.wsgi:application" not in cmd or "gunicorn" not in cmd[0]:
        errors.append("the default command is not gunicorn imi.wsgi:application")
    elif "0.0.0.0:8000" not in " ".join(cmd):
        errors.append("gunicorn does not bind 0.0.0.0:8000")
    if not any("8000" in args.split() for args in _of(final, "EXPOSE")):
        errors.append("the final stage does not EXPOSE 8000")

    for index, stage in enumerate(stages):
        for args in _of(stage, "COPY"):
            source = _copy_flags(args)[0].get("--from")
            if source and not _earlier_stage_or_image(source, names[:index]):
                errors.append(f"COPY --from={source} names no earlier stage")

    node = next((stage for stage in stages[:-1] if stage["base"].startswith("node:20")), None)
    if node is None:
        errors.append("no node:20 stage for the front-end packages")
    else:
        copied = {path for args in _of(node, "COPY") for path in _copy_flags(args)[1]}
        if not {"package.json", "package-lock.json"} <= copied:
            errors.append("the node stage does not copy package.json and package-lock.json")
        if not any("npm ci" in args for args in _of(node, "RUN")):
            errors.append("the node stage does not run npm ci")
        if not any(
            _copy_flags(args)[0].get("--from") in (node["name"], str(stages.index(node))) and "node_modules" in args
            for args in _of(final, "COPY")
        ):
            errors.append("the final stage does not copy node_modules from the node stage")

    if not final["base"].startswith("python:3.11-slim"):
        errors.append(f"the final stage is based on {final['base']!r}, not python:3.11-slim")
    runs = _of(final, "RUN")
    if not any("apt-get install" in run and "gettext" in run for run in runs):
        errors.append("the final stage does not install gettext")

    order = [(kw, args) for kw, args in final["instructions"] if kw in ("COPY", "RUN")]

    def first(predicate):
        return next((i for i, (kw, args) in enumerate(order) if predicate(kw, args)), None)

    deps = first(lambda kw, args: kw == "COPY" and "pyproject.toml" in _copy_flags(args)[1])
    install = first(lambda kw, args: kw == "RUN" and "pip install" in args)
    code = first(lambda kw, args: kw == "COPY" and "--from" not in _copy_flags(args)[0] and "." in _copy_flags(args)[1])
    if None in (deps, install, code) or not deps < install < code:
        errors.append("the final stage must COPY pyproject.toml, pip install, then COPY the code (layer caching)")
    for step in ("compilemessages", "collectstatic --noinput"):
        at = first(lambda kw, args, step=step: kw == "RUN" and step in args)
        if at is None:
            errors.append(f"the final stage does not run {step}")
        elif code is not None and at < code:
            errors.append(f"{step} runs before the code is copied")
    collect = [run for run in runs if "collectstatic" in run]
    if collect and not all(re.search(rf"\b{key}=", collect[0]) for key in ("SECRET_KEY", "DATABASE_URL")):
        errors.append("collectstatic must run with throwaway SECRET_KEY and DATABASE_URL set for that step only")
    # The settings' STATICFILES_BACKEND: the manifest written by collectstatic
    # must be read by the same storage at run time, so it is set in the image.
    instructions = final["instructions"]
    manifest = next(
        (i for i, (kw, args) in enumerate(instructions) if kw == "ENV" and "ManifestStaticFilesStorage" in args), None
    )
    collecting = next((i for i, (kw, args) in enumerate(instructions) if kw == "RUN" and "collectstatic" in args), None)
    if manifest is None or (collecting is not None and collecting < manifest):
        errors.append("the image must set STATICFILES_BACKEND to a manifest storage before collectstatic")
    for keyword in ("ENV", "ARG"):
        errors += [
            f"{keyword} {args!r} bakes a SECRET_KEY into the image"
            for args in _of(final, keyword)
            if "SECRET_KEY" in args
        ]
    return errors


def check_dockerignore(text):
    entries = {line.strip().rstrip("/") for line in text.splitlines() if line.strip() and not line.startswith("#")}
    return [
        f".dockerignore does not exclude {entry}"
        for entry in (
            ".git",
            ".venv",
            "node_modules",
            ".devdata",
            ".env",
            "**/__pycache__",
        )
        if entry not in entries
    ]


# --- fixtures -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def parsed():
    return load_compose(COMPOSE_FILE.read_text())


@pytest.fixture
def compose(parsed):
    """A private copy, for tests that break it."""
    return copy.deepcopy(parsed)


@pytest.fixture(scope="module")
def dockerfile_text():
    return DOCKERFILE.read_text()


# --- the stack as written -----------------------------------------------------------------


def test_it_parses_the_compose_file(parsed):
    assert check_structure(parsed) == []


def test_it_has_every_service_of_the_stack(parsed):
    assert check_required_services(parsed) == []


def test_it_gives_every_service_exactly_one_of_image_or_build(parsed):
    assert check_image_or_build(parsed) == []


def test_it_depends_only_on_existing_services_with_healthchecks_where_awaited(parsed):
    assert check_depends_on(parsed) == []
    assert check_healthchecks(parsed) == []


def test_it_waits_for_healthy_postgres_and_redis(parsed):
    for name in DJANGO_SERVICES:
        deps = depends_on_of(parsed["services"][name])
        assert deps["postgres"]["condition"] == "service_healthy", name
        assert deps["redis"]["condition"] == "service_healthy", name


def test_it_declares_every_named_volume(parsed):
    assert check_volumes(parsed) == []


def test_it_keeps_postgres_data_and_private_media_on_named_volumes(parsed):
    assert check_persistent_data(parsed) == []


def test_it_builds_web_worker_and_beat_alike(parsed):
    assert check_django_services_share_image(parsed) == []
    assert check_build_context(parsed, ROOT) == []


def test_it_interpolates_only_well_formed_variables(parsed):
    assert check_interpolations(parsed) == []


def test_it_sets_the_settings_environment_for_web_worker_and_beat(parsed):
    assert check_settings_environment(parsed) == []


def test_it_refuses_to_start_without_a_secret_key(parsed):
    with pytest.raises(ComposeError, match="SECRET_KEY"):
        resolved(parsed, env={})
    from_the_shell = "from-the-shell"
    stack = resolved(parsed, env={"SECRET_KEY": from_the_shell})
    env = stack["services"]["worker"]["environment"]
    assert env["SECRET_KEY"] == from_the_shell
    assert env["DEBUG"] == "false"


def test_it_publishes_valid_ports(parsed):
    assert check_ports(parsed) == []
    assert container_ports(parsed["services"]["mailpit"]) == {8025}


def test_it_runs_gunicorn_and_celery_worker_and_beat(parsed):
    assert check_commands(parsed) == []


def test_it_finds_no_error_in_the_compose_file(parsed):
    assert validate_compose(parsed) == []


def test_it_builds_the_image_in_stages(dockerfile_text):
    stages = parse_dockerfile(dockerfile_text)
    assert len(stages) >= 2
    assert check_dockerfile(stages) == []


def test_it_keeps_local_state_out_of_the_build_context():
    assert check_dockerignore(DOCKERIGNORE.read_text()) == []


# --- every check can fail -----------------------------------------------------------------


def _drop(key):
    def breaker(compose):
        del compose["services"][key]

    return breaker


def _set(service, key, value):
    def breaker(compose):
        compose["services"][service][key] = value

    return breaker


def _env(service, key, value):
    def breaker(compose):
        if value is None:
            del compose["services"][service]["environment"][key]
        else:
            compose["services"][service]["environment"][key] = value

    return breaker


def _both_image_and_build(compose):
    compose["services"]["worker"]["image"] = "imi:latest"


def _undeclared_volume(compose):
    del compose["volumes"]["private-media"]


def _unused_volume(compose):
    compose["volumes"]["spare"] = None


def _media_on_bind_mount(compose):
    compose["services"]["web"]["volumes"] = ["./media:/app/private-media"]


def _other_build(compose):
    compose["services"]["beat"]["build"] = {
        "context": ".",
        "dockerfile": "Dockerfile.beat",
    }


def _cycle(compose):
    compose["services"]["web"]["depends_on"]["worker"] = {"condition": "service_started"}


def _no_healthcheck(compose):
    del compose["services"]["redis"]["healthcheck"]


BROKEN_COMPOSE = {
    "no services": (lambda c: c.pop("services"), "no services"),
    "unknown top-level key": (
        lambda c: c.update(servics={}),
        "unknown top-level key 'servics'",
    ),
    "missing mailpit": (_drop("mailpit"), "service 'mailpit' is missing"),
    "image and build": (_both_image_and_build, "exactly one of image/build"),
    "neither image nor build": (
        lambda c: c["services"]["redis"].pop("image"),
        "has neither",
    ),
    "unknown dependency": (
        _set("web", "depends_on", ["postgress"]),
        "unknown service 'postgress'",
    ),
    "self dependency": (_set("beat", "depends_on", ["beat"]), "depends on itself"),
    "unknown condition": (
        _set("web", "depends_on", {"redis": {"condition": "healthy"}}),
        "unknown depends_on condition",
    ),
    "healthy without healthcheck": (_no_healthcheck, "'redis' has no healthcheck"),
    "dependency cycle": (_cycle, "dependency cycle"),
    "bad healthcheck test": (
        lambda c: c["services"]["redis"]["healthcheck"].update(test=["RUN", "x"]),
        "healthcheck test",
    ),
    "bad healthcheck duration": (
        lambda c: c["services"]["postgres"]["healthcheck"].update(interval="5 seconds"),
        "not a duration",
    ),
    "undeclared volume": (_undeclared_volume, "'private-media', which is not declared"),
    "unused volume": (_unused_volume, "'spare' is declared but no service uses it"),
    "relative volume target": (
        _set("postgres", "volumes", ["postgres-data:var/lib"]),
        "not an absolute path",
    ),
    "postgres data not kept": (
        _set("postgres", "volumes", []),
        "/var/lib/postgresql/data on the named volume",
    ),
    "media on a bind mount": (
        _media_on_bind_mount,
        "/app/private-media on the named volume",
    ),
    "other build": (_other_build, "'beat' is not built like 'web'"),
    "other environment keys": (_env("worker", "EXTRA", "1"), "other environment keys"),
    "lone dollar": (_env("web", "ALLOWED_HOSTS", "$ 1"), "lone $"),
    "unclosed brace": (_env("web", "ALLOWED_HOSTS", "${ALLOWED_HOSTS:-x"), "unclosed"),
    "bad variable name": (
        _env("web", "ALLOWED_HOSTS", "${1HOSTS}"),
        "invalid interpolation",
    ),
    "bad operator": (
        _env("web", "ALLOWED_HOSTS", "${HOSTS:x}"),
        "invalid interpolation",
    ),
    "no database url": (
        _env("beat", "DATABASE_URL", None),
        "'beat' does not set DATABASE_URL",
    ),
    "no redis url": (
        _env("worker", "REDIS_URL", None),
        "'worker' does not set REDIS_URL",
    ),
    "empty secret key": (
        _env("web", "SECRET_KEY", ""),
        "'web' does not set SECRET_KEY",
    ),
    "written secret key": (
        _env("web", "SECRET_KEY", "changeme"),
        "must come from the shell",
    ),
    "secret key with a default": (
        _env("web", "SECRET_KEY", "${SECRET_KEY:-changeme}"),
        "must come from the shell",
    ),
    "debug on": (_env("worker", "DEBUG", "true"), "DEBUG must be false"),
    "database elsewhere": (
        _env("web", "DATABASE_URL", "postgres://imi:imi@localhost/imi"),
        "not at the 'postgres' service",
    ),
    "mail elsewhere": (
        _env("web", "EMAIL_URL", "smtp://mailhog:1025"),
        "not at the 'mailpit' service",
    ),
    "port out of range": (_set("mailpit", "ports", ["8025:80250"]), "invalid port"),
    "port not a number": (_set("web", "ports", ["http:8000"]), "invalid port"),
    "bad host ip": (_set("mailpit", "ports", ["300.0.0.1:8025:8025"]), "invalid port"),
    "bad protocol": (_set("mailpit", "ports", ["8025:8025/http"]), "unknown protocol"),
    "host port twice": (
        _set("mailpit", "ports", ["8000:8025"]),
        "host port 8000 is published by both",
    ),
    "gunicorn port not published": (
        _set("web", "ports", ["8000:9000"]),
        "which web does not publish",
    ),
    "no gunicorn": (
        _set("web", "command", "python manage.py runserver"),
        "does not run gunicorn imi.wsgi:application",
    ),
    "no migrate": (
        _set("web", "command", "gunicorn imi.wsgi:application --bind 0.0.0.0:8000"),
        "migrate --noinput",
    ),
    "migrate may fail": (
        _set(
            "web",
            "command",
            [
                "sh",
                "-c",
                "python manage.py migrate --noinput; gunicorn imi.wsgi:application -b 0.0.0.0:8000",
            ],
        ),
        "migrate --noinput &&",
    ),
    "gunicorn on localhost": (
        _set(
            "web",
            "command",
            [
                "sh",
                "-c",
                "python manage.py migrate --noinput && gunicorn imi.wsgi:application -b 127.0.0.1:8000",
            ],
        ),
        "must bind 0.0.0.0",
    ),
    "worker of another app": (
        _set("worker", "command", ["celery", "-A", "other", "worker"]),
        "'worker' does not run `celery -A imi worker`",
    ),
    "beat runs a worker": (
        _set("beat", "command", "celery -A imi worker"),
        "'beat' does not run `celery -A imi beat`",
    ),
}


@pytest.mark.parametrize("breaker,expected", BROKEN_COMPOSE.values(), ids=BROKEN_COMPOSE.keys())
def test_it_reports_a_broken_compose_file(compose, breaker, expected):
    breaker(compose)
    errors = validate_compose(compose)
    assert any(expected in error for error in errors), errors


def test_it_reports_a_missing_dockerfile(compose, tmp_path):
    errors = check_build_context(compose, tmp_path)
    assert any("Dockerfile does not exist" in error for error in errors), errors


@pytest.mark.parametrize("text", ["services: [", "services:\n  web: {\n", "- just\n- a list\n"])
def test_it_reports_a_file_that_is_no_compose_yaml(text):
    with pytest.raises(ComposeError):
        load_compose(text)


@pytest.mark.parametrize(
    "template,env,expected",
    [
        ("plain", {}, "plain"),
        ("$$HOME", {}, "$HOME"),
        ("$NAME/x", {"NAME": "a"}, "a/x"),
        ("${NAME}", {}, ""),
        ("${NAME:-def}", {}, "def"),
        ("${NAME:-def}", {"NAME": ""}, "def"),
        ("${NAME-def}", {"NAME": ""}, ""),
        ("${NAME:-${OTHER:-deep}}", {}, "deep"),
        ("${NAME:+alt}", {"NAME": "a"}, "alt"),
        ("${NAME:?must be set}", {"NAME": "a"}, "a"),
    ],
)
def test_it_interpolates_like_compose(template, env, expected):
    assert interpolate(template, env) == expected


@pytest.mark.parametrize(
    "template",
    [
        "$",
        "a $ b",
        "${",
        "${}",
        "${NAME",
        "${NAME:x}",
        "${-x}",
        "${NAME:?must be set}",
        "${NAME?}",
    ],
)
def test_it_rejects_what_compose_would_reject(template):
    with pytest.raises(ComposeError):
        interpolate(template, {})


@pytest.mark.parametrize(
    "entry,ports",
    [
        (8000, {8000}),
        ("8000", {8000}),
        ("8000:8000", {8000}),
        ("127.0.0.1:8025:8025", {8025}),
        ("127.0.0.1::8025", {8025}),
        ("[::1]:8025:8025/tcp", {8025}),
        ("9000-9001:8000-8001", {8000, 8001}),
        ({"target": 8000, "published": "80", "protocol": "tcp"}, {8000}),
    ],
)
def test_it_reads_every_port_syntax(entry, ports):
    assert set(parse_port(entry)) == ports


@pytest.mark.parametrize(
    "entry",
    [
        0,
        70000,
        "8000:",
        "a:b",
        "1:2:3:4",
        "9001-9000:80",
        "9000-9002:8000-8001",
        {"published": 80},
        True,
    ],
)
def test_it_rejects_invalid_ports(entry):
    with pytest.raises(ValueError):
        parse_port(entry)


def _without(text, needle):
    assert needle in text, needle
    return text.replace(needle, "")


BROKEN_DOCKERFILE = {
    "no stage": (lambda t: "# nothing\n", "no FROM"),
    "no user": (lambda t: _without(t, "\nUSER app\n"), "no USER"),
    "root user": (
        lambda t: t.replace("\nUSER app\n", "\nUSER root\n"),
        "runs as 'root'",
    ),
    "user switched back to root": (
        lambda t: t.replace("\nEXPOSE 8000", "\nUSER 0:0\nEXPOSE 8000"),
        "runs as '0:0'",
    ),
    "no cmd": (lambda t: re.sub(r"\nCMD .*", "", t), "no CMD or ENTRYPOINT"),
    "other app": (
        lambda t: t.replace('"imi.wsgi:application"', '"other.wsgi:app"'),
        "not gunicorn imi.wsgi:application",
    ),
    "loopback bind": (
        lambda t: t.replace('"0.0.0.0:8000"', '"127.0.0.1:8000"'),
        "does not bind 0.0.0.0:8000",
    ),
    "no expose": (lambda t: _without(t, "\nEXPOSE 8000"), "EXPOSE 8000"),
    "copy from unknown stage": (
        lambda t: t.replace("--from=assets", "--from=frontend"),
        "--from=frontend names no earlier stage",
    ),
    "no node stage": (
        lambda t: t.replace("FROM node:20-slim", "FROM node:18-slim"),
        "no node:20 stage",
    ),
    "no lock file": (
        lambda t: t.replace("COPY package.json package-lock.json ./", "COPY package.json ./"),
        "package-lock.json",
    ),
    "npm install": (
        lambda t: t.replace("npm ci", "npm install"),
        "does not run npm ci",
    ),
    "other python": (
        lambda t: t.replace("FROM python:3.11-slim", "FROM python:3.12"),
        "not python:3.11-slim",
    ),
    "no gettext": (
        lambda t: t.replace("--no-install-recommends gettext", "--no-install-recommends curl"),
        "install gettext",
    ),
    "code before dependencies": (
        lambda t: t.replace(
            "COPY pyproject.toml /tmp/deps/pyproject.toml\n",
            "COPY . .\nCOPY pyproject.toml /tmp/deps/pyproject.toml\n",
        ),
        "layer caching",
    ),
    "no compilemessages": (
        lambda t: t.replace("python manage.py compilemessages --ignore=node_modules \\\n        && ", ""),
        "compilemessages",
    ),
    "no collectstatic": (
        lambda t: t.replace("collectstatic", "check"),
        "collectstatic --noinput",
    ),
    "no build secret": (
        lambda t: t.replace("SECRET_KEY=build-only-not-a-secret", "SOMETHING=else"),
        "throwaway SECRET_KEY",
    ),
    "baked secret": (
        lambda t: t.replace("\nUSER app\n", "\nENV SECRET_KEY=oops\nUSER app\n"),
        "bakes a SECRET_KEY",
    ),
    "plain static storage": (
        lambda t: t.replace(
            "whitenoise.storage.CompressedManifestStaticFilesStorage", "whitenoise.storage.CompressedStaticFilesStorage"
        ),
        "manifest storage before collectstatic",
    ),
}


@pytest.mark.parametrize("breaker,expected", BROKEN_DOCKERFILE.values(), ids=BROKEN_DOCKERFILE.keys())
def test_it_reports_a_broken_dockerfile(dockerfile_text, breaker, expected):
    errors = check_dockerfile(parse_dockerfile(breaker(dockerfile_text)))
    assert any(expected in error for error in errors), errors


def test_it_reports_a_dockerfile_cut_inside_a_continued_line():
    with pytest.raises(ComposeError, match="continued line"):
        parse_dockerfile("FROM python:3.11-slim\nRUN true \\\n")


def test_it_reports_a_dockerignore_that_lets_local_state_in():
    errors = check_dockerignore(DOCKERIGNORE.read_text().replace("\n.venv\n", "\n"))
    assert errors == [".dockerignore does not exclude .venv"]


def _compose_plugin():
    docker = shutil.which("docker")
    if docker is None:
        return None
    probe = subprocess.run(  # noqa: S603 - a fixed argument list
        [docker, "compose", "version"], capture_output=True, check=False
    )
    return docker if probe.returncode == 0 else None


def test_it_passes_docker_compose_config_where_the_plugin_is_installed():
    """A second opinion from compose itself; it needs the plugin, not an engine."""
    docker = _compose_plugin()
    if docker is None:
        pytest.skip("the docker compose plugin is not installed here")
    result = subprocess.run(  # noqa: S603 - a fixed argument list
        [docker, "compose", "-f", str(COMPOSE_FILE), "config", "--quiet"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **SAMPLE_ENV},
    )
    assert result.returncode == 0, result.stderr


def test_it_runs_a_training_environment_beside_the_real_one():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    training = {name: spec for name, spec in services.items() if "training" in spec.get("profiles", [])}
    assert set(training) == {"web-training", "worker-training", "beat-training", "postgres-training"}
    for name in ["web-training", "worker-training", "beat-training"]:
        environment = training[name]["environment"]
        assert environment["IMI_TRAINING"] == "true"
        assert "postgres-training" in environment["DATABASE_URL"]
        assert environment["CELERY_QUEUE"] == "imi-training"
    assert "seed_demo" in " ".join(training["web-training"]["command"])
    assert not any(
        "training" in spec.get("profiles", []) for name, spec in services.items() if name in ("web", "worker", "beat")
    )
