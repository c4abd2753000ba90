"""Who may run a wijkraadpleging (predicates the services import; the pages add
``access_*`` helpers with them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.roles import LEADER_ROLES
from wijkvoucher.neighbourhoods.selectors.roles import user_has_role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wijkvoucher.accounts.models import User
    from wijkvoucher.neighbourhoods.models import Neighbourhood

# The regiegroep's chair and secretary and the wijk's contact official prepare,
# publish, cancel and certify a consultation and import its voter roll.
ORGANISER_ROLES: frozenset[Role] = LEADER_ROLES | {Role.CONTACT_OFFICIAL}
# Officials who help residents vote at a voting location and type paper ballots.
ELECTION_OFFICIAL_ROLES: frozenset[Role] = frozenset(
    {Role.CONTACT_OFFICIAL, Role.COORDINATOR}
)


def may_organise_consultation(
    *, user: User | AnonymousUser, neighbourhood: Neighbourhood
) -> bool:
    return user_has_role(user=user, roles=ORGANISER_ROLES, neighbourhood=neighbourhood)


def may_assist_voting(
    *, user: User | AnonymousUser, neighbourhood: Neighbourhood
) -> bool:
    return user_has_role(
        user=user, roles=ELECTION_OFFICIAL_ROLES, neighbourhood=neighbourhood
    )
