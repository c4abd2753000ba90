#!/usr/bin/env python
"""Django's command-line utility, made to work as the README writes it.

- Run with any Python: when Django is not importable (a fresh shell's ``python``)
  and the project's virtual environment exists, the command runs again with
  ``.venv/bin/python``.
- ``make demo`` writes ``var/demo.env``; in a folder that has it, commands run
  against the demo (demo mode, its site address and task backend) unless the
  environment already says otherwise. A production install never has that file.
- A shell with no configuration at all (no ``var/demo.env``, and none of
  ``DJANGO_SECRET_KEY``, ``DATABASE_URL`` or ``WIJKVOUCHER_DEMO`` set) runs against
  the demo too, with the values ``make demo`` writes, and says so on stderr.
  Production always sets ``DJANGO_SECRET_KEY``, so it never falls back.
"""

import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
VENV_PYTHON = BASE_DIR / ".venv" / "bin" / "python"
DEMO_ENV = BASE_DIR / "var" / "demo.env"
# What `make demo` writes into var/demo.env (Makefile, DEMO_ENV) for port 8000.
DEMO_DEFAULTS = {
    "WIJKVOUCHER_DEMO": "1",
    "WIJKVOUCHER_SITE_URL": "http://127.0.0.1:8000",
    "WIJKVOUCHER_TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
}
CONFIGURED_BY = ("DJANGO_SECRET_KEY", "DATABASE_URL", "WIJKVOUCHER_DEMO")


def _use_project_python() -> None:
    try:
        import django  # noqa: F401
    except ImportError:
        in_venv = Path(sys.prefix).resolve() == VENV_PYTHON.parents[1].resolve()
        if VENV_PYTHON.exists() and not in_venv:
            os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), *sys.argv])  # noqa: S606
        raise


def _demo_defaults() -> None:
    if not DEMO_ENV.exists():
        if not any(name in os.environ for name in CONFIGURED_BY):
            sys.stderr.write(
                "wijkvoucher: no configuration in this shell; using the demo "
                "(var/db.sqlite3, made by `make demo`).\n"
            )
            for name, value in DEMO_DEFAULTS.items():
                os.environ.setdefault(name, value)
        return
    for line in DEMO_ENV.read_text(encoding="utf-8").splitlines():
        name, sep, value = line.strip().partition("=")
        if sep and name and not name.startswith("#"):
            os.environ.setdefault(name.strip(), value.strip())


def main() -> None:
    _use_project_python()
    _demo_defaults()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
