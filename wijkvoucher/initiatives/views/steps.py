"""What the wizard's pages and the plan page share: the steps, the rule panel and the
to-do list beside the form, and the page to go to after a save."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkvoucher.core.forms import error_text
from wijkvoucher.initiatives.checks import plan_checks
from wijkvoucher.initiatives.constants import Goal, InitiativeStatus
from wijkvoucher.initiatives.models import (
    Initiative,
)
from wijkvoucher.initiatives.requirements import (
    MONEY_STEP,
    PLAN_STEP,
    SEND_STEP,
    requirements_missing,
    version_for_sending,
)
from wijkvoucher.initiatives.rules import NOT_APPLICABLE, PASS, REVIEW, RuleCheck
from wijkvoucher.initiatives.selectors.participation import (
    attachments_of,
    support_link,
    support_summary,
)
from wijkvoucher.neighbourhoods.models import RegulationVersion

S = InitiativeStatus


TEMPLATES = "initiatives/resident"


# The steps of the wizard: number → title. Step 3 checks the plan and sends it. The
# way from the home page to a sent plan stays short on a phone (issue #9: at most
# eight page loads, see tests/browser/test_resident_path.py).
STEP_TITLES = {
    PLAN_STEP: gettext_lazy("Your plan"),
    MONEY_STEP: gettext_lazy("Costs and own contribution"),
    SEND_STEP: gettext_lazy("Check and send"),
}


# Where the resident changes what a rule looks at (None: not in the wizard).
RULE_STEP = {
    "max_per_year": MONEY_STEP,
    "min_amount": MONEY_STEP,
    "max_per_voucher": MONEY_STEP,
    "excluded_categories": MONEY_STEP,
    "alcohol": MONEY_STEP,
    "food_drink": MONEY_STEP,
    "food_drink_cap": MONEY_STEP,
    "party_cap": MONEY_STEP,
    "hourly_fee_cap": MONEY_STEP,
    "lead_time": PLAN_STEP,
    "public_space": PLAN_STEP,
    "execution_window": PLAN_STEP,
    "own_contribution": MONEY_STEP,
    "min_age": SEND_STEP,
    "parental_consent": SEND_STEP,
}


# Each page of the wizard has one form with this id. After a save or a refusal the
# message or the error summary at the top of that form takes the focus when the page
# loads (autofocus, no JavaScript needed), so it is in view (issue #9, point 2).
FORM_ANCHOR = "plan-form"


@dataclass(frozen=True)
class PanelItem:
    check: RuleCheck
    step: int | None


@dataclass(frozen=True)
class RulePanel:
    """The rule check sorted for reading: what blocks first, then warnings, then what
    cannot be checked yet and what is fine; last the rules the regiegroep checks."""

    blockers: list[PanelItem]
    warnings: list[PanelItem]
    open: list[PanelItem]
    passes: list[PanelItem]
    unavailable: str = ""
    reviewed: list[PanelItem] = field(default_factory=list)


def _rule_panel(initiative: Initiative) -> RulePanel:
    try:
        checks = plan_checks(initiative=initiative)
    except ValidationError as exc:
        return RulePanel([], [], [], [], unavailable=error_text(exc))
    items = [PanelItem(c, RULE_STEP.get(c.code)) for c in checks]
    return RulePanel(
        blockers=[i for i in items if i.check.blocks_submission],
        warnings=[
            i
            for i in items
            if i.check.outcome not in (PASS, NOT_APPLICABLE, REVIEW)
            and not i.check.blocks_submission
        ],
        open=[i for i in items if i.check.outcome == NOT_APPLICABLE],
        passes=[i for i in items if i.check.outcome == PASS],
        reviewed=[i for i in items if i.check.outcome == REVIEW],
    )


@dataclass(frozen=True)
class TodoItem:
    """One thing to do before the plan can be sent: ``text`` says what, ``step``
    where (None: outside the wizard) and ``field`` which input to jump to."""

    text: str
    step: int | None
    field: str = ""


@dataclass(frozen=True)
class Readiness:
    """The one list of what stands between a draft and sending it (issue #9,
    point 3): missing answers (requirements.py) and hard rule breaches. The panel,
    the banner on every step and the send page show this same list."""

    panel: RulePanel
    todo: list[TodoItem]

    @property
    def can_send(self) -> bool:
        return not self.todo


def _readiness(initiative: Initiative, version: RegulationVersion | None) -> Readiness:
    panel = _rule_panel(initiative)
    todo = [
        TodoItem(
            _("Fill in %(what)s.") % {"what": requirement.label},
            requirement.step,
            requirement.field,
        )
        for requirement in requirements_missing(initiative=initiative, version=version)
    ]
    todo.extend(
        TodoItem(f"{item.check.title}: {item.check.message}", item.step)
        for item in panel.blockers
    )
    if panel.unavailable:
        todo.append(TodoItem(panel.unavailable, None))
    return Readiness(panel=panel, todo=todo)


def _plan_context(initiative: Initiative) -> dict[str, Any]:
    lines = list(initiative.budget_lines.order_by("created_at", "pk"))
    contributions = list(initiative.own_contributions.order_by("created_at", "pk"))
    return {
        "initiative": initiative,
        "lines": lines,
        "lines_total": sum(line.amount_cents for line in lines),
        "contributions": contributions,
        "attachments": attachments_of(initiative=initiative),
        "goal_labels": [Goal(g).label for g in initiative.goals if g in Goal.values],
        "steps": STEP_TITLES,
        "last_step": SEND_STEP,
        "form_anchor": FORM_ANCHOR,
    }


def _wizard_context(initiative: Initiative, step: int) -> dict[str, Any]:
    """What every page of the wizard shows beside its form: the steps, the to-do
    list and the rule check, and the link that neighbours use to support the plan."""
    version = version_for_sending(initiative=initiative)
    readiness = _readiness(initiative, version)
    context = _plan_context(initiative)
    context.update(
        {
            "step": step,
            "step_title": STEP_TITLES[step],
            "panel": readiness.panel,
            "todo": readiness.todo,
            "can_submit": readiness.can_send,
            "support": support_summary(initiative=initiative),
            "support_url": support_link(initiative),
            "support_needed": version.min_supporters
            if version is not None and version.support_evidence_required
            else 0,
            "decision_term_weeks": version.decision_term_weeks if version else 0,
        }
    )
    return context


def _here(initiative: Initiative, step: int) -> str:
    """The page of ``step`` after a save. Its message sits at the form and takes
    the focus when the page loads (autofocus), which also scrolls it into view. No
    fragment: a page opened at a fragment skips autofocus."""
    if step == SEND_STEP:
        return reverse("initiatives:plan_submit", args=[initiative.uuid])
    return reverse("initiatives:plan_step", args=[initiative.uuid, step])


def _next_page(initiative: Initiative, step: int) -> str:
    """The next step, from its top."""
    return _here(initiative, min(step + 1, SEND_STEP))


def _not_a_draft(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    messages.info(
        request,
        _("This plan has been sent in, so you can no longer change it."),
    )
    return redirect("initiatives:plan_detail", initiative_uuid=initiative.uuid)
