"""What the "My work" page offers someone: for each role they hold today, every page
that role may use, with what is waiting there. The access helpers of each page stay
the judge; this module only asks the same role questions they ask, so the page
links to nothing its reader may not open (tests/test_work_menu.py checks both ways).

work sits at the top of the apps (docs/architecture.md): it reads the other apps'
selectors and knows their URL names; nothing imports work."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkvoucher.consultations.permissions_manage import consultation_wijken
from wijkvoucher.decisions.selectors import objections_in
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.roles import (
    BUDGET_READER_ROLES,
    CASH_ROLES,
    LEADER_ROLES,
    OFFICIAL_ROLES,
    REPORT_READER_ROLES,
    STEERING_ROLES,
)
from wijkvoucher.neighbourhoods.selectors.roles import (
    municipalities_where_user_has_role,
    neighbourhoods_where_user_has_role,
)
from wijkvoucher.payments.selectors.cash import cash_waiting_counts
from wijkvoucher.providers.selectors import (
    provider_memberships_active,
    providers_waiting_review,
)

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


@dataclass(frozen=True)
class WorkLink:
    label: str
    url: str
    # What is waiting there, in words ("2 waiting"); empty when nothing is counted.
    note: str = ""


@dataclass(frozen=True)
class WorkSection:
    key: str
    heading: str
    intro: str
    links: tuple[WorkLink, ...]


@dataclass(frozen=True)
class WorkOverview:
    sections: tuple[WorkSection, ...]
    wijken: tuple[WorkSection, ...]

    @property
    def is_empty(self) -> bool:
        return not self.sections and not self.wijken


def _ordered(neighbourhoods: QuerySet[Neighbourhood]) -> list[Neighbourhood]:
    return list(neighbourhoods.distinct().order_by("name", "pk"))


def _waiting(count: int) -> str:
    return ngettext("%(count)s waiting", "%(count)s waiting", count) % {"count": count}


def _officials_section(official_of: QuerySet[Neighbourhood]) -> WorkSection:
    open_objections = objections_in(neighbourhoods=official_of, open_=True).count()
    return WorkSection(
        key="plans",
        heading=_("Plans and residents"),
        intro=_(
            "Handle plans as contact official, record objections and help residents "
            "who are not online."
        ),
        links=(
            WorkLink(_("Plans to handle"), reverse("initiatives:worklist")),
            WorkLink(
                _("Plans being carried out: changes, reports, settlement"),
                reverse("accountability:overview"),
            ),
            WorkLink(
                _("Objections"),
                reverse("decisions:objections"),
                _waiting(open_objections) if open_objections else "",
            ),
            WorkLink(
                _("Residents and addresses to confirm"),
                reverse("neighbourhoods:residents_list"),
            ),
            WorkLink(
                _("Register a resident at the desk"),
                reverse("neighbourhoods:assisted_intake"),
            ),
        ),
    )


def _regiegroep_section() -> WorkSection:
    return WorkSection(
        key="regiegroep",
        heading=_("Regiegroep"),
        intro=_("Meetings, agendas, minutes and the plans waiting for an agenda."),
        links=(WorkLink(_("Meetings of the regiegroep"), reverse("regiegroep:home")),),
    )


def _consultations_section() -> WorkSection:
    return WorkSection(
        key="consultations",
        heading=_("Wijkraadplegingen"),
        intro=_(
            "Ask the wijk: polls on plans and votes on the wijk budget, the letters "
            "with the voting codes, help at a voting location and the result."
        ),
        links=(WorkLink(_("Wijkraadplegingen"), reverse("consultations_manage:home")),),
    )


def _support_section() -> WorkSection:
    return WorkSection(
        key="support",
        heading=_("Support and participation"),
        intro=_(
            "The ACTIE forms: what initiatives need and how the municipality "
            "supports them; and how residents take part, in numbers."
        ),
        links=(
            WorkLink(_("ACTIE overview"), reverse("actie:report")),
            WorkLink(_("Participation ladder"), reverse("participation:report")),
        ),
    )


def _cash_section(cash_of: QuerySet[Neighbourhood]) -> WorkSection:
    claims, disputes = cash_waiting_counts(neighbourhoods=cash_of)
    return WorkSection(
        key="cash",
        heading=_("Cash management"),
        intro=_(
            "Approve reimbursements and advances, resolve disputes and pay providers "
            "and initiators."
        ),
        links=(
            WorkLink(_("Overview of the cash"), reverse("payments:cash_home")),
            WorkLink(
                _("Reimbursements and advances"),
                reverse("payments:cash_claims"),
                _waiting(claims) if claims else "",
            ),
            WorkLink(
                _("Disputes about payments"),
                reverse("payments:cash_disputes"),
                _waiting(disputes) if disputes else "",
            ),
            WorkLink(
                _("Payments to providers and initiators"),
                reverse("payments:cash_payouts"),
            ),
        ),
    )


def _reports_section() -> WorkSection:
    return WorkSection(
        key="reports",
        heading=_("Reports"),
        intro=_(
            "How the scheme is doing per wijk and period, with charts, CSV and XLSX, "
            "and the annual report for the council."
        ),
        links=(WorkLink(_("Reports"), reverse("reports:overview")),),
    )


def _provider_section() -> WorkSection:
    return WorkSection(
        key="provider",
        heading=_("Provider"),
        intro=_("Accept vouchers in your business and see what the municipality owes."),
        links=(
            WorkLink(_("Provider portal"), reverse("payments:provider_home")),
            WorkLink(_("Accept a voucher"), reverse("vouchers:provider_redeem")),
            WorkLink(_("Payments received"), reverse("vouchers:provider_redemptions")),
            WorkLink(_("API keys for your till"), reverse("providers:provider_tokens")),
        ),
    )


def _coordinator_section(user: User) -> WorkSection:
    municipalities = municipalities_where_user_has_role(
        user=user, roles=[Role.COORDINATOR]
    )
    waiting = providers_waiting_review(municipalities=municipalities).count()
    return WorkSection(
        key="coordinator",
        heading=_("Coordination"),
        intro=_(
            "Check the businesses that want to accept vouchers, and manage the "
            "regeling, wijken, budgets and roles."
        ),
        links=(
            WorkLink(
                _("Review providers"),
                reverse("providers:providers_review"),
                _waiting(waiting) if waiting else "",
            ),
            WorkLink(
                _("Management: regeling, wijken, budgets and roles"),
                reverse("admin:index"),
            ),
            WorkLink(_("Security events"), reverse("work:security_events")),
        ),
    )


def _wijk_section(
    wijk: Neighbourhood,
    *,
    reads_budget: bool,
    in_regiegroep: bool,
    plans_meetings: bool,
) -> WorkSection:
    links: list[WorkLink] = []
    if reads_budget:
        links.append(
            WorkLink(
                _("Budget of %(wijk)s") % {"wijk": wijk.name},
                reverse(
                    "payments:cash_budget", kwargs={"neighbourhood_slug": wijk.slug}
                ),
            )
        )
    if in_regiegroep:
        links.append(
            WorkLink(
                _("Who is in the regiegroep"),
                reverse("regiegroep:composition", kwargs={"slug": wijk.slug}),
            )
        )
    if plans_meetings:
        links.append(
            WorkLink(
                _("Plan a meeting"),
                reverse("regiegroep:meeting_create", kwargs={"slug": wijk.slug}),
            )
        )
    links.append(
        WorkLink(
            _("Quarterly overviews (public)"),
            reverse("transparency:quarters", kwargs={"slug": wijk.slug}),
        )
    )
    return WorkSection(
        key=f"wijk-{wijk.slug}",
        heading=wijk.name,
        intro="",
        links=tuple(links),
    )


def work_overview(*, user: User) -> WorkOverview:
    """The sections of ``user``'s "My work" page: one per kind of work, then one per
    wijk for the pages that belong to a wijk (budget, regiegroep, reports)."""

    def wijken(roles: tuple[Role, ...] | frozenset[Role]) -> QuerySet[Neighbourhood]:
        return neighbourhoods_where_user_has_role(user=user, roles=list(roles))

    official_of = wijken(OFFICIAL_ROLES)
    member_of = wijken(STEERING_ROLES)
    cash_of = wijken(CASH_ROLES)
    sections: list[WorkSection] = []
    if official_of.exists():
        sections.append(_officials_section(official_of))
    if official_of.exists() or member_of.exists():
        sections.append(_regiegroep_section())
    if consultation_wijken(user).exists():
        sections.append(_consultations_section())
    if wijken(REPORT_READER_ROLES).exists():
        sections.append(_support_section())
    if cash_of.exists():
        sections.append(_cash_section(cash_of))
    if wijken(REPORT_READER_ROLES).exists():
        sections.append(_reports_section())
    if provider_memberships_active(user=user).exists():
        sections.append(_provider_section())
    if municipalities_where_user_has_role(user=user, roles=[Role.COORDINATOR]).exists():
        sections.append(_coordinator_section(user))

    budget_of = {w.pk for w in wijken(BUDGET_READER_ROLES)}
    regiegroep_of = {w.pk for w in (official_of | member_of).distinct()}
    planners = {w.pk for w in wijken(LEADER_ROLES)} | {
        w.pk for w in wijken((Role.COORDINATOR,))
    }
    per_wijk = [
        _wijk_section(
            wijk,
            reads_budget=wijk.pk in budget_of,
            in_regiegroep=wijk.pk in regiegroep_of,
            plans_meetings=wijk.pk in planners,
        )
        for wijk in _ordered(wijken(tuple(Role)))
        if wijk.pk in budget_of | regiegroep_of
    ]
    return WorkOverview(sections=tuple(sections), wijken=tuple(per_wijk))


def has_work(*, user: User) -> bool:
    """True when ``user`` holds a role today or acts for an approved provider."""
    return (
        municipalities_where_user_has_role(user=user, roles=list(Role)).exists()
        or provider_memberships_active(user=user).exists()
    )
