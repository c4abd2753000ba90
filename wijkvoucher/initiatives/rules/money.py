"""Rules about money: the amounts, what a cost may be, food and drink, parties and hourly fees."""

from __future__ import annotations

from fractions import Fraction

from django.utils.translation import gettext as _

from wijkvoucher.core.money import format_euro
from wijkvoucher.initiatives.rules.facts import (
    FAIL,
    NOT_APPLICABLE,
    PASS,
    WARNING,
    LineFacts,
    PlanFacts,
    RuleParameters,
    Verdict,
)
from wijkvoucher.initiatives.rules.helpers import (
    _counted,
    _counted_note,
    _joined,
    _line_name,
    _maybe_over_cap,
    _missing_costs,
    _names,
    _share_cap,
    _total,
    _valid_hours,
)
from wijkvoucher.neighbourhoods.constants import (
    CostCategory,
)


def _max_per_year(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    if not plan.budget_lines:
        return _missing_costs()
    total = _total(plan)
    already = plan.amount_awarded_this_year_cents
    maximum = rules.max_amount_per_initiative_per_year_cents
    params = {
        "total": format_euro(total),
        "already": format_euro(already),
        "max": format_euro(maximum),
        "over": format_euro(total + already - maximum),
    }
    if total + already <= maximum:
        if already:
            return Verdict(
                PASS,
                _(
                    "Your plan costs %(total)s. Together with the %(already)s you "
                    "already got this year, that fits within the %(max)s you can get "
                    "per year."
                )
                % params,
            )
        return Verdict(
            PASS,
            _(
                "Your plan costs %(total)s. That fits within the %(max)s you can get per year."
            )
            % params,
        )
    if already:
        return Verdict(
            FAIL,
            _(
                "Your plan costs %(total)s. This year you already got %(already)s. "
                "Together that is more than the %(max)s you can get per year. Make the "
                "plan %(over)s cheaper, or find other money for that part."
            )
            % params,
        )
    return Verdict(
        FAIL,
        _(
            "Your plan costs %(total)s. That is more than the %(max)s you can get per "
            "year. Make the plan %(over)s cheaper, or find other money for that part."
        )
        % params,
    )


def _min_amount(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    minimum = rules.min_amount_cents
    if not minimum:
        return Verdict(NOT_APPLICABLE, _("This regeling has no minimum amount."))
    if not plan.budget_lines:
        return _missing_costs()
    total = _total(plan)
    params = {"total": format_euro(total), "min": format_euro(minimum)}
    if total >= minimum:
        return Verdict(
            PASS,
            _("Your plan costs %(total)s. That is at least the minimum of %(min)s.")
            % params,
        )
    return Verdict(
        FAIL,
        _(
            "Your plan costs %(total)s. The smallest amount you can ask for is "
            "%(min)s. Add what your plan still needs, or ask your contact person at "
            "the municipality about other support."
        )
        % params,
    )


def _vouchers(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    per_voucher = rules.max_amount_per_voucher_cents
    if per_voucher <= 0:
        return Verdict(
            NOT_APPLICABLE, _("This regeling has no maximum amount per voucher.")
        )
    if not plan.budget_lines:
        return _missing_costs()
    total = _total(plan)
    count = max(1, -(-total // per_voucher))
    limit = rules.max_vouchers_per_initiative
    params = {
        "total": format_euro(total),
        "per": format_euro(per_voucher),
        "count": count,
        "limit": limit,
        "most": format_euro(per_voucher * (limit or 0)),
        "over": format_euro(total - per_voucher * (limit or 0)),
    }
    if limit is not None and count > limit:
        return Verdict(
            FAIL,
            _(
                "Your plan costs %(total)s. A voucher is worth at most %(per)s, and "
                "you can get at most %(limit)s vouchers: %(most)s in all. Make the "
                "plan %(over)s cheaper, or find other money for that part."
            )
            % params,
        )
    if count == 1:
        return Verdict(
            PASS, _("Your plan fits in 1 voucher of at most %(per)s.") % params
        )
    return Verdict(
        PASS,
        _(
            "Your plan costs %(total)s. A voucher is worth at most %(per)s, so you "
            "get %(count)s vouchers. That is fine."
        )
        % params,
    )


def _party_cap(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    if not plan.budget_lines:
        return _missing_costs()
    percent = rules.party_cap_percent
    booked, named, maybe = _counted(plan, rules, CostCategory.PARTY.value)
    counted = [*booked, *(f.line for f in named if f.line is not None)]
    within, part, most = _share_cap(plan=plan, lines=counted, percent=percent)
    params = {"part": format_euro(part), "percent": percent, "max": format_euro(most)}
    if within:
        maybe_text = _maybe_over_cap(plan, counted, maybe, percent)
        return Verdict(
            WARNING if maybe_text else PASS,
            _joined(
                _(
                    "A party or barbecue costs %(part)s. That is within the maximum "
                    "of %(percent)s%% of your plan."
                )
                % params,
                _counted_note(named),
                maybe_text,
            ),
        )
    return Verdict(
        FAIL,
        _joined(
            _(
                "A party or barbecue costs %(part)s. That is more than %(percent)s%% "
                "of your plan. Spend at most %(max)s on the party or barbecue."
            )
            % params,
            _counted_note(named),
        ),
    )


def _rate_cents(line: LineFacts, hours: Fraction) -> int:
    return round(Fraction(line.amount_cents) / hours)


def _hourly_fee_cap(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    if not plan.budget_lines:
        return _missing_costs()
    booked, named, _maybe = _counted(plan, rules, CostCategory.FEES.value)
    fees = [*booked, *(f.line for f in named if f.line is not None)]
    if not fees:
        return Verdict(PASS, _("Your plan does not pay anyone for their work."))
    cap = rules.hourly_fee_cap_cents
    note = _counted_note(named)
    with_hours = [(line, _valid_hours(line.hours)) for line in fees]
    too_high = [
        _("%(line)s: %(rate)s per hour")
        % {"line": _line_name(line), "rate": format_euro(_rate_cents(line, hours))}
        for line, hours in with_hours
        if hours is not None and line.amount_cents > cap * hours
    ]
    params = {"cap": format_euro(cap), "lines": ", ".join(too_high)}
    if too_high:
        return Verdict(
            FAIL,
            _joined(
                _(
                    "Someone who works for your plan gets at most %(cap)s per hour. "
                    "Too high now: %(lines)s. Lower the amount, or check the number "
                    "of hours."
                )
                % params,
                note,
            ),
        )
    missing = [line for line, hours in with_hours if hours is None]
    if missing:
        params["lines"] = _names(missing)
        return Verdict(
            NOT_APPLICABLE,
            _joined(
                _(
                    "Fill in the number of hours for: %(lines)s. Then we can check "
                    "that nobody gets more than %(cap)s per hour."
                )
                % params,
                note,
            ),
        )
    return Verdict(
        PASS,
        _joined(
            _("Everyone who works for your plan gets at most %(cap)s per hour.")
            % params,
            note,
        ),
    )
