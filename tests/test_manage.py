"""manage.py as the README uses it (issue #9, point 13): after ``make demo`` a plain
``python manage.py demo_credentials`` works in a fresh shell, also when
``var/demo.env`` is gone. It runs again with the
project's virtual environment when Django is not importable, and reads the demo's
settings from ``var/demo.env``, which ``make demo`` writes."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]


def _manage() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "manage_under_test", REPO / "manage.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_demo_file_gives_defaults_and_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manage = _manage()
    demo_env = tmp_path / "demo.env"
    demo_env.write_text(
        "WIJKVOUCHER_DEMO=1\n# a comment\nWIJKVOUCHER_SITE_URL=http://127.0.0.1:8000\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(manage, "DEMO_ENV", demo_env)
    monkeypatch.delenv("WIJKVOUCHER_DEMO", raising=False)
    monkeypatch.setenv("WIJKVOUCHER_SITE_URL", "https://wijkvoucher.example.nl")
    manage._demo_defaults()
    assert os.environ["WIJKVOUCHER_DEMO"] == "1"
    assert os.environ["WIJKVOUCHER_SITE_URL"] == "https://wijkvoucher.example.nl"


def test_without_the_demo_file_a_configured_shell_gets_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manage = _manage()
    monkeypatch.setattr(manage, "DEMO_ENV", tmp_path / "missing.env")
    monkeypatch.delenv("WIJKVOUCHER_DEMO", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DJANGO_SECRET_KEY", "production-" + "k" * 50)
    manage._demo_defaults()
    assert "WIJKVOUCHER_DEMO" not in os.environ


def test_a_shell_with_no_configuration_at_all_runs_against_the_demo(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    manage = _manage()
    monkeypatch.setattr(manage, "DEMO_ENV", tmp_path / "missing.env")
    for name in (*manage.CONFIGURED_BY, *manage.DEMO_DEFAULTS):
        monkeypatch.delenv(name, raising=False)
    manage._demo_defaults()
    assert {name: os.environ[name] for name in manage.DEMO_DEFAULTS} == (
        manage.DEMO_DEFAULTS
    )
    assert "using the demo" in capsys.readouterr().err


def test_the_fallback_matches_what_make_demo_writes() -> None:
    manage = _manage()
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for name, value in manage.DEMO_DEFAULTS.items():
        written = value.replace("8000", "$(PORT)")
        assert f"{name}={written}" in makefile


def test_a_python_without_django_runs_the_command_in_the_project_venv(
    tmp_path: Path,
) -> None:
    # A Python without the project's packages: a fresh virtual environment.
    bare = tmp_path / "bare"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DJANGO_SECRET_KEY": "test-only-" + "k" * 50,
        "WIJKVOUCHER_SQLITE_PATH": str(tmp_path / "db.sqlite3"),
    }
    result = subprocess.run(
        [str(bare / "bin" / "python"), "manage.py", "check"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
