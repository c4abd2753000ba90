"""The consultation's transition table (consultations.workflow): every allowed step
does exactly what it says through ``consultations_transition`` (status, history row,
audit event), every other pair is refused with nothing changed."""

from __future__ import annotations

import pytest

from wijkvoucher.consultations.constants import ConsultationStatus
from wijkvoucher.consultations.models import Consultation
from wijkvoucher.consultations.services.transitions import consultations_transition
from wijkvoucher.consultations.tests.factories import ConsultationFactory
from wijkvoucher.consultations.workflow import CONSULTATION
from wijkvoucher.core.tests.workflow_cases import Case, cases, check_case

pytestmark = pytest.mark.django_db

CLOSED = (ConsultationStatus.CERTIFIED, ConsultationStatus.CANCELLED)


@pytest.mark.parametrize("case", cases(CONSULTATION, ConsultationStatus))
def test_consultation_table(case: Case) -> None:
    consultation = ConsultationFactory.create()
    Consultation.objects.filter(pk=consultation.pk).update(
        status=case.source,
        ballot_key=None if case.source in CLOSED else consultation.ballot_key,
    )
    consultation.refresh_from_db()
    check_case(
        machine=CONSULTATION,
        case=case,
        row=consultation,
        take=lambda row, to, action: consultations_transition(
            actor=consultation.created_by,
            machine=CONSULTATION,
            row=row,
            to=to,
            action=action,
            fields={"ballot_key": None} if to in CLOSED else None,
        ),
        refusal_code="invalid_status",
    )
