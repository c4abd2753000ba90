"""The consultation's status machine (``core.workflow``): a draft is published (the
options fixed, the window set), then certified after it closes (the result counted,
the link key destroyed); a draft or a published consultation can be cancelled.
``consultations.services.transitions`` is the only code that takes these steps; each
leaves a history row (the law: who certified which result, when)."""

from __future__ import annotations

from wijkvoucher.consultations.constants import ConsultationStatus as C
from wijkvoucher.core.workflow import Machine, steps

PUBLISH = "consultations.consultation_publish"
CANCEL = "consultations.consultation_cancel"
CERTIFY = "consultations.consultation_certify"

CONSULTATION = Machine(
    name="consultations.consultation",
    history=True,
    steps=(
        *steps(PUBLISH, (C.DRAFT,), C.PUBLISHED),
        *steps(CANCEL, (C.DRAFT, C.PUBLISHED), C.CANCELLED),
        *steps(CERTIFY, (C.PUBLISHED,), C.CERTIFIED),
    ),
)
