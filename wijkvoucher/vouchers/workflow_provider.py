"""The status machine of a provider's application (``Provider.review_status``,
``core.workflow``): the coordinator approves, returns it for more information or
rejects it; the applicant corrects a returned application and sends it again.
``vouchers.services.transitions`` is the only code that takes these steps. Review
changes as product decisions."""

from __future__ import annotations

from typing import Any

from wijkvoucher.core.workflow import Machine, Step
from wijkvoucher.vouchers.constants import ProviderReviewStatus as R


def _review_state(provider: Any) -> str:
    # A provider with an approval time is approved, whatever the field says.
    return str(provider.review_state)


PROVIDER_REVIEW = Machine(
    name="vouchers.provider_review",
    field="review_status",
    state_of=_review_state,
    steps=(
        Step(R.SUBMITTED, R.APPROVED, "vouchers.provider_approve"),
        Step(R.SUBMITTED, R.RETURNED, "vouchers.provider_return"),
        Step(R.SUBMITTED, R.REJECTED, "vouchers.provider_reject"),
        Step(R.RETURNED, R.SUBMITTED, "vouchers.provider_application_resubmit"),
    ),
)

# The same table as a map from a state to where it can go (the review page offers
# these steps).
PROVIDER_REVIEW_STEPS: dict[R, frozenset[R]] = {
    state: frozenset(R(target) for target in PROVIDER_REVIEW.targets(state))
    for state in R
}
