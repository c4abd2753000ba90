"""Code, templates and docs cite only documents that are in the repository, and every
cited ``docs/<page>.md#<section>`` exists (docs/README.md).

The project was started from design notes that never entered the repository; a
newcomer who meets a citation of one of them cannot follow it. Their facts now live
in ``docs/``, and this test keeps it that way."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_DIRS = {".git", ".venv", "node_modules", "var", "vendor", "__pycache__"}
SUFFIXES = {".py", ".html", ".md", ".txt", ".toml", ".cfg", ".yml", ".yaml", ".js"}
NAMES = {"Makefile", "run"}

# Documents outside the repository, by the names the code used to cite them. Spelled
# in pieces so that this file does not cite them itself.
OUTSIDE = re.compile(
    r"\b(?:domain|product-map|house-style)\.md\b"
    r"|\bhouse-style \d"
    r"|\.\./shared/|\bshared/docs\b"
)
# quality.md and pabulib.md exist in the repository only as docs/quality.md and
# docs/pabulib.md (a pabulib.md outside the repository holds the sources).
BARE_QUALITY = re.compile(r"(?<![\w/])(?:quality|pabulib)\.md\b")
DOCS_CITATION = re.compile(r"\bdocs/([\w/-]+\.md)(?:#([\w-]+))?")
ADR_CITATION = re.compile(r"\bdocs/adr/(\d{4})\b(?![\w-])")


def _files() -> list[Path]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [name for name in dirs if name not in SKIPPED_DIRS]
        found += [
            Path(folder) / name
            for name in files
            if Path(name).suffix in SUFFIXES or name in NAMES
        ]
    return sorted(found)


def _lines(path: Path) -> list[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return []
    return list(enumerate(text.splitlines(), start=1))


def slug(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    return {
        slug(line.lstrip("#"))
        for _number, line in _lines(page)
        if re.match(r"#{1,6} ", line)
    }


def test_slug_matches_githubs_anchors() -> None:
    # given / when / then
    assert slug("Article 4:5: the hersteltermijn") == "article-45-the-hersteltermijn"
    assert slug("The back office (Django admin)") == "the-back-office-django-admin"
    assert slug("Woo and AVG") == "woo-and-avg"


def test_nothing_cites_documents_outside_the_repository() -> None:
    # given
    this = Path(__file__).resolve()
    # when
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _files()
        if path != this
        for number, line in _lines(path)
        if OUTSIDE.search(line)
        # a page in docs/ may name its sibling quality.md
        or (BARE_QUALITY.search(line) and path.parent != ROOT / "docs")
    ]
    # then
    assert not found, "Cite the page in docs/ instead:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "pattern", [DOCS_CITATION, ADR_CITATION], ids=["pages", "adrs"]
)
def test_every_cited_docs_page_and_section_exists(pattern: re.Pattern[str]) -> None:
    # given
    adrs = [path.name for path in (ROOT / "docs" / "adr").glob("*.md")]
    broken: list[str] = []
    # when
    for path in _files():
        for number, line in _lines(path):
            for match in pattern.finditer(line):
                where = f"{path.relative_to(ROOT)}:{number}: {match.group(0)}"
                if pattern is ADR_CITATION:
                    if not any(name.startswith(match.group(1)) for name in adrs):
                        broken.append(where)
                    continue
                page = ROOT / "docs" / match.group(1)
                if "NNNN" in match.group(1):  # the naming pattern of ADRs
                    continue
                if not page.is_file():
                    broken.append(f"{where} (no such page)")
                elif match.group(2) and match.group(2) not in anchors(page):
                    broken.append(f"{where} (no such section)")
    # then
    assert not broken, "Broken citations:\n" + "\n".join(broken)
