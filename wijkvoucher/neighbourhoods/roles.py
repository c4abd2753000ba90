"""The role sets: which roles together may do one kind of work.

The roles themselves are data (``RoleAssignment.role``, one of ``constants.Role``); this
module is the one place that groups them. Permission modules and selectors import the set
they need from here, so that a role added to a group is added everywhere at once.
"""

from wijkvoucher.neighbourhoods.constants import Role

# The regiegroep: every member, and the ones who vote (an adviser has no vote).
STEERING_ROLES: frozenset[Role] = frozenset(
    {
        Role.STEERING_MEMBER,
        Role.STEERING_CHAIR,
        Role.STEERING_SECRETARY,
        Role.STEERING_ADVISER,
    }
)
VOTING_STEERING_ROLES: frozenset[Role] = frozenset(
    {Role.STEERING_MEMBER, Role.STEERING_CHAIR, Role.STEERING_SECRETARY}
)
# The chair and the secretary lead the regiegroep: they plan meetings and agendas.
LEADER_ROLES: frozenset[Role] = frozenset(
    {Role.STEERING_CHAIR, Role.STEERING_SECRETARY}
)

# The municipality's officials who handle plans and addresses.
OFFICIAL_ROLES: frozenset[Role] = frozenset({Role.CONTACT_OFFICIAL, Role.COORDINATOR})
# The cash desk: decides claims and sees payout batches.
CASH_ROLES: frozenset[Role] = frozenset({Role.CASH_MANAGER, Role.COORDINATOR})
# Only a cash manager prepares a payout batch (the coordinator approves it).
PAYOUT_PREPARER_ROLES: frozenset[Role] = frozenset({Role.CASH_MANAGER})
# Who may issue vouchers for an awarded plan.
VOUCHER_ISSUER_ROLES: frozenset[Role] = frozenset(
    {Role.CONTACT_OFFICIAL, Role.COORDINATOR, Role.CASH_MANAGER}
)
# Who may read a wijk's budget: the cash desk, the contact official and the council.
BUDGET_READER_ROLES: frozenset[Role] = CASH_ROLES | {
    Role.CONTACT_OFFICIAL,
    Role.COUNCIL,
}

# Roles that may only be held for one neighbourhood; the rest are for the whole
# municipality or either.
NEIGHBOURHOOD_SCOPED_ROLES: frozenset[Role] = STEERING_ROLES
MUNICIPALITY_SCOPED_ROLES: frozenset[Role] = frozenset({Role.COORDINATOR, Role.COUNCIL})
# Who may read the reports (issue #13): the council, and the officials of their wijken.
REPORT_READER_ROLES: frozenset[Role] = OFFICIAL_ROLES | {Role.COUNCIL}
