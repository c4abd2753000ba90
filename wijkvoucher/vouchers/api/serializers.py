"""Request validation and the shapes of the answers (also the OpenAPI schema).
Serializers only validate; the services do the work."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rest_framework import serializers

from wijkvoucher.ledger.services import MAX_ENTRY_CENTS
from wijkvoucher.vouchers.constants import VoucherStatus
from wijkvoucher.vouchers.models import Redemption, Refund, Voucher

CENTS_MESSAGE = _(
    "Send the amount as a whole number of cents (a JSON integer), for example 1250 "
    "for € 12.50."
)


class CentsField(serializers.IntegerField):  # type: ignore[misc]
    """A JSON integer of cents: no floats, no strings, no booleans."""

    default_error_messages = {
        "invalid": CENTS_MESSAGE,
        "min_value": CENTS_MESSAGE,
        "max_value": _("This amount is too large."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ENTRY_CENTS)
        super().__init__(**kwargs)

    def to_internal_value(self, data: object) -> int:
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        value: int = super().to_internal_value(data)
        return value


# --- Requests -------------------------------------------------------------------------


class LookupRequest(serializers.Serializer):  # type: ignore[misc]
    code = serializers.CharField(
        max_length=40, help_text="The voucher code, e.g. ABCD-EFGH-JKMN-PQRS."
    )


class RedemptionRequest(serializers.Serializer):  # type: ignore[misc]
    voucher_code = serializers.CharField(
        max_length=40, help_text="The voucher code the customer shows."
    )
    amount_cents = CentsField(help_text="Amount to spend, in euro cents.")
    description = serializers.CharField(
        max_length=300, help_text="What was bought (shown to the initiator)."
    )
    reference = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        help_text="Your own reference, e.g. the receipt number.",
    )


class RefundRequest(serializers.Serializer):  # type: ignore[misc]
    amount_cents = CentsField(help_text="Amount to give back, in euro cents.")
    reason = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )


# --- Answers --------------------------------------------------------------------------


def iso(moment: Any) -> str:
    return str(timezone.localtime(moment).isoformat())


class VoucherAnswer(serializers.Serializer):  # type: ignore[misc]
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=VoucherStatus.choices)
    balance_cents = serializers.IntegerField()
    valid_until = serializers.DateField()
    initiative_title = serializers.CharField()
    neighbourhood = serializers.CharField()


def voucher_answer(voucher: Voucher, *, balance: int, status: str) -> dict[str, Any]:
    return {
        "number": voucher.number,
        "status": status,
        "balance_cents": balance,
        "valid_until": voucher.valid_until.isoformat(),
        "initiative_title": voucher.initiative.title,
        "neighbourhood": voucher.neighbourhood.name,
    }


class RedemptionCreated(serializers.Serializer):  # type: ignore[misc]
    id = serializers.UUIDField()
    voucher_number = serializers.CharField()
    amount_cents = serializers.IntegerField()
    balance_cents = serializers.IntegerField(
        help_text="What is left on the voucher after this payment."
    )
    refundable_cents = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    description = serializers.CharField()
    reference = serializers.CharField()


def redemption_created(redemption: Redemption, *, balance: int) -> dict[str, Any]:
    return {
        "id": str(redemption.uuid),
        "voucher_number": redemption.voucher.number,
        "amount_cents": int(redemption.amount_cents),
        "balance_cents": balance,
        "refundable_cents": redemption.refundable_cents,
        "created_at": iso(redemption.created_at),
        "description": redemption.description,
        "reference": redemption.reference,
    }


class RefundCreated(serializers.Serializer):  # type: ignore[misc]
    id = serializers.UUIDField()
    redemption_id = serializers.UUIDField()
    amount_cents = serializers.IntegerField()
    balance_cents = serializers.IntegerField(
        help_text="What is on the voucher after this refund."
    )
    refundable_cents = serializers.IntegerField(
        help_text="What of the redemption can still be refunded."
    )


def refund_created(
    refund: Refund, redemption: Redemption, *, balance: int
) -> dict[str, Any]:
    return {
        "id": str(refund.uuid),
        "redemption_id": str(redemption.uuid),
        "amount_cents": int(refund.amount_cents),
        "balance_cents": balance,
        "refundable_cents": redemption.refundable_cents,
    }


class RefundAnswer(serializers.Serializer):  # type: ignore[misc]
    id = serializers.UUIDField()
    amount_cents = serializers.IntegerField()
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()


class RedemptionAnswer(serializers.Serializer):  # type: ignore[misc]
    id = serializers.UUIDField()
    voucher_number = serializers.CharField()
    amount_cents = serializers.IntegerField()
    refunded_cents = serializers.IntegerField()
    refundable_cents = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    description = serializers.CharField()
    reference = serializers.CharField()
    channel = serializers.CharField()
    refunds = RefundAnswer(many=True)


def redemption_answer(redemption: Redemption) -> dict[str, Any]:
    return {
        "id": str(redemption.uuid),
        "voucher_number": redemption.voucher.number,
        "amount_cents": int(redemption.amount_cents),
        "refunded_cents": int(redemption.refunded_cents),
        "refundable_cents": redemption.refundable_cents,
        "created_at": iso(redemption.created_at),
        "description": redemption.description,
        "reference": redemption.reference,
        "channel": str(redemption.channel),
        "refunds": [
            {
                "id": str(refund.uuid),
                "amount_cents": int(refund.amount_cents),
                "reason": refund.reason,
                "created_at": iso(refund.created_at),
            }
            for refund in redemption.refunds.all()
        ],
    }


class RedemptionPage(serializers.Serializer):  # type: ignore[misc]
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = RedemptionAnswer(many=True)


class ErrorAnswer(serializers.Serializer):  # type: ignore[misc]
    code = serializers.CharField(help_text="A stable code; see docs/api.md.")
    detail = serializers.CharField(help_text="A message in the request's language.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Only with invalid_request: what is wrong per field.",
    )
