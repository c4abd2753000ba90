"""Import a Pabulib file as a draft budget vote of a wijk
(docs/pabulib.md#a-consultation-as-a-pabulib-file): its projects become the options
(title and cost), its budget, ballot type, limits and rule the vote's. The ballots in
the file are counted and reported, not imported: a ballot in wijkvoucher is cast by a
credential on the roll within the voting window, which a file cannot give. To study
a file's outcome, count it with ``python -m wijkvoucher.tally FILE.pb``."""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from wijkvoucher.accounts.models import User
from wijkvoucher.consultations.constants import ConsultationKind
from wijkvoucher.consultations.pbfile import from_pb_text
from wijkvoucher.consultations.services import (
    consultation_create,
    consultation_option_add,
)
from wijkvoucher.neighbourhoods.models import Neighbourhood

# A file larger than this is refused before it is read.
MAX_BYTES = 50 * 1024 * 1024


def _message(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


class Command(BaseCommand):
    help = (
        "Import a Pabulib .pb file as a draft budget vote of a wijk: its projects "
        "become the options. The file's ballots are counted, not imported."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="The .pb file.")
        parser.add_argument("--wijk", required=True, help="The wijk's slug.")
        parser.add_argument(
            "--by",
            required=True,
            help="E-mail address of the organiser (regiegroep chair or secretary, "
            "or the wijk's contact official) in whose name the draft is made.",
        )
        parser.add_argument(
            "--opens",
            type=dt.date.fromisoformat,
            help="Day the vote opens (YYYY-MM-DD; default: in a week).",
        )
        parser.add_argument(
            "--days",
            type=int,
            default=14,
            help="How many days the vote stays open (default 14).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        if path.stat().st_size > MAX_BYTES:
            raise CommandError(f"{path}: larger than {MAX_BYTES // 1024 // 1024} MB.")
        wijk = Neighbourhood.objects.filter(slug=options["wijk"]).first()
        if wijk is None:
            raise CommandError(f"No wijk with the slug {options['wijk']!r}.")
        organiser = User.objects.filter(email__iexact=options["by"]).first()
        if organiser is None:
            raise CommandError(f"No user with the e-mail address {options['by']!r}.")
        if options["days"] < 1:
            raise CommandError("--days must be at least 1.")
        try:
            data = from_pb_text(path.read_bytes())
        except ValidationError as exc:
            raise CommandError(f"{path}: {_message(exc)}") from exc
        opens_on = options["opens"] or timezone.localdate() + dt.timedelta(days=7)
        opens_at = timezone.make_aware(dt.datetime.combine(opens_on, dt.time(9, 0)))
        closes_at = opens_at + dt.timedelta(days=options["days"])
        title = (data.title or path.stem)[:200]
        try:
            with transaction.atomic():
                vote = consultation_create(
                    actor=organiser,
                    neighbourhood=wijk,
                    kind=ConsultationKind.BUDGET_VOTE,
                    title=title,
                    question=f"Welke plannen kiest u? (uit {path.name})",
                    ballot_type=data.ballot_type,
                    opens_at=opens_at,
                    closes_at=closes_at,
                    budget_cents=data.budget_cents,
                    max_choices=data.max_choices,
                    points=data.points,
                    rule=data.rule,
                )
                for option in data.options:
                    consultation_option_add(
                        actor=organiser,
                        consultation=vote,
                        title=option.title[:200],
                        cost_cents=option.cost_cents,
                    )
        except ValidationError as exc:
            raise CommandError(_message(exc)) from exc
        except PermissionDenied as exc:
            raise CommandError(
                f"{organiser.email} may not organise a wijkraadpleging in {wijk.name}."
            ) from exc
        self.stdout.write(
            f"Draft budget vote {vote.uuid} in {wijk.name}: {len(data.options)} "
            f"options, budget {data.budget_cents / 100:.2f} EUR, rule {vote.rule}. "
            f"The file's {len(data.ballots)} ballots were not imported; count them "
            f"with: python -m wijkvoucher.tally {path}"
        )
