"""Reading and writing the Pabulib ``.pb`` format (docs/pabulib.md#the-pb-format).

A file is UTF-8 text with three ``;``-separated CSV tables, each under its title line:
META (``key;value``), PROJECTS and VOTES. The reader accepts the quirks of real files:
a byte-order mark, spaces around cells, quoted cells, a decimal comma in a cost or the
budget, empty lines, rows that leave out empty trailing cells. Anything else it cannot
read raises ``PabulibError`` with one line that says what and where.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path

from wijkvoucher.tally.model import (
    POINTS_BALLOTS,
    VOTE_TYPES,
    Ballot,
    Election,
    Number,
    Project,
    TallyError,
    format_number,
    parse_number,
)

SECTIONS = ("META", "PROJECTS", "VOTES")


class PabulibError(TallyError):
    """A ``.pb`` file the tally cannot read."""


def read_pb(path: str | Path) -> Election:
    """The election in a ``.pb`` file."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise PabulibError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return parse_pb(data)


def parse_pb(data: bytes | str) -> Election:
    """The election in the text (or UTF-8 bytes) of a ``.pb`` file."""
    try:
        return _parse(data)
    except PabulibError:
        raise
    except TallyError as exc:
        raise PabulibError(str(exc)) from exc


def _parse(data: bytes | str) -> Election:
    if isinstance(data, bytes):
        if b"\x00" in data:
            raise PabulibError("binary data, not a .pb text file")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PabulibError(
                f"not UTF-8 text (byte {exc.start}): not a .pb file"
            ) from exc
    else:
        text = data.removeprefix("\ufeff")
    if not text.strip():
        raise PabulibError("the file is empty")
    tables = _split_sections(text)
    meta = _read_meta(tables["META"])
    budget = _required_number(meta, "budget")
    vote_type = meta.get("vote_type", "").strip()
    if not vote_type:
        raise PabulibError("META has no vote_type")
    if vote_type not in VOTE_TYPES:
        raise PabulibError(f"META has an unknown vote_type {vote_type!r}")
    projects = _read_projects(tables["PROJECTS"])
    known = {project.id for project in projects}
    if len(known) != len(projects):
        raise PabulibError("PROJECTS names a project_id twice")
    ballots = _read_votes(tables["VOTES"], known, vote_type)
    return Election(
        meta=meta,
        projects=tuple(projects),
        ballots=tuple(ballots),
        budget=budget,
        vote_type=vote_type,
    )


Table = list[tuple[int, list[str]]]


def _split_sections(text: str) -> dict[str, Table]:
    """The rows of each section, without its title line. Cells are stripped later,
    where they are read (the VOTES section is large)."""
    tables: dict[str, Table] = {}
    current: Table = []
    reader = csv.reader(
        io.StringIO(text), delimiter=";", quotechar='"', skipinitialspace=True
    )
    try:
        for row in reader:
            if len(row) < 2 or not row[1].strip():
                title = _title(row)
                if title == "":
                    continue
                if title:
                    current = _new_section(tables, title, reader.line_num)
                    continue
            if not tables:
                raise PabulibError(f"line {reader.line_num}: text before META")
            current.append((reader.line_num, row))
    except csv.Error as exc:
        raise PabulibError(f"line {reader.line_num}: {exc}") from exc
    for title in SECTIONS:
        if title not in tables:
            raise PabulibError(f"no {title} section: not a .pb file")
    return tables


def _title(row: list[str]) -> str | None:
    """ "" for an empty row, the section for a title row, else ``None``."""
    cells = [cell.strip() for cell in row]
    if not any(cells):
        return ""
    if cells[0].upper() in SECTIONS and not any(cells[1:]):
        return cells[0].upper()
    return None


def _new_section(tables: dict[str, Table], title: str, line: int) -> Table:
    if title in tables:
        raise PabulibError(f"line {line}: a second {title} section")
    expected = SECTIONS[len(tables)]
    if title != expected:
        raise PabulibError(f"line {line}: {title} before {expected}")
    tables[title] = []
    return tables[title]


def _header(table: Table, section: str, required: tuple[str, ...]) -> list[str]:
    if not table:
        raise PabulibError(f"the {section} section has no header")
    line, header = table[0]
    names = [name.strip().lower() for name in header]
    for name in required:
        if name not in names:
            raise PabulibError(f"line {line}: the {section} header has no {name}")
    if len(set(names)) != len(names):
        raise PabulibError(f"line {line}: the {section} header names a column twice")
    return names


def _cells(line: int, row: list[str], width: int, section: str) -> list[str]:
    if len(row) > width:
        if any(row[width:]):
            raise PabulibError(
                f"line {line}: {section} row has {len(row)} cells, the header {width}"
            )
        return row[:width]
    return row + [""] * (width - len(row))


def _read_meta(table: Table) -> dict[str, str]:
    if _header(table, "META", ("key", "value")) != ["key", "value"]:
        raise PabulibError(f"line {table[0][0]}: the META header is not key;value")
    meta: dict[str, str] = {}
    for line, raw in table[1:]:
        row = [cell.strip() for cell in raw]
        values = row[1:]
        while len(values) > 1 and not values[-1]:
            values.pop()  # empty cells after the value
        key, value = row[0], ";".join(values)
        if key in meta:
            raise PabulibError(f"line {line}: META names {key} twice")
        meta[key] = value
    return meta


