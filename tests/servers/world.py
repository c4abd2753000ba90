"""The world of the two-server test, made through the services in a database that
both app servers share: one wijk with a funded budget, an approved provider with two
API keys (one to spend with, one to run into the rate limit with) and vouchers.

Run by tests/servers/conftest.py as ``python -m tests.servers.world`` with the app
servers' environment (DATABASE_URL and the rest); it migrates, collects the static
files the pages need without DEBUG, and prints the world as JSON on its last line.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

VOUCHERS = 20
VOUCHER_CENTS = 1_000
PROVIDER_NAME = "Twee Servers Bouwmarkt"


@dataclass(frozen=True)
class World:
    spend_key: str
    limit_key: str
    codes: list[str]
    voucher_cents: int
    provider_name: str


def build() -> World:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)

    from wijkvoucher.decisions.tests.helpers import contact_of, funded
    from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
    from wijkvoucher.neighbourhoods.tests.helpers import on_day
    from wijkvoucher.providers.services.tokens import api_token_create
    from wijkvoucher.vouchers.services.issuance import vouchers_issue
    from wijkvoucher.vouchers.tests.helpers import approved_provider, awarded_plan

    with on_day():
        wijk = neighbourhood_ready()
        funded(wijk, ceiling_cents=VOUCHERS * VOUCHER_CENTS * 2)
        provider, user = approved_provider(wijk, name=PROVIDER_NAME)
        plan = awarded_plan(wijk, VOUCHERS * VOUCHER_CENTS)
        vouchers = vouchers_issue(
            actor=contact_of(plan),
            initiative=plan,
            amounts_cents=[VOUCHER_CENTS] * VOUCHERS,
        )
        _spend, spend_key = api_token_create(
            actor=user, provider=provider, name="kassa"
        )
        _limit, limit_key = api_token_create(
            actor=user, provider=provider, name="grens"
        )
    return World(
        spend_key=spend_key,
        limit_key=limit_key,
        codes=[voucher.code for voucher in vouchers],
        voucher_cents=VOUCHER_CENTS,
        provider_name=PROVIDER_NAME,
    )


if __name__ == "__main__":
    print(json.dumps(asdict(build())))  # noqa: T201 - the answer to the caller
