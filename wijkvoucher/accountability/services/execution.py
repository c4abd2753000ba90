"""While the plan is carried out: progress updates, and changes to the budget lines
or the end date (within the regeling's margin at once, above it after approval)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accountability.constants import ChangeRoute, ChangeStatus
from wijkvoucher.accountability.links import execution_url, official_execution_url
from wijkvoucher.accountability.models import PlanChange, ProgressUpdate
from wijkvoucher.accountability.permissions import may_decide_change
from wijkvoucher.accountability.selectors import (
    lines_with_claims,
    plan_ends_on,
    plan_lines,
)
from wijkvoucher.accountability.services.guards import (
    PhotoUpload,
    clean_photos,
    lock_plan,
    photos_save,
    require_in_execution,
    require_initiator,
)
from wijkvoucher.accountability.services.transitions import accountability_transition
from wijkvoucher.accountability.workflows import PLAN_CHANGE
from wijkvoucher.core.money import format_euro
from wijkvoucher.core.pagecache import public_pages_changed
from wijkvoucher.core.services import audit_record
from wijkvoucher.decisions.selectors import decision_award_latest
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.services import initiative_plan_change_apply
from wijkvoucher.neighbourhoods.constants import AuthorityMode
from wijkvoucher.neighbourhoods.roles import LEADER_ROLES
from wijkvoucher.neighbourhoods.selectors.roles import role_holders
from wijkvoucher.notifications.services import notification_send

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User
    from wijkvoucher.decisions.models import Decision

MAX_TEXT = 4000


@transaction.atomic
def progress_update_post(
    *,
    actor: User,
    initiative: Initiative,
    text: str,
    public: bool,
    photos: list[PhotoUpload] | None = None,
) -> ProgressUpdate:
    """The initiator tells how the plan is going, with photos. Public on the plan's
    page only when ``public`` (the initiator's consent). Refusals: ``invalid_status``,
    ``text_required``, ``too_many_photos``, ``not_an_image``, ``too_big``."""
    initiative = lock_plan(initiative)
    require_initiator(actor, initiative)
    require_in_execution(initiative)
    text = text.strip()
    if not text:
        raise ValidationError(_("Write what happened."), code="text_required")
    if len(text) > MAX_TEXT:
        raise ValidationError(_("Write at most 4000 characters."), code="too_long")
    cleaned = clean_photos(photos or [])
    update = ProgressUpdate.objects.create(
        initiative=initiative, author=actor, text=text, public=public
    )
    saved = photos_save(
        actor=actor, initiative=initiative, cleaned=cleaned, update=update
    )
    public_pages_changed(neighbourhood=initiative.neighbourhood)
    audit_record(
        actor=actor,
        action="accountability.progress_update_post",
        subject=initiative,
        data={"update": str(update.uuid), "public": public, "photos": len(saved)},
    )
    return update


def _check_lines(
    lines: list[dict[str, Any]], awarded: int, before: list[tuple[str, int]]
) -> list[dict[str, Any]]:
    """The new lines, checked; none when they are the plan's lines as they stand
    (a change of the end date only: a partly awarded plan's lines may add up to
    more than its award, and that is not the change)."""
    clean: list[dict[str, Any]] = []
    total = 0
    for line in lines:
        description = str(line.get("description", "")).strip()[:200]
        amount = line.get("amount_cents")
        if not description and not amount:
            continue
        if (
            not description
            or isinstance(amount, bool)
            or not isinstance(amount, int)
            or amount < 0
        ):
            raise ValidationError(
                _("Give every budget line a description and an amount."),
                code="line_invalid",
            )
        clean.append({"description": description, "amount_cents": amount})
        total += amount
    if [(x["description"], x["amount_cents"]) for x in clean] == before:
        return []
    if clean and total > awarded:
        raise ValidationError(
            _("The budget lines add up to more than the award (%(awarded)s)."),
            code="lines_above_award",
            params={"awarded": format_euro(awarded)},
        )
    return clean


def shifted_cents(before: list[tuple[str, int]], after: list[dict[str, Any]]) -> int:
    """How much money moves between lines: half the sum of every line's change (a
    line that goes down by what another goes up moves that amount once)."""
    if not after:
        return 0
    old: dict[str, int] = {}
    for description, cents in before:
        old[description] = old.get(description, 0) + cents
    new: dict[str, int] = {}
    for line in after:
        new[line["description"]] = new.get(line["description"], 0) + int(
            line["amount_cents"]
        )
    names = set(old) | set(new)
    return sum(abs(new.get(n, 0) - old.get(n, 0)) for n in names) // 2


def _as_json(lines: list[tuple[str, int]]) -> list[dict[str, Any]]:
    return [
        {"description": description, "amount_cents": cents}
        for description, cents in lines
    ]


def _refuse_removing_claimed_lines(
    initiative: Initiative, lines: list[dict[str, Any]]
) -> None:
    """A line a reimbursement names stays in the plan (with some money on it)."""
    kept = {line["description"] for line in lines if line["amount_cents"] > 0}
    for description in lines_with_claims(initiative=initiative):
        if description not in kept:
            raise ValidationError(
                _(
                    "The line “%(line)s” has a reimbursement; it cannot be "
                    "removed from the plan."
                ),
                code="line_in_use",
                params={"line": description},
            )


def _approval_route(
    initiative: Initiative,
    award: Decision | None,
    shifted: int,
    ends_on: dt.date | None,
) -> str:
    """Who must approve the change: nobody ("") within the regeling's margin and
    the beschikking's deadline; otherwise the contact official, or under MANDAAT
    the regiegroep."""
    awarded = int(award.amount_cents) if award else 0
    version = initiative.regulation_version
    percent = version.change_approval_percent if version is not None else 10
    deadline = award.execution_deadline if award else None
    needs_approval = shifted * 100 > awarded * percent or (
        ends_on is not None and (deadline is None or ends_on > deadline)
    )
    if not needs_approval:
        return ""
    mandate = award is not None and award.authority_mode == AuthorityMode.MANDATE
    return ChangeRoute.REGIEGROEP if mandate else ChangeRoute.OFFICIAL


def _deciders(initiative: Initiative, route: str) -> list[User]:
    if route == ChangeRoute.REGIEGROEP:
        return list(
            role_holders(neighbourhood=initiative.neighbourhood, roles=LEADER_ROLES)
        )
    return [initiative.contact_official] if initiative.contact_official else []


@transaction.atomic
def plan_change_request(
    *,
    actor: User,
    initiative: Initiative,
    lines: list[dict[str, Any]],
    ends_on: dt.date | None,
    explanation: str,
) -> PlanChange:
    """The initiator changes the budget lines (their new amounts, within the
    award) and/or the end date. Within the regeling's margin (the share of the award
    moved between lines, ``change_approval_percent``) and the beschikking's
    deadline it applies at once; otherwise it waits for the contact official, or
    under MANDAAT for the regiegroep's chair or secretary. Applied at once, the
    plan's budget lines and end date are rewritten now; otherwise when approved
    (``plan_change_decide``). The lines may move money between lines, add or drop
    a line, but never add up to more than the award: the award, its reservation and
    the vouchers stay as they are. Refusals: ``invalid_status``,
    ``explanation_required``, ``nothing_changed``, ``line_invalid``,
    ``lines_above_award``, ``change_pending``, ``ends_before_start``,
    ``line_in_use`` (a reimbursement names a line the change drops)."""
    initiative = lock_plan(initiative)
    require_initiator(actor, initiative)
    require_in_execution(initiative)
    explanation = explanation.strip()
    if not explanation:
        raise ValidationError(
            _("Explain why the plan changes."), code="explanation_required"
        )
    if PlanChange.objects.filter(
        initiative=initiative, status=ChangeStatus.PENDING
    ).exists():
        raise ValidationError(
            _("A change is already waiting for approval."), code="change_pending"
        )
    award = decision_award_latest(initiative=initiative)
    awarded = int(award.amount_cents) if award else 0
    before = plan_lines(initiative=initiative)
    clean = _check_lines(lines, awarded, before)
    current_end = plan_ends_on(initiative=initiative)
    if ends_on == current_end:
        ends_on = None
    if ends_on is not None and initiative.starts_on and ends_on < initiative.starts_on:
        raise ValidationError(
            _("The end date is before the start of the plan."),
            code="ends_before_start",
        )
    shifted = shifted_cents(before, clean)
    if not shifted and ends_on is None:
        raise ValidationError(
            _("Change a budget line or the end date."), code="nothing_changed"
        )
    route = _approval_route(initiative, award, shifted, ends_on)
    needs_approval = bool(route)
    if clean:
        _refuse_removing_claimed_lines(initiative, clean)
    change = PlanChange(
        initiative=initiative,
        requested_by=actor,
        lines=clean,
        lines_before=_as_json(before) if clean else [],
        ends_on=ends_on,
        ends_on_before=initiative.ends_on if ends_on is not None else None,
        explanation=explanation,
        shifted_cents=shifted,
        route=route,
        status=ChangeStatus.PENDING if needs_approval else ChangeStatus.ACCEPTED,
    )
    if not needs_approval:
        # Within the margin: the plan itself changes now.
        after = initiative_plan_change_apply(
            actor=actor,
            initiative=initiative,
            lines=clean,
            ends_on=ends_on,
            change=str(change.uuid),
        )
        if clean:
            change.lines = after
    change.save()
    audit_record(
        actor=actor,
        action="accountability.plan_change_request",
        subject=initiative,
        data={
            "change": str(change.uuid),
            "shifted_cents": shifted,
            "ends_on": ends_on.isoformat() if ends_on else None,
            "route": route,
        },
    )
    if needs_approval:
        notification_send(
            recipients=_deciders(initiative, route),
            kind="accountability.change_requested",
            subject=_("A change to the plan %(title)s waits for approval"),
            body=_(
                "The initiator of %(title)s asks to change the plan while it is "
                "carried out. Look at the change with the conditions of the "
                "beschikking, and approve it or not."
            ),
            params={"title": initiative.title},
            url=official_execution_url(initiative),
        )
    return change


@transaction.atomic
def plan_change_decide(
    *, actor: User, change: PlanChange, approve: bool, note: str
) -> PlanChange:
    """Approve a change or not, with an explanation (required when not approved).
    The contact official or a wijk official decides; under MANDAAT the chair or
    secretary of the regiegroep. Approved, the plan's budget lines and end date are
    rewritten (``initiative_plan_change_apply``). Refusals: ``invalid_status``,
    ``note_required``, ``line_in_use``."""
    initiative = lock_plan(change.initiative)
    if not may_decide_change(user=actor, change=change):
        raise PermissionDenied
    note = note.strip()
    if not approve and not note:
        raise ValidationError(
            _("Explain why the change is not approved."), code="note_required"
        )
    fields: dict[str, Any] = {
        "decided_by": actor,
        "decided_at": timezone.now(),
        "decision_note": note,
    }
    if approve and change.status == ChangeStatus.PENDING:
        # Approved: the plan itself changes now; the change keeps old and new.
        after = initiative_plan_change_apply(
            actor=actor,
            initiative=initiative,
            lines=change.lines,
            ends_on=change.ends_on,
            change=str(change.uuid),
        )
        if change.lines:
            fields["lines"] = after
    accountability_transition(
        actor=actor,
        machine=PLAN_CHANGE,
        row=change,
        to=ChangeStatus.APPROVED if approve else ChangeStatus.REJECTED,
        action="accountability.plan_change_decide",
        fields=fields,
        audit_subject=initiative,
        audit_data={"change": str(change.uuid), "approved": approve},
    )
    notification_send(
        recipients=[initiative.initiator],
        kind="accountability.change_decided",
        subject=(
            _("Your change to %(title)s is approved")
            if approve
            else _("Your change to %(title)s is not approved")
        ),
        body=(
            _("The change you asked for in your plan %(title)s is approved.")
            if approve
            else _(
                "The change you asked for in your plan %(title)s is not approved. "
                "Reason: %(note)s"
            )
        ),
        params={"title": initiative.title, "note": note},
        url=execution_url(initiative),
    )
    return change
