"""Statuses change only in a transition helper (issue #10 point 1).

An AST scan of the application code (tests and migrations aside): a status field
(``status``, ``review_status``) may not be assigned, ``setattr``-ed, passed to
``.update()`` / ``.update_or_create(defaults=...)`` or listed in ``bulk_update``
anywhere but in the transition helpers. Creating a row with its first status in
``objects.create(...)`` is fine."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _application_modules() -> list[Path]:
    return sorted(
        path
        for path in (ROOT / "wijkvoucher").rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    )


def _machine_fields() -> frozenset[str]:
    """``status`` (the initiative's and most machines' field) and every other field a
    ``Machine(..., field="...")`` declares, read from the source so that core does not
    import the apps above it."""
    fields = {"status"}
    for path in _application_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Machine"
            ):
                fields.update(
                    kw.value.value
                    for kw in node.keywords
                    if kw.arg == "field"
                    and isinstance(kw.value, ast.Constant)
                    and isinstance(kw.value.value, str)
                )
    return frozenset(fields)


STATUS_FIELDS = _machine_fields()
# The only modules that write a status: the generic helper, and the initiative's
# own (its history is the StatusChange timeline).
HELPERS = frozenset(
    {
        "wijkvoucher/core/transitions.py",
        "wijkvoucher/initiatives/services/transitions.py",
    }
)


def _is_status_key(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value in STATUS_FIELDS


def _dict_sets_status(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Dict) and any(_is_status_key(k) for k in node.keys)


def _call_writes_status(call: ast.Call) -> bool:
    func = call.func
    name = (
        func.attr
        if isinstance(func, ast.Attribute)
        else func.id
        if isinstance(func, ast.Name)
        else ""
    )
    if name == "setattr":
        return len(call.args) > 1 and _is_status_key(call.args[1])
    if name == "update":
        return any(
            kw.arg in STATUS_FIELDS or (kw.arg is None and _dict_sets_status(kw.value))
            for kw in call.keywords
        )
    if name in ("update_or_create", "get_or_create"):
        return any(
            kw.arg == "defaults" and _dict_sets_status(kw.value) for kw in call.keywords
        )
    if name == "bulk_update":
        fields = call.args[1] if len(call.args) > 1 else None
        for kw in call.keywords:
            if kw.arg == "fields":
                fields = kw.value
        return isinstance(fields, ast.List | ast.Tuple) and any(
            _is_status_key(elt) for elt in fields.elts
        )
    return False


def status_writes(source: str) -> list[int]:
    """The line numbers in ``source`` that write a status field."""
    found = []
    for node in ast.walk(ast.parse(source)):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            for part in ast.walk(target):
                if isinstance(part, ast.Attribute) and part.attr in STATUS_FIELDS:
                    found.append(part.lineno)
        if isinstance(node, ast.Call) and _call_writes_status(node):
            found.append(node.lineno)
    return sorted(set(found))


@pytest.mark.parametrize(
    "source",
    [
        "claim.status = 'paid'",
        "provider.review_status = to",
        "a.b.status += 1",
        "Claim.objects.filter(pk=1).update(status='paid')",
        "qs.update(**{'status': 'paid'})",
        "setattr(batch, 'status', 'paid')",
        "X.objects.update_or_create(pk=1, defaults={'status': 'open'})",
        "X.objects.bulk_update(rows, ['status'])",
        "X.objects.bulk_update(rows, fields=('review_status',))",
    ],
)
def test_the_scan_finds_a_status_write(source: str) -> None:
    assert status_writes(source) == [1]


@pytest.mark.parametrize(
    "source",
    [
        "Claim.objects.create(status='submitted')",
        "x = claim.status",
        "qs.filter(status='open').update(note='x')",
        "response.status_code = 200",
        "setattr(row, machine.field, target)",
    ],
)
def test_the_scan_leaves_reads_and_creation_alone(source: str) -> None:
    assert status_writes(source) == []


def test_statuses_are_written_only_by_the_transition_helpers() -> None:
    offenders = []
    modules = _application_modules()
    assert len(modules) > 100
    for path in modules:
        relative = path.relative_to(ROOT).as_posix()
        if relative in HELPERS:
            continue
        offenders += [f"{relative}:{line}" for line in status_writes(path.read_text())]
    assert offenders == [], (
        "Change a status through its app's transition helper (core.transitions), "
        "not directly: " + ", ".join(offenders)
    )


def test_the_machine_fields_are_found() -> None:
    assert {"status", "review_status"} <= STATUS_FIELDS


def test_the_helpers_exist() -> None:
    # a renamed helper must not silently widen what the scan lets through
    for helper in HELPERS:
        assert (ROOT / helper).is_file(), helper
