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
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice, repeat
from pathlib import Path
from typing import overload

from wijkvoucher.tally.model import (
    POINTS_BALLOTS,
    VOTE_TYPES,
    Ballot,
    Ballots,
    Election,
    Group,
    Number,
    Project,
    TallyError,
    format_number,
    no_gc,
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


def parse_pb(data: bytes | str, *, fast: bool = True) -> Election:
    """The election in the text (or UTF-8 bytes) of a ``.pb`` file. ``fast=False``
    reads every VOTES row with the csv module, as the fast reader does with what it
    does not take itself: the same election or the same error either way (tests
    compare the two)."""
    try:
        with no_gc():
            return _parse(data, fast)
    except PabulibError:
        raise
    except TallyError as exc:
        raise PabulibError(str(exc)) from exc


def _parse(data: bytes | str, fast: bool) -> Election:
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
    election = _parse_fast(text) if fast else None
    if election is not None:
        return election
    # Anything the fast reader does not take (quotes or blank rows in VOTES, rows of
    # another width, a ballot it would refuse) is read row by row by the csv module,
    # which also says where a file goes wrong.
    tables = _split_sections(text)
    meta, budget, vote_type, projects = _read_head(tables)
    known = {project.id for project in projects}
    ballots = _read_votes(tables["VOTES"], known, vote_type)
    return Election(
        meta=meta,
        projects=tuple(projects),
        ballots=tuple(ballots),
        budget=budget,
        vote_type=vote_type,
    )


def _parse_fast(text: str) -> Election | None:
    """The election with ``FileBallots``, or ``None`` for the row-by-row reader
    (which then also says what is wrong with a file, where it says it)."""
    head = _split_head(text)
    if head is None:
        return None
    tables, votes_at = head
    try:
        meta, budget, vote_type, projects = _read_head(tables)
    except PabulibError:
        return None
    ballots = FileBallots.read(text[votes_at:], projects, vote_type)
    if ballots is None:
        return None
    return Election(
        meta=meta,
        projects=tuple(projects),
        ballots=ballots,
        budget=budget,
        vote_type=vote_type,
    )


def _read_head(
    tables: dict[str, Table],
) -> tuple[dict[str, str], Number, str, list[Project]]:
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
    return meta, budget, vote_type, projects


Table = list[tuple[int, list[str]]]


def _split_sections(text: str) -> dict[str, Table]:
    """The rows of each section, without its title line. Cells are stripped later,
    where they are read (the VOTES section is large)."""
    tables = _sections(io.StringIO(text), stop_at_votes=False)
    for title in SECTIONS:
        if title not in tables:
            raise PabulibError(f"no {title} section: not a .pb file")
    return tables


def _split_head(text: str) -> tuple[dict[str, Table], int] | None:
    """META and PROJECTS read as ``_split_sections`` reads them, and where the text
    of the VOTES section begins (after its title line); ``None`` when there is no
    VOTES title or a line ends in a lone carriage return (the slow path then says
    what is wrong)."""
    ends: list[int] = []

    def lines() -> Iterator[str]:
        start = 0
        while start < len(text):
            end = text.find("\n", start)
            end = len(text) if end < 0 else end + 1
            ends.append(end)
            yield text[start:end]
            start = end

    try:
        tables = _sections(lines(), stop_at_votes=True)
    except PabulibError:
        return None
    if "VOTES" not in tables or "PROJECTS" not in tables:
        return None
    return tables, ends[-1]


def _sections(lines: Iterable[str], *, stop_at_votes: bool) -> dict[str, Table]:
    tables: dict[str, Table] = {}
    current: Table = []
    reader = csv.reader(lines, delimiter=";", quotechar='"', skipinitialspace=True)
    try:
        for row in reader:
            if len(row) < 2 or not row[1].strip():
                title = _title(row)
                if title == "":
                    continue
                if title:
                    current = _new_section(tables, title, reader.line_num)
                    if stop_at_votes and title == "VOTES":
                        break
                    continue
            if not tables:
                raise PabulibError(f"line {reader.line_num}: text before META")
            current.append((reader.line_num, row))
    except csv.Error as exc:
        raise PabulibError(f"line {reader.line_num}: {exc}") from exc
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
        vote = _vote(cell)
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


class _Refused(Exception):
    """A VOTES section the fast reader leaves to the row-by-row one."""


# A different vote cell read: the positions of its projects in the file, their ids
# and the points (or ``None``).
_Cell = tuple[tuple[int, ...], tuple[str, ...], tuple[Number, ...] | None]


class FileBallots(Ballots):
    """The ballots of a file's VOTES section, read fast (docs/pabulib.md#speed).

    The section is split into lines, and the vote (and points) cell of each line is
    cut out with ``str.split``; only the different cells are read into projects and
    checked, once each: Łódź 2022 has 90,494 ballots but 23,571 different ones. A
    ``Ballot`` is made from its line only when it is asked for. It takes the
    sections without quotes or blank rows whose rows all have the header's width and
    whose ballots are all valid; every other section is read by the csv module
    (``_read_votes``), so that both give the same ballots and the same errors."""

    def __init__(
        self,
        lines: list[str],
        names: list[str],
        keys: list[str],
        read: dict[str, _Cell],
        ids: tuple[str, ...],
    ) -> None:
        self._lines = lines
        self._voter_at = names.index("voter_id")
        self._others = [
            (i, name)
            for i, name in enumerate(names)
            if name not in ("voter_id", "vote", "points")
        ]
        self._keys = keys  # per line: its vote cell (";" and its points cell)
        self._read = read  # per different key: what it says
        self._ids = ids  # the project ids in file order
        self._made: tuple[Ballot, ...] | None = None

    @classmethod
    def read(
        cls, section: str, projects: list[Project], vote_type: str
    ) -> FileBallots | None:
        """The ballots of the text after the VOTES title, or ``None`` when the
        row-by-row reader has to read them."""
        try:
            return cls._read_section(section, projects, vote_type)
        except (_Refused, TallyError, KeyError):
            return None

    @classmethod
    def _read_section(
        cls, section: str, projects: list[Project], vote_type: str
    ) -> FileBallots:
        names, lines = _plain_rows(section)
        vote_at = names.index("vote")
        keys = _column(lines, vote_at)
        second = keys if vote_at == 1 else _column(lines, 1)
        if any(not cell.strip() for cell in set(second)):
            raise _Refused  # a row the csv reader would take for a title or skip
        if "points" in names:
            points = _column(lines, names.index("points"))
            keys = [f"{vote};{given}" for vote, given in zip(keys, points, strict=True)]
        ids = tuple(project.id for project in projects)
        read = _read_cells(set(keys), ids, vote_type, with_points="points" in names)
        return cls(lines, names, keys, read, ids)

    def groups(self, index: Mapping[str, int]) -> list[Group]:
        counted = Counter(self._keys)
        read = self._read
        if list(index) == list(self._ids):
            return [(read[key][0], read[key][2], n) for key, n in counted.items()]
        position = index.__getitem__  # the projects in another order
        return [
            (tuple(map(position, read[key][1])), read[key][2], n)
            for key, n in counted.items()
        ]

    def __len__(self) -> int:
        return len(self._lines)

    @overload
    def __getitem__(self, i: int) -> Ballot: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[Ballot, ...]: ...

    def __getitem__(self, i: int | slice) -> Ballot | tuple[Ballot, ...]:
        if isinstance(i, slice):
            return tuple(map(self._ballot, self._lines[i], self._keys[i]))
        return self._ballot(self._lines[i], self._keys[i])

    def __iter__(self) -> Iterator[Ballot]:
        if self._made is None:
            with no_gc():
                self._made = tuple(map(self._ballot, self._lines, self._keys))
        return iter(self._made)

    def _ballot(self, line: str, key: str) -> Ballot:
        _at, vote, points = self._read[key]
        row = line.split(";")
        voter = row[self._voter_at].strip()
        if not self._others:
            return Ballot(voter, vote, points)
        fields = {name: row[i].strip() for i, name in self._others if row[i].strip()}
        return Ballot(voter, vote, points, fields)


def _plain_rows(section: str) -> tuple[list[str], list[str]]:
    """The header's column names and the rows of a VOTES section without quotes,
    blank rows or rows of another width than the header's (else ``_Refused``)."""
    if '"' in section:
        raise _Refused  # quoted cells: the csv module's
    if "\r" in section:
        section = section.replace("\r\n", "\n")
        if "\r" in section:
            raise _Refused
    lines = section.split("\n")
    while lines and not lines[-1]:
        lines.pop()
    if not lines:
        raise _Refused
    names = [name.strip().lower() for name in lines[0].split(";")]
    width = len(names)
    if len(set(names)) != width or "voter_id" not in names or "vote" not in names:
        raise _Refused
    del lines[0]
    if lines and set(map(str.count, lines, repeat(";"))) != {width - 1}:
        raise _Refused  # rows of another width, blank lines, titles
    return names, lines


def _read_cells(
    keys: Iterable[str], ids: tuple[str, ...], vote_type: str, *, with_points: bool
) -> dict[str, _Cell]:
    """Each different vote cell (with ``;`` and its points cell) read and checked as
    ``_read_votes`` checks a row (else ``_Refused``, ``KeyError`` or ``TallyError``)."""
    position = {project_id: j for j, project_id in enumerate(ids)}.__getitem__
    most = 1 if vote_type == "choose-1" else len(ids)
    if not with_points and vote_type not in POINTS_BALLOTS:
        plain = _read_plain_cells(list(keys), position, most)
        if plain is not None:
            return plain
    read = {}
    for key in keys:
        cell, _, points_cell = key.partition(";") if with_points else (key, "", "")
        if cell and " " not in cell and ",," not in cell and cell[-1] != ",":
            vote = tuple(cell.split(","))
        else:
            vote = _vote(cell.lstrip(" "))
        at = tuple(map(position, vote))  # KeyError: an unknown project
        if len(at) > 1 and (len(set(at)) != len(at) or len(at) > most):
            raise _Refused  # a project named twice, or two chosen
        given = None
        if points_cell.strip():
            given = _points(0, "", points_cell.lstrip(" "), len(vote))
        if vote_type in POINTS_BALLOTS and given is None:
            if vote:
                raise _Refused  # no points
            given = ()
        read[key] = (at, vote, given)
    return read


def _read_plain_cells(
    cells: list[str], position: Callable[[str], int], most: int
) -> dict[str, _Cell] | None:
    """``_read_cells`` for vote cells without points, all at once when every cell is
    plain (project ids between single commas, no spaces, none empty): one split
    and one lookup over all of them instead of one per cell. ``None`` when a
    cell is not plain."""
    joined = ";".join(cells)
    if (
        not cells
        or " " in joined
        or ",," in joined
        or ";;" in joined
        or ",;" in joined
        or ";," in joined
        or joined[0] in ",;"
        or joined[-1] in ",;"
    ):
        return None
    names = joined.replace(";", ",").split(",")
    at_all = iter(list(map(position, names)))  # KeyError: an unknown project
    name_all = iter(names)
    read: dict[str, _Cell] = {}
    for cell in cells:
        n = cell.count(",") + 1
        at = tuple(islice(at_all, n))
        if n > 1 and (len(set(at)) != n or n > most):
            raise _Refused  # a project named twice, or two chosen
        read[cell] = (at, tuple(islice(name_all, n)), None)
    return read


def _column(rows: list[str], at: int) -> list[str]:
    """Cell ``at`` of every row (rows of ``;``-separated cells, no quotes)."""
    if at == 0:
        return [row.partition(";")[0] for row in rows]
    return [row.split(";", at + 1)[at] for row in rows]


def _vote(cell: str) -> tuple[str, ...]:
    """The project ids of a vote cell (spaces around them and empty ones dropped)."""
    if cell and " " not in cell and ",," not in cell and cell[-1] != ",":
        return tuple(cell.split(","))
    return tuple(p for p in (part.strip() for part in cell.split(",")) if p)


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
