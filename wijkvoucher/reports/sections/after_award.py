"""The sections about what happens after the award (issue #13): accountability and
settlement, the ACTIE-instrument and the participation ladder. Each reads the
figures of its own app's selectors (docs/accountability.md, docs/actie.md,
docs/participation.md); nothing here counts rows by itself."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from wijkvoucher.accountability.selectors import (
    AccountabilityFigures,
    accountability_figures,
)
from wijkvoucher.actie.constants import Letter
from wijkvoucher.actie.selectors import actie_averages, support_needs_frequency
from wijkvoucher.participation.selectors import ladder_movement
from wijkvoucher.reports.sections.base import (
    Bar,
    Chart,
    Column,
    Kind,
    ReportScope,
    Section,
    Value,
    per_wijk,
)


def _accountability_row(name: str, f: AccountabilityFigures) -> tuple[Value, ...]:
    return (
        name,
        f.settled,
        f.established_cents,
        f.returned_cents,
        f.reports,
        f.reports_on_time,
        f.sampled,
        f.sample_findings,
        f.recoveries,
        f.recovered_claimed_cents,
        f.recovered_received_cents,
        f.recovered_waived_cents,
    )


def _sum(figures: list[AccountabilityFigures]) -> AccountabilityFigures:
    return AccountabilityFigures(
        *(
            sum(getattr(f, name) for f in figures)
            for name in AccountabilityFigures.__dataclass_fields__
        )
    )


def build_accountability(scope: ReportScope) -> Section:
    figures = [
        accountability_figures(
            start=scope.starts_on, end=scope.ends_on, neighbourhood=w
        )
        for w in scope.wijken
    ]
    return per_wijk(
        key="accountability",
        title=_("Accountability and settlement"),
        intro=_(
            "Plans settled in this period with their final amount and the money that "
            "went back to the wijk budget; accountability forms received and how many "
            "on time; plans checked in the random sample and what the check found; "
            "money reclaimed, received back and waived (kwijtgescholden: not "
            "received, so not counted as received back)."
        ),
        columns=(
            Column("settled", _("Settled"), Kind.COUNT),
            Column("established", _("Final amount"), Kind.CENTS),
            Column("returned", _("Back to the wijk budget"), Kind.CENTS),
            Column("reports", _("Accountability forms"), Kind.COUNT),
            Column("reports_on_time", _("Of which on time"), Kind.COUNT),
            Column("sampled", _("Checked in the sample"), Kind.COUNT),
            Column("sample_findings", _("Sample findings"), Kind.COUNT),
            Column("recoveries", _("Reclaimed (terugvordering)"), Kind.COUNT),
            Column("recovered_claimed", _("Amount reclaimed"), Kind.CENTS),
            Column("recovered_received", _("Amount received back"), Kind.CENTS),
            Column("recovered_waived", _("Amount waived"), Kind.CENTS),
        ),
        rows=[
            _accountability_row(w.name, f)
            for w, f in zip(scope.wijken, figures, strict=True)
        ],
        total=lambda: _accountability_row(_("Total"), _sum(figures)),
        chart=Chart(
            title=_("Money back to the wijk budget at settlement"),
            bars=tuple(
                Bar(w.name, f.returned_cents)
                for w, f in zip(scope.wijken, figures, strict=True)
            ),
            kind=Kind.CENTS,
        ),
    )


def _score(value: Decimal | None) -> Value:
    return number_format(value, 1) if value is not None else None


def build_actie(scope: ReportScope) -> Section:
    found = {
        averages.neighbourhood.pk: averages
        for averages in actie_averages(
            municipality=scope.municipality, start=scope.starts_on, end=scope.ends_on
        )
    }
    letters = list(Letter)
    rows: list[tuple[Value, ...]] = []
    for w in scope.wijken:
        averages = found.get(w.pk)
        rows.append(
            (
                w.name,
                averages.assessments if averages else 0,
                *(
                    _score(averages.letters.get(letter)) if averages else None
                    for letter in letters
                ),
            )
        )
    return Section(
        key="actie",
        title=_("ACTIE-instrument: average scores"),
        intro=_(
            "Per wijk the number of plans with an ACTIE form filled in by a "
            "professional in this period, and per letter the average score (1 to 4) "
            "of each plan's latest form."
        ),
        columns=(
            Column("wijk", _("Wijk"), Kind.TEXT),
            Column("forms", _("Plans with a form"), Kind.COUNT),
            *(
                Column(f"letter_{letter.value}", str(letter.label), Kind.TEXT)
                for letter in letters
            ),
        ),
        rows=tuple(rows),
        chart=Chart(
            title=_("Plans with an ACTIE form per wijk"),
            bars=tuple(
                Bar(w.name, found[w.pk].assessments if w.pk in found else 0)
                for w in scope.wijken
            ),
        ),
    )


def build_support_needs(scope: ReportScope) -> Section:
    # One wijk: that wijk's plans; several: the municipality's.
    only = scope.wijken[0] if len(scope.wijken) == 1 else None
    needs = support_needs_frequency(
        municipality=scope.municipality,
        start=scope.starts_on,
        end=scope.ends_on,
        wijk=only,
    )
    rows = tuple(
        (str(need.item.letter.label), str(need.item.text), need.count) for need in needs
    )
    return Section(
        key="support_needs",
        title=_("Most frequent support needs"),
        intro=_(
            "The ACTIE items that the latest plan forms of this period score 1 or 2 "
            "(weak): where initiatives most often need support."
        ),
        columns=(
            Column("letter", _("Letter"), Kind.TEXT),
            Column("item", _("Item"), Kind.TEXT),
            Column("plans", _("Plans"), Kind.COUNT),
        ),
        rows=rows,
        chart=Chart(
            title=_("Plans per weak item"),
            bars=tuple(Bar(str(need.item.text), need.count) for need in needs[:8]),
        ),
    )


def build_ladder(scope: ReportScope) -> Section:
    movements = [
        (
            w.name,
            ladder_movement(
                municipality=scope.municipality,
                start=scope.starts_on,
                end=scope.last_day,
                wijk=w,
            ),
        )
        for w in scope.wijken
    ]
    steps = list(movements[0][1].on_end.cells) if movements else []
    moves = list(movements[0][1].movement.cells) if movements else []
    rows = tuple(
        (
            name,
            *(movement.on_end.count(cell.key) for cell in steps),
            *(movement.movement.count(cell.key) for cell in moves),
        )
        for name, movement in movements
    )
    return Section(
        key="ladder",
        title=_("Participation ladder"),
        intro=_(
            "Per wijk how many residents stand on each step of the engagement ladder "
            "at the end of the period (derived from what they did on the site), and "
            "how many moved up, stayed or moved down since its start. A number below "
            "10 is not shown, so that nobody can be recognised."
        ),
        columns=(
            Column("wijk", _("Wijk"), Kind.TEXT),
            *(Column(f"step_{cell.key}", cell.label, Kind.COUNT) for cell in steps),
            *(Column(f"moved_{cell.key}", cell.label, Kind.COUNT) for cell in moves),
        ),
        rows=rows,
        note=_("– : fewer than 10 people, not shown."),
    )
