"""The settings refuse a bad environment at start-up, with a message naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD = {
    "SECRET_KEY": "x",
    "DATABASE_URL": "postgres://u@127.0.0.1:5432/db",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def load_settings(**overrides):
    environment = {k: v for k, v in os.environ.items() if k not in GOOD and k != "DEBUG"}
    environment.update({**GOOD, **overrides})
    environment = {k: v for k, v in environment.items() if v is not None}
    return subprocess.run(
        [sys.executable, "-c", "import imi.settings.base as s; print(s.DEBUG, s.SESSION_COOKIE_AGE)"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_reads_a_good_environment():
    result = load_settings(DEBUG="on", SESSION_COOKIE_AGE="600")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "600"]


@pytest.mark.parametrize(
    ("variable", "value"),
    [("DEBUG", "ture"), ("SESSION_COOKIE_AGE", "ten minutes"), ("SECRET_KEY", None), ("DATABASE_URL", None)],
)
def test_it_refuses_a_bad_or_missing_value(variable, value):
    result = load_settings(**{variable: value})
    assert result.returncode != 0
    assert variable in result.stderr
