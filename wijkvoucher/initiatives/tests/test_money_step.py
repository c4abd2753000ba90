"""Step 2 of the wizard is one transaction (issue #10, point 5): a Remove button
pressed while new rows were typed removes the row and saves the rows in one service
call, so that a refused or failing row leaves the removed row where it was."""

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.services import drafts, initiative_money_save
from wijkvoucher.initiatives.services.drafts import ContributionInput, LineInput
from wijkvoucher.initiatives.tests.factories import (
    complete_draft,
    initiative_in,
    neighbourhood_ready,
    resident,
)
from wijkvoucher.neighbourhoods.constants import CostCategory
from wijkvoucher.neighbourhoods.tests.helpers import HttpsClient, on_day, sign_in

pytestmark = pytest.mark.django_db

NEW_LINE = {"description": "Verf", "category": CostCategory.MATERIALS, "amount": "30"}


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture
def client() -> Client:
    return HttpsClient()


def _draft() -> tuple[User, Initiative]:
    user = resident(neighbourhood_ready())
    return user, complete_draft(
        neighbourhood=user.addresses.get().neighbourhood, initiator=user
    )


def _dutch(text: str) -> str:
    """A message as the (Dutch) page shows it."""
    with translation.override("nl"):
        return translation.gettext(text)


def _stored(initiative: Initiative) -> tuple[list[str], int, list[str]]:
    """What the step could have written: the lines, the contributions, the audit."""
    return (
        sorted(initiative.budget_lines.values_list("description", flat=True)),
        initiative.own_contributions.count(),
        list(AuditEvent.objects.order_by("id").values_list("action", flat=True)),
    )


def _post(client: Client, initiative: Initiative, remove: str) -> Any:
    data = {
        "line-TOTAL_FORMS": "1",
        "line-INITIAL_FORMS": "0",
        **{f"line-0-{k}": v for k, v in NEW_LINE.items()},
        "contribution-TOTAL_FORMS": "1",
        "contribution-INITIAL_FORMS": "0",
        "remove": remove,
    }
    url = reverse("initiatives:plan_step", args=[initiative.uuid, 2])
    return client.post(url, data)


# --- The service ------------------------------------------------------------------


def test_removal_and_new_rows_are_stored_together() -> None:
    user, initiative = _draft()
    line = initiative.budget_lines.get()
    initiative_money_save(
        actor=user,
        initiative=initiative,
        remove=line,
        lines=[LineInput(description="Verf", category="materials", amount_cents=3000)],
    )
    lines, contributions, audit = _stored(initiative)
    assert lines == ["Verf"]
    assert contributions == 1
    # one audit event per change, as when each was its own step
    assert audit[-2:] == [
        "initiatives.budget_line_remove",
        "initiatives.budget_line_add",
    ]


@pytest.mark.parametrize("kind", ["line", "contribution"])
def test_a_refused_row_keeps_the_removal_from_being_stored(kind: str) -> None:
    user, initiative = _draft()
    before = _stored(initiative)
    remove = (
        initiative.budget_lines.get()
        if kind == "line"
        else initiative.own_contributions.get()
    )
    with pytest.raises(ValidationError) as refused:
        initiative_money_save(
            actor=user,
            initiative=initiative,
            remove=remove,
            # refused by the rules: a category that does not exist
            lines=[LineInput(description="Verf", category="nonsense", amount_cents=1)],
        )
    assert set(refused.value.error_dict) == {"line-0"}
    assert _stored(initiative) == before


def test_a_refused_removal_stores_no_row_either() -> None:
    initiative = initiative_in(InitiativeStatus.SUBMITTED)
    before = _stored(initiative)
    with pytest.raises(ValidationError) as refused:
        initiative_money_save(
            actor=initiative.initiator,
            initiative=initiative,
            remove=initiative.budget_lines.get(),
            contributions=[ContributionInput(kind="in_kind", description="Tafels")],
        )
    assert set(refused.value.error_dict) == {"remove"}
    assert _stored(initiative) == before


# --- The page ---------------------------------------------------------------------


def test_the_page_keeps_the_row_when_the_new_row_is_refused(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    user, initiative = _draft()
    line = initiative.budget_lines.get()
    before = _stored(initiative)

    def refuse(**kwargs: Any) -> None:
        raise ValidationError("Refused for this test.", code="refused")

    monkeypatch.setattr(drafts, "budget_line_add", refuse)
    sign_in(client, user)
    response = _post(client, initiative, remove=f"line-{line.pk}")
    # the step is shown again with the error at the typed row and nothing stored
    assert response.status_code == 200
    page = response.content.decode()
    assert "Refused for this test." in page
    assert _dutch("Removed.") not in page
    assert _stored(initiative) == before


def test_a_failing_new_row_undoes_the_removal(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    user, initiative = _draft()
    line = initiative.budget_lines.get()
    before = _stored(initiative)

    def crash(**kwargs: Any) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(drafts, "budget_line_add", crash)
    sign_in(client, user)
    with pytest.raises(RuntimeError):
        _post(client, initiative, remove=f"line-{line.pk}")
    assert _stored(initiative) == before


def test_the_page_removes_and_saves_in_one_step(client: Client) -> None:
    user, initiative = _draft()
    line = initiative.budget_lines.get()
    sign_in(client, user)
    response = _post(client, initiative, remove=f"line-{line.pk}")
    assert response.status_code == 302
    assert _stored(initiative)[0] == ["Verf"]
    page = client.get(response["Location"]).content.decode()
    assert _dutch("Removed.") in page
    assert _dutch("Your costs have been saved.") in page
