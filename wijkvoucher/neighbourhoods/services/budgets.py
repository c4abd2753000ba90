"""Budget periods and their ceiling (subsidieplafond, Awb 4:25). The ceiling enters the
ledger when the period is published; after that, every change to it is a posting."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.money import format_euro
from wijkvoucher.core.pagecache import public_pages_changed
from wijkvoucher.core.services import audit_record
from wijkvoucher.ledger.constants import AccountKind, TransactionKind
from wijkvoucher.ledger.models import Account
from wijkvoucher.ledger.selectors import account_balance_cents
from wijkvoucher.ledger.services import (
    InsufficientBalance,
    ledger_account_open,
    ledger_transaction_post,
)
from wijkvoucher.neighbourhoods.models import BudgetPeriod, Municipality, Neighbourhood
from wijkvoucher.neighbourhoods.services.neighbourhoods import set_changed_fields

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def funding_account_code(municipality: Municipality) -> str:
    return f"funding:{municipality.slug}"


def budget_account_code(budget_period: BudgetPeriod) -> str:
    slug = budget_period.neighbourhood.slug
    return f"budget:{slug}:{budget_period.starts_on.isoformat()}"


def _check_ceiling(ceiling_cents: int) -> None:
    if (
        not isinstance(ceiling_cents, int)
        or isinstance(ceiling_cents, bool)
        or ceiling_cents <= 0
    ):
        raise ValidationError(
            _("The ceiling must be a positive amount in whole cents."),
            code="invalid_ceiling",
        )


def _check_name(name: str) -> None:
    if not name.strip():
        raise ValidationError(
            _("%(field)s needs a value."), code="required", params={"field": _("name")}
        )


def _check_dates(
    neighbourhood: Neighbourhood,
    starts_on: dt.date,
    ends_on: dt.date,
    *,
    other_than: BudgetPeriod | None = None,
) -> None:
    if ends_on <= starts_on:
        raise ValidationError(
            _("A budget period must end after it starts."), code="period_order"
        )
    until = neighbourhood.designated_until
    if starts_on < neighbourhood.designated_from or (
        until is not None and ends_on > until
    ):
        raise ValidationError(
            _("The budget period falls outside the time the wijk is designated."),
            code="outside_designation",
        )
    others = BudgetPeriod.objects.filter(
        neighbourhood=neighbourhood, starts_on__lte=ends_on, ends_on__gte=starts_on
    )
    if other_than is not None:
        others = others.exclude(pk=other_than.pk)
    clash = others.order_by("starts_on").first()
    if clash is not None:
        raise ValidationError(
            _(
                "This period overlaps with budget period %(other)s (%(start)s to %(end)s)."
            ),
            code="period_overlap",
            params={
                "other": clash.name,
                "start": date_format(clash.starts_on),
                "end": date_format(clash.ends_on),
            },
        )


@transaction.atomic
def budget_period_create(
    *,
    actor: User,
    neighbourhood: Neighbourhood,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    ceiling_cents: int,
    publication_date: dt.date,
    carry_over_allowed: bool = False,
) -> BudgetPeriod:
    """A budget period, not yet published: no money moves until it is."""
    neighbourhood = Neighbourhood.objects.select_for_update().get(pk=neighbourhood.pk)
    _check_name(name)
    _check_ceiling(ceiling_cents)
    _check_dates(neighbourhood, starts_on, ends_on)
    budget_period = BudgetPeriod.objects.create(
        neighbourhood=neighbourhood,
        name=name.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        ceiling_cents=ceiling_cents,
        publication_date=publication_date,
        carry_over_allowed=carry_over_allowed,
    )
    public_pages_changed()
    audit_record(
        actor=actor,
        action="neighbourhoods.budget_period_create",
        subject=budget_period,
        data={
            "neighbourhood": neighbourhood.slug,
            "name": budget_period.name,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "ceiling_cents": ceiling_cents,
            "publication_date": publication_date,
            "carry_over_allowed": carry_over_allowed,
        },
    )
    return budget_period


@transaction.atomic
def budget_period_update(
    *,
    actor: User,
    budget_period: BudgetPeriod,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    publication_date: dt.date,
    carry_over_allowed: bool,
    ceiling_cents: int,
) -> BudgetPeriod:
    """Change a period that is not published yet, with the same checks as
    ``budget_period_create``. A published period only changes its ceiling, through
    ``budget_period_change_ceiling``. Nothing to change: no write, no audit event."""
    # The wijk first, as budget_period_create does: it serialises the overlap check.
    neighbourhood = Neighbourhood.objects.select_for_update().get(
        pk=budget_period.neighbourhood_id
    )
    period = _lock(budget_period)
    if period.published_at is not None:
        raise ValidationError(
            _(
                "Budget period %(name)s has already been published; only its ceiling "
                "can change."
            ),
            code="already_published",
            params={"name": period.name},
        )
    _check_name(name)
    _check_ceiling(ceiling_cents)
    _check_dates(neighbourhood, starts_on, ends_on, other_than=period)
    diff = set_changed_fields(
        period,
        {
            "name": name,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "publication_date": publication_date,
            "carry_over_allowed": carry_over_allowed,
            "ceiling_cents": ceiling_cents,
        },
    )
    if diff:
        period.save(update_fields=[*diff, "updated_at"])
        public_pages_changed()
        audit_record(
            actor=actor,
            action="neighbourhoods.budget_period_update",
            subject=period,
            data={"diff": diff},
        )
    return period


def _funding_account(*, actor: User, municipality: Municipality) -> Account:
    """The municipality's funding account, opened on first use. The caller holds the
    municipality's row lock, so two first uses cannot both open it."""
    code = funding_account_code(municipality)
    account = Account.objects.filter(code=code).first()
    if account is None:
        account = ledger_account_open(
            actor=actor,
            code=code,
            kind=AccountKind.FUNDING,
            name=str(municipality.name),
            allow_negative=True,
        )
    return account


