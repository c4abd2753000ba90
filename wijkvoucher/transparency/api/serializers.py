"""The shapes of the open data API's answers, for the OpenAPI schema. The views build
plain dicts (selectors.open_data); these classes only describe them."""

from __future__ import annotations

from rest_framework import serializers


class Wijk(serializers.Serializer):  # type: ignore[misc]
    slug = serializers.CharField()
    name = serializers.CharField()
    municipality = serializers.CharField()
    municipality_slug = serializers.CharField()
    population = serializers.IntegerField()
    designated_from = serializers.DateField()
    designated_until = serializers.DateField(allow_null=True)
    url = serializers.CharField(help_text="The public page of the wijk.")


class BudgetPeriod(serializers.Serializer):  # type: ignore[misc]
    uuid = serializers.UUIDField()
    wijk = serializers.CharField()
    name = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    ceiling_cents = serializers.IntegerField()
    awarded_cents = serializers.IntegerField(
        help_text="No longer available: reserved, on vouchers or spent."
    )
    available_cents = serializers.IntegerField()


class Initiative(serializers.Serializer):  # type: ignore[misc]
    uuid = serializers.UUIDField()
    wijk = serializers.CharField()
    wijk_name = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    amount_cents = serializers.IntegerField(allow_null=True)
    requested_cents = serializers.IntegerField()
    submitted_on = serializers.DateField(allow_null=True)
    decided_on = serializers.DateField(allow_null=True)
    decision_number = serializers.CharField()
    reason_code = serializers.CharField()
    reason = serializers.CharField()


class ConsultationOption(serializers.Serializer):  # type: ignore[misc]
    position = serializers.IntegerField()
    title = serializers.CharField()
    cost_cents = serializers.IntegerField(allow_null=True)
    initiative = serializers.UUIDField(allow_null=True)


class ResultOption(serializers.Serializer):  # type: ignore[misc]
    position = serializers.IntegerField()
    title = serializers.CharField()
    votes = serializers.IntegerField(required=False, help_text="Budget vote.")
    selected = serializers.BooleanField(required=False, help_text="Budget vote.")
    support = serializers.IntegerField(required=False, help_text="Poll.")
    oppose = serializers.IntegerField(required=False, help_text="Poll.")
    neutral = serializers.IntegerField(required=False, help_text="Poll.")


class Result(serializers.Serializer):  # type: ignore[misc]
    ballots = serializers.IntegerField()
    rule = serializers.CharField()
    cost_cents = serializers.IntegerField(allow_null=True)
    options = ResultOption(many=True)


class Consultation(serializers.Serializer):  # type: ignore[misc]
    uuid = serializers.UUIDField()
    wijk = serializers.CharField()
    title = serializers.CharField()
    question = serializers.CharField()
    kind = serializers.CharField()
    ballot_type = serializers.CharField()
    status = serializers.CharField()
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    budget_cents = serializers.IntegerField(allow_null=True)
    options = ConsultationOption(many=True)
    result = Result(allow_null=True, help_text="Once certified; no comments.")


def page_of(item: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """A page of ``item``s: {count, next, previous, results}."""
    return type(
        f"{item.__name__}Page",
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(),
            "next": serializers.CharField(allow_null=True),
            "previous": serializers.CharField(allow_null=True),
            "results": item(many=True),
        },
    )
