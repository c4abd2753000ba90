"""What code deeper in a request says about its refusal (core.security_events)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from wijkvoucher.core.forms import add_refusal, error_text
from wijkvoucher.core.security_events import (
    api_key_note,
    refusal_note,
    trace_end,
    trace_start,
    worth_writing,
)


class _Form(forms.Form):
    amount = forms.IntegerField()


def test_a_flash_message_of_a_refusal_notes_its_code() -> None:
    # given a request being traced
    token = trace_start()
    # when a view shows a service's refusal as a message (a refused payout)
    error_text(ValidationError("Niet goedgekeurd.", code="same_approver"))
    # then the trace holds its code
    assert trace_end(token).reason == "refused.same_approver"


def test_a_refusal_on_a_form_notes_its_first_code() -> None:
    # given
    token = trace_start()
    form = _Form({"amount": "1"})
    form.is_valid()
    # when two problems go onto the form
    add_refusal(
        form,
        ValidationError(
            [ValidationError("a", code="first"), ValidationError("b", code="second")]
        ),
    )
    # then the first one names the refusal
    assert trace_end(token).reason == "refused.first"


def test_the_first_reason_wins_and_the_key_is_kept() -> None:
    # given
    token = trace_start()
    # when
    refusal_note("api.key_revoked", key_id=7)
    refusal_note("api.not_authenticated")
    api_key_note(7)
    # then
    trace = trace_end(token)
    assert (trace.reason, trace.key_id) == ("api.key_revoked", 7)


def test_outside_a_request_nothing_is_noted() -> None:
    # given no trace (a command) / when / then nothing breaks
    refusal_note("csrf")


def test_rows_are_written_at_few_counts() -> None:
    # given / when / then
    written = [n for n in range(1, 1001) if worth_writing(n)]
    assert written[:10] == list(range(1, 11))
    assert len(written) == 26
