"""The demo's execution and accountability steps (content_accountability.py), run
through the accountability services on the story's clock."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from PIL import Image, ImageDraw

from wijkvoucher.accountability.models import Recovery
from wijkvoucher.accountability.services import (
    progress_update_post,
    recovery_open,
    recovery_payment_record,
    report_submit,
    sample_draw_make,
    settlement_make,
)
from wijkvoucher.demo import content as c
from wijkvoucher.demo import content_accountability as a
from wijkvoucher.demo.loader.story import Step, _Story


def _photo(caption: str) -> SimpleUploadedFile:
    """A small picture made in memory, with its caption drawn on it."""
    image = Image.new("RGB", (480, 320), (46, 125, 50))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 200, 460, 300), fill=(255, 255, 255))
    draw.text((30, 230), caption[:60], fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")


def _accountability_steps(story: _Story) -> list[Step]:
    steps: list[Step] = []
    for update in a.UPDATES:

        def post(update: a.UpdateSpec = update) -> None:
            plan = story.plan(update.key)
            progress_update_post(
                actor=plan.initiator,
                initiative=plan,
                text=update.text,
                public=update.public,
                photos=[(_photo(update.photo), update.photo)] if update.photo else [],
            )

        steps.append((update.days_ago, 200, post))
    for report in a.REPORTS:

        def send(report: a.ReportSpec = report) -> None:
            plan = story.plan(report.key)
            report_submit(
                actor=plan.initiator,
                initiative=plan,
                what_happened=report.what_happened,
                participants=report.participants,
                learned=report.learned,
                public=True,
                photos=[(_photo(report.photo), report.photo)],
            )

        steps.append((report.days_ago, 200, send))

    for wijk, days_ago in a.SAMPLE_DRAWS:

        def draw(wijk: str = wijk) -> None:
            sample_draw_make(
                actor=story.official(wijk), neighbourhood=story.neighbourhoods[wijk]
            )

        steps.append((days_ago, 200, draw))
    return steps + _settlement_steps(story)


def _settlement_steps(story: _Story) -> list[Step]:
    specs = {spec.key: spec for spec in c.INITIATIVES}
    steps: list[Step] = []
    for key, days_ago, finding in a.SETTLEMENTS:

        def settle(key: str = key, finding: str = finding) -> None:
            settlement_make(
                actor=story.official(specs[key].wijk_slug),
                initiative=story.plan(key),
                sample_check=finding,
            )

        steps.append((days_ago, 200, settle))
    for key, days_ago, reason, cents, motivation, paid, paid_days in a.RECOVERIES:

        def reclaim(
            key: str = key,
            reason: str = reason,
            cents: int = cents,
            why: str = motivation,
        ) -> None:
            recovery_open(
                actor=story.official(specs[key].wijk_slug),
                initiative=story.plan(key),
                reason=reason,
                amount_cents=cents,
                motivation=why,
            )

        def pay(key: str = key, paid: int = paid) -> None:
            recovery_payment_record(
                actor=story.official(specs[key].wijk_slug),
                recovery=Recovery.objects.get(initiative=story.plan(key)),
                amount_cents=paid,
            )

        steps.append((days_ago, 200, reclaim))
        steps.append((paid_days, 200, pay))
    return steps
