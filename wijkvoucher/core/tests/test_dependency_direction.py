"""The dependency direction holds for the routes that are no Python import.

import-linter (``lint-imports``, the contract in pyproject.toml) sees imports only.
An app can still reach a higher one by name: a model through ``apps.get_model``, a
template-tag library with ``{% load %}``, another app's template with
``{% include %}`` or ``{% extends %}``, or a reverse relation that a higher app's
foreign key adds to a lower app's model. These tests close those routes, with the
order of the apps read from the same contract: one list, one source of truth.

Tests, migrations and the migration machinery (``core.db``) are not checked, as in
the contract: a test may build its world with any app, and a migration works on the
historical models that ``apps.get_model`` hands it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from django.apps import apps as django_apps

import pytest

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "wijkvoucher"
CONTRACT_ID = "dependency-direction"


def layer_order() -> dict[str, int]:
    """Each app's rank in the contract: 0 for the lowest (core). Optional layers
    (in parentheses) count too: an app that a running restructuring adds."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (contract,) = [c for c in contracts if c.get("id") == CONTRACT_ID]
    layers = [name.strip("()") for name in contract["layers"]]
    return {name: rank for rank, name in enumerate(reversed(layers))}


def _app_dirs() -> list[Path]:
    return sorted(p.parent for p in PACKAGE.glob("*/apps.py"))


def _code_files() -> list[Path]:
    files = [*PACKAGE.rglob("*.py"), *(ROOT / "config").rglob("*.py")]
    return [
        f
        for f in files
        if "tests" not in f.parts
        and "migrations" not in f.parts
        and f != PACKAGE / "core" / "db.py"
    ]


def _templates(app_dir: Path) -> list[Path]:
    return sorted(p for p in (app_dir / "templates").rglob("*") if p.is_file())


def _template_owner() -> dict[str, str]:
    """The first folder of every app template's name (``decisions/…``) → its app."""
    owners: dict[str, str] = {}
    for app_dir in _app_dirs():
        templates = app_dir / "templates"
        if templates.is_dir():
            for folder in templates.iterdir():
                if folder.is_dir():
                    owners[folder.name] = app_dir.name
    return owners


def _library_owner() -> dict[str, str]:
    """Every template-tag library's name → its app."""
    return {
        module.stem: module.parents[1].name
        for module in PACKAGE.glob("*/templatetags/*.py")
        if module.stem != "__init__"
    }


def _reverse_relations(order: dict[str, int]) -> dict[str, set[str]]:
    """Per app: the accessors that a higher app's foreign key adds to its models."""
    upward: dict[str, set[str]] = {}
    for config in django_apps.get_app_configs():
        low = config.name.rpartition(".")[2]
        if not config.name.startswith("wijkvoucher.") or low not in order:
            continue
        for model in config.get_models():
            for relation in model._meta.related_objects:
                related = relation.related_model
                accessor = relation.get_accessor_name()
                if isinstance(related, str) or accessor is None:
                    continue
                if order.get(related._meta.app_label, -1) > order[low]:
                    upward.setdefault(low, set()).add(accessor)
    return upward


LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
NAMED = re.compile(r"""{%\s*(?:include|extends)\s+["']([^"'/]+)/""")


def routes_in(app: str, text: str) -> set[str]:
    """The routes by which the template ``text`` of ``app`` reaches a higher app."""
    order = layer_order()
    rank = order[app]
    template_owner = _template_owner()
    library_owner = _library_owner()
    found: set[str] = set()
    for match in LOAD.finditer(text):
        words = match.group(1).split()
        libraries = words[words.index("from") + 1 :] if "from" in words else words
        for library in libraries:
            owner = library_owner.get(library)
            if owner is not None and order[owner] > rank:
                found.add(f"load {library}")
    for folder in NAMED.findall(text):
        owner = template_owner.get(folder)
        if owner is not None and order[owner] > rank:
            found.add(f"include {folder}/")
    for accessor in _reverse_relations(order).get(app, ()):
        if re.search(rf"\b\w+\.{re.escape(accessor)}\b", text):
            found.add(f"relation {accessor}")
    return found


def upward_routes() -> set[tuple[str, str]]:
    """Every (template, route) where an app's template reaches a higher app."""
    found: set[tuple[str, str]] = set()
    for app_dir in _app_dirs():
        for path in _templates(app_dir):
            name = path.relative_to(app_dir / "templates").as_posix()
            text = path.read_text(encoding="utf-8")
            found |= {(name, r) for r in routes_in(app_dir.name, text)}
    return found


def test_the_contract_lists_every_app() -> None:
    order = layer_order()
    assert {p.name for p in _app_dirs()} <= set(order)
    assert min(order, key=order.__getitem__) == "core"


def test_no_code_looks_a_model_up_by_name() -> None:
    offenders = [
        str(f.relative_to(ROOT))
        for f in _code_files()
        if re.search(r"(?<![.\w])apps\.get_model\(", f.read_text(encoding="utf-8"))
    ]
    assert offenders == [], (
        "apps.get_model reaches an app without an import; import the model from a "
        "lower app, or compose the page in a higher one (docs/architecture.md)"
    )


def test_no_template_reaches_a_higher_app() -> None:
    assert upward_routes() == set(), (
        "a template loads tags of, includes a template of, or follows a relation "
        "to a higher app; give the page a slot and fill it from an app above "
        "(wijkvoucher/initiatives/panels.py, docs/architecture.md)"
    )


@pytest.mark.parametrize(
    ("app", "text", "route"),
    [
        ("core", "{% load i18n initiative_deadlines %}", "load initiative_deadlines"),
        (
            "accounts",
            "{% load euro from money %}{% load x from initiative_deadlines %}",
            "load initiative_deadlines",
        ),
        (
            "initiatives",
            '{% include "decisions/_for_initiator.html" %}',
            "include decisions/",
        ),
        ("initiatives", '{% extends "vouchers/base.html" %}', "include vouchers/"),
        ("initiatives", "{% if initiative.vouchers.exists %}", "relation vouchers"),
    ],
)
def test_the_check_sees_each_route(app: str, text: str, route: str) -> None:
    assert route in routes_in(app, text)


def test_a_higher_app_may_reach_down() -> None:
    text = (
        "{% load i18n money initiative_deadlines %}"
        '{% include "initiatives/official/_step_form.html" %}'
    )
    assert routes_in("vouchers", text) == set()
