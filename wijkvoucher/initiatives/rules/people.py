"""Rules about the people behind a plan: supporters, own contribution, residency, age, consent and a legal entity's co-signature."""

from __future__ import annotations

from django.utils.translation import gettext as _

from wijkvoucher.core.money import format_euro
from wijkvoucher.initiatives.rules.facts import (
    CONTRIBUTION_IN_KIND,
    FAIL,
    NOT_APPLICABLE,
    PASS,
    WARNING,
    ContributionFacts,
    PlanFacts,
    RuleParameters,
    Verdict,
)
from wijkvoucher.initiatives.rules.helpers import (
    _missing_costs,
    _total,
)


def _supporters(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    if not rules.support_evidence_required:
        return Verdict(
            NOT_APPLICABLE,
            _("This regeling does not ask you to show support from neighbours."),
        )
    count = plan.supporters_for + plan.supporters_on_lists
    params = {
        "count": count,
        "needed": rules.min_supporters,
        "against": plan.supporters_against,
        "neutral": plan.supporters_neutral,
        "online": plan.supporters_for,
        "lists": plan.supporters_on_lists,
    }
    parts = [
        _(
            "Households from the wijk in favour of your plan: %(count)s. You need at "
            "least %(needed)s."
        )
        % params
    ]
    if plan.supporters_on_lists:
        parts.append(
            _(
                "Of these, %(online)s signed online and %(lists)s are on signed lists "
                "you uploaded. Your contact person checks the lists."
            )
            % params
        )
    enough = count >= rules.min_supporters
    if enough:
        parts.append(_("That is enough."))
    else:
        parts.append(
            _(
                "Ask more neighbours to support your plan. The regiegroep weighs how "
                "much support there is."
            )
        )
    if rules.record_opponents:
        parts.append(
            _(
                "Households against: %(against)s. Households with no opinion: %(neutral)s."
            )
            % params
        )
    return Verdict(PASS if enough else WARNING, " ".join(parts))


def _counts_as_contribution(contribution: ContributionFacts) -> bool:
    hours = contribution.hours
    has_hours = hours is not None and hours.is_finite() and hours > 0
    in_kind = contribution.kind == CONTRIBUTION_IN_KIND
    return (contribution.amount_cents or 0) > 0 or has_hours or in_kind


def _own_contribution(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    if not rules.own_contribution_required:
        return Verdict(
            NOT_APPLICABLE, _("This regeling does not ask for your own contribution.")
        )
    if not any(_counts_as_contribution(c) for c in plan.own_contributions):
        return Verdict(
            FAIL,
            _(
                "You do not contribute anything yourself yet. Add what you put in: "
                "money, time (hours) or materials."
            ),
        )
    percent = rules.own_contribution_min_percent
    if not percent:
        return Verdict(PASS, _("You contribute something yourself. That is enough."))
    if not plan.budget_lines:
        return _missing_costs()
    own = sum(max(0, c.amount_cents or 0) for c in plan.own_contributions)
    needed = -(-_total(plan) * percent // 100)
    params = {
        "own": format_euro(own),
        "percent": percent,
        "needed": format_euro(needed),
        "short": format_euro(needed - own),
    }
    if own >= needed:
        return Verdict(
            PASS,
            _(
                "Your own contribution is worth %(own)s. That is at least %(percent)s%% "
                "of your plan (%(needed)s)."
            )
            % params,
        )
    return Verdict(
        FAIL,
        _(
            "Your own contribution is worth %(own)s. You need at least %(percent)s%% "
            "of your plan: %(needed)s. Add %(short)s in money, or fill in what your "
            "time or materials are worth."
        )
        % params,
    )


def _residency(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    if not rules.residency_required:
        return Verdict(
            NOT_APPLICABLE, _("In this regeling you do not have to live in the wijk.")
        )
    if plan.lives_in_wijk:
        return Verdict(PASS, _("You live in the wijk."))
    message = _(
        "Only people who live in the wijk can ask for a voucher. We could not confirm "
        "that you live here. Check your address, or ask someone from the wijk to apply."
    )
    if rules.area_entrepreneurs_allowed:
        message += " " + _(
            "A business or organisation that is part of the wijk may also apply."
        )
    return Verdict(FAIL, message)


def _min_age(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    age = plan.applicant_age
    if age is None:
        return Verdict(
            NOT_APPLICABLE, _("Fill in your age. Then we can check if you may apply.")
        )
    if age >= rules.min_age_applicant:
        return Verdict(PASS, _("You are old enough to apply."))
    return Verdict(
        FAIL,
        _(
            "You must be at least %(age)s years old to apply. Ask someone of %(age)s "
            "or older to apply for your plan."
        )
        % {"age": rules.min_age_applicant},
    )


def _parental_consent(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    age = plan.applicant_age
    below = {"age": rules.parental_consent_below}
    if age is None:
        return Verdict(
            NOT_APPLICABLE,
            _("Fill in your age. Then we can check if a parent must agree."),
        )
    if age >= rules.parental_consent_below:
        return Verdict(
            NOT_APPLICABLE,
            _("You are %(age)s or older, so a parent does not have to agree.") % below,
        )
    if plan.parental_consent:
        return Verdict(PASS, _("A parent agrees with your plan."))
    return Verdict(
        FAIL,
        _(
            "You are younger than %(age)s, so a parent or guardian must agree with "
            "your plan. Ask them to give their consent."
        )
        % below,
    )


def _legal_entity_cosign(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    threshold = rules.legal_entity_cosign_above_cents
    if threshold is None:
        return Verdict(
            NOT_APPLICABLE,
            _("In this regeling no organisation has to sign your application."),
        )
    if not plan.budget_lines:
        return _missing_costs()
    total = _total(plan)
    params = {"total": format_euro(total), "threshold": format_euro(threshold)}
    if total <= threshold:
        return Verdict(
            NOT_APPLICABLE,
            _(
                "Your plan costs %(total)s. An organisation only has to sign with you "
                "above %(threshold)s."
            )
            % params,
        )
    if plan.legal_entity_cosigned:
        return Verdict(PASS, _("An organisation signed your application with you."))
    return Verdict(
        FAIL,
        _(
            "Your plan costs %(total)s. Above %(threshold)s an organisation, such as a "
            "volunteer centre, must sign your application with you. Ask an "
            "organisation to sign."
        )
        % params,
    )
