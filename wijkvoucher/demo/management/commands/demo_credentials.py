import json
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wijkvoucher.demo.selectors import (
    DemoLogin,
    demo_api_token,
    demo_logins,
    demo_story,
    demo_vote_codes,
    demo_vote_receipts,
    demo_voucher_codes,
)


def _where(login: DemoLogin) -> str:
    return ", ".join(login.neighbourhoods + login.providers) or "Dijkstad"


class Command(BaseCommand):
    help = (
        "Print the demo logins: e-mail, role(s), wijk and, for officials, the TOTP "
        "secret and the current code, which login shows which part of the story, "
        "the provider API key, voucher codes and letter codes to try. JSON by default; --text for "
        "a table."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--text", action="store_true", help="Print a readable table instead."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("demo_credentials only runs with WIJKVOUCHER_DEMO=1.")
        logins = demo_logins()
        if options["text"]:
            self._text(logins)
        else:
            data = {
                "mailbox": f"{settings.SITE_URL}/demo/mailbox/",
                "story": [
                    {"email": email, "name": name, "shows": shows}
                    for email, name, shows in demo_story()
                ],
                "people": [login.as_json() for login in logins],
                "provider_api_token": demo_api_token(),
                "voucher_codes": demo_voucher_codes(),
                "vote_url": f"{settings.SITE_URL}/stemmen/",
                "vote_codes": demo_vote_codes(),
                "vote_receipts": demo_vote_receipts(),
            }
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))

    def _text(self, logins: list[DemoLogin]) -> None:
        if not logins:
            self.stdout.write("No demo logins: run `manage.py demo_load` first.")
            return
        rows = [("E-MAIL", "ROLE", "WIJK / PROVIDER", "TOTP SECRET")]
        rows += [
            (login.email, ", ".join(login.roles), _where(login), login.totp_secret)
            for login in logins
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        self.stdout.write("Demo logins (no passwords: sign in with the e-mail address)")
        for row in rows:
            cells = [
                cell.ljust(width) for cell, width in zip(row, widths, strict=False)
            ]
            self.stdout.write("  ".join([*cells, row[3]]).rstrip())
        self.stdout.write("")
        self.stdout.write("The story: who shows what")
        for email, name, shows in demo_story():
            self.stdout.write(f"  {email} ({name}): {shows}")
        self.stdout.write("")
        self._money()
        self.stdout.write("")
        self.stdout.write(
            f"Sign-in links arrive at {settings.SITE_URL}/demo/mailbox/ ; that page "
            "also shows the current second-factor code of every official, so no "
            "phone is needed. Officials can also add the TOTP secret to an "
            "authenticator app."
        )

    def _money(self) -> None:
        key = demo_api_token()
        self.stdout.write(
            "Provider API key (Drukkerij De Letterbak): "
            + (key or "(revoked; make a new one at /aanbieder/api-sleutels/)")
        )
        self.stdout.write(f"API documentation: {settings.SITE_URL}/api/v1/docs/")
        self.stdout.write(
            "Voucher codes to try (at least EUR 10 left; the codes are secret in "
            "real use):"
        )
        for code in demo_voucher_codes():
            self.stdout.write(f"  {code}")
        self.stdout.write("")
        self.stdout.write(
            "Letter codes for the open wijkraadpleging (Havenkwartier), to type at "
            f"{settings.SITE_URL}/stemmen/ or to open as {settings.SITE_URL}/stemmen/<code>/:"
        )
        for code in demo_vote_codes():
            self.stdout.write(f"  {code}")
        self.stdout.write(
            "Receipts of the finished budget vote (De Hoven), to find in its "
            "published ballots:"
        )
        for receipt in demo_vote_receipts():
            self.stdout.write(f"  {receipt}")