def _lock(budget_period: BudgetPeriod) -> BudgetPeriod:
    return (
        BudgetPeriod.objects.select_for_update(of=("self",))
        .select_related("neighbourhood__municipality", "account")
        .get(pk=budget_period.pk)
    )


@transaction.atomic
def budget_period_publish(*, actor: User, budget_period: BudgetPeriod) -> BudgetPeriod:
    """Publish the ceiling: it moves from the municipality's funding account into the
    period's own budget account. Only once."""
    period = _lock(budget_period)
    if period.published_at is not None:
        raise ValidationError(
            _("Budget period %(name)s has already been published."),
            code="already_published",
            params={"name": period.name},
        )
    neighbourhood = period.neighbourhood
    municipality = Municipality.objects.select_for_update().get(
        pk=neighbourhood.municipality_id
    )
    code = budget_account_code(period)
    if Account.objects.filter(code=code).exists():
        raise ValidationError(
            _("The ledger already has an account %(code)s."),
            code="account_exists",
            params={"code": code},
        )
    account = ledger_account_open(
        actor=actor,
        code=code,
        kind=AccountKind.BUDGET,
        name=f"{neighbourhood.name} {period.name}",
    )
    funding = _funding_account(actor=actor, municipality=municipality)
    ledger_transaction_post(
        actor=actor,
        kind=TransactionKind.BUDGET_PUBLISH,
        entries=[(funding, -period.ceiling_cents), (account, period.ceiling_cents)],
        memo=f"ceiling {neighbourhood.slug} {period.name}",
    )
    period.published_at = timezone.now()
    period.account = account
    period.save(update_fields=["published_at", "account", "updated_at"])
    public_pages_changed()
    audit_record(
        actor=actor,
        action="neighbourhoods.budget_period_publish",
        subject=period,
        data={"account": code, "ceiling_cents": period.ceiling_cents},
    )
    return period


def _post_difference(
    *, actor: User, period: BudgetPeriod, difference: int, reason: str
) -> None:
    account = period.account
    if account is None:  # published periods always have one
        raise ValidationError(_("Unknown ledger account."), code="unknown_account")
    funding = Account.objects.get(
        code=funding_account_code(period.neighbourhood.municipality)
    )
    try:
        ledger_transaction_post(
            actor=actor,
            kind=TransactionKind.ADJUSTMENT,
            entries=[(funding, -difference), (account, difference)],
            memo=f"ceiling change {period.neighbourhood.slug} {period.name}: {reason}",
        )
    except InsufficientBalance:
        awarded = period.ceiling_cents - account_balance_cents(account=account)
        raise ValidationError(
            _(
                "The ceiling cannot be lower than what has already been awarded "
                "(%(awarded)s)."
            ),
            code="ceiling_below_awarded",
            params={"awarded": format_euro(awarded)},
        ) from None


@transaction.atomic
def budget_period_change_ceiling(
    *, actor: User, budget_period: BudgetPeriod, ceiling_cents: int, reason: str
) -> BudgetPeriod:
    """Set a new ceiling. After publication the difference is posted to the ledger; a
    ceiling below what has already been awarded is refused."""
    period = _lock(budget_period)
    _check_ceiling(ceiling_cents)
    if not reason.strip():
        raise ValidationError(
            _("Give the reason for changing the ceiling."), code="reason_required"
        )
    old = period.ceiling_cents
    if ceiling_cents == old:
        raise ValidationError(
            _("The ceiling is already %(amount)s."),
            code="no_change",
            params={"amount": format_euro(old)},
        )
    if period.published_at is not None:
        _post_difference(
            actor=actor, period=period, difference=ceiling_cents - old, reason=reason
        )
    period.ceiling_cents = ceiling_cents
    period.save(update_fields=["ceiling_cents", "updated_at"])
    public_pages_changed()
    audit_record(
        actor=actor,
        action="neighbourhoods.budget_period_change_ceiling",
        subject=period,
        data={
            "old_cents": old,
            "new_cents": ceiling_cents,
            "reason": reason.strip(),
            "published": period.published_at is not None,
        },
    )
    return period