def _required_number(meta: dict[str, str], key: str) -> Number:
    if not meta.get(key):
        raise PabulibError(f"META has no {key}")
    value = parse_number(meta[key], f"META {key}")
    if value < 0:
        raise PabulibError(f"META {key} is negative")
    return value


def _read_projects(table: Table) -> list[Project]:
    names = _header(table, "PROJECTS", ("project_id", "cost"))
    projects = []
    for line, raw in table[1:]:
        cells = _cells(line, [cell.strip() for cell in raw], len(names), "PROJECTS")
        row = dict(zip(names, cells, strict=True))
        project_id = row.pop("project_id")
        if not project_id:
            raise PabulibError(f"line {line}: a project without project_id")
        cost = parse_number(row.pop("cost"), f"line {line}: the cost of {project_id}")
        if cost < 0:
            raise PabulibError(f"line {line}: project {project_id} has a negative cost")
        name = row.pop("name", "")
        fields = {key: value for key, value in row.items() if value}
        try:
            projects.append(Project(project_id, cost, name, fields))
        except TallyError as exc:
            raise PabulibError(f"line {line}: {exc}") from exc
    return projects


def _read_votes(table: Table, known: set[str], vote_type: str) -> list[Ballot]:
    names = _header(table, "VOTES", ("voter_id", "vote"))
    width = len(names)
    voter_at, vote_at = names.index("voter_id"), names.index("vote")
    points_at = names.index("points") if "points" in names else -1
    others = [
        (i, name)
        for i, name in enumerate(names)
        if i not in (vote_at, points_at, voter_at)
    ]
    wants_points = vote_type in POINTS_BALLOTS
    most = 1 if vote_type == "choose-1" else len(known)
    ballots = []
    for line, raw in table[1:]:
        row = raw if len(raw) == width else _cells(line, raw, width, "VOTES")
        voter, cell = row[voter_at].strip(), row[vote_at]
        if cell and " " not in cell and ",," not in cell and cell[-1] != ",":
            vote = tuple(cell.split(","))
        else:
            vote = tuple(p for p in (part.strip() for part in cell.split(",")) if p)
        if not known.issuperset(vote):
            unknown = next(p for p in vote if p not in known)
            raise PabulibError(
                f"line {line}: voter {voter} votes for unknown project {unknown}"
            )
        if len(vote) > 1 and len(set(vote)) != len(vote):
            raise PabulibError(f"line {line}: voter {voter} names a project twice")
        if len(vote) > most:
            raise PabulibError(
                f"line {line}: voter {voter} chooses more than one project"
            )
        points = (
            _points(line, voter, row[points_at], len(vote)) if points_at >= 0 else None
        )
        if wants_points and points is None:
            if not vote:
                points = ()  # an empty ballot: no projects, no points
            else:
                raise PabulibError(f"line {line}: voter {voter} has no points")
        if others:
            fields = {name: row[i].strip() for i, name in others if row[i].strip()}
            ballots.append(Ballot(voter, vote, points, fields))
        else:
            ballots.append(Ballot(voter, vote, points))
    return ballots


def _points(line: int, voter: str, cell: str, count: int) -> tuple[Number, ...] | None:
    if not cell.strip():
        return None
    parts = [part.strip() for part in cell.split(",") if part.strip()]
    if len(parts) != count:
        raise PabulibError(
            f"line {line}: voter {voter} has {len(parts)} points for {count} projects"
        )
    return tuple(
        int(part) if part.isdigit() else parse_number(part, f"line {line}: points")
        for part in parts
    )


def format_pb(election: Election) -> str:
    """The ``.pb`` text of an election. Reading it back gives an equal election."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quotechar='"', lineterminator="\n")
    out.write("META\n")
    writer.writerow(["key", "value"])
    for key, value in election.meta.items():
        writer.writerow([key, value])

    out.write("PROJECTS\n")
    project_columns = _columns(project.fields for project in election.projects)
    writer.writerow(["project_id", "cost", "name", *project_columns])
    for project in election.projects:
        extra = [project.fields.get(name, "") for name in project_columns]
        writer.writerow([project.id, format_number(project.cost), project.name, *extra])

    out.write("VOTES\n")
    with_points = election.vote_type in POINTS_BALLOTS or any(
        ballot.points is not None for ballot in election.ballots
    )
    vote_columns = _columns(ballot.fields for ballot in election.ballots)
    writer.writerow(
        ["voter_id", "vote", *(["points"] if with_points else []), *vote_columns]
    )
    for ballot in election.ballots:
        row = [ballot.voter_id, ",".join(ballot.projects)]
        if with_points:
            row.append(",".join(format_number(p) for p in ballot.points or ()))
        row.extend(ballot.fields.get(name, "") for name in vote_columns)
        writer.writerow(row)
    return out.getvalue()


def write_pb(election: Election, path: str | Path) -> None:
    """Write the election to a ``.pb`` file (UTF-8, no byte-order mark)."""
    Path(path).write_text(format_pb(election), encoding="utf-8")


def _columns(field_maps: Iterable[Mapping[str, str]]) -> list[str]:
    seen: dict[str, None] = {}
    for fields in field_maps:
        for name in fields:
            seen.setdefault(name, None)
    return list(seen)
