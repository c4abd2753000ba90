"""The text of a beschikking, shared by its web page and its PDF, and the PDF itself.

The text is built in the active language (the PDF is made in the site's language,
Dutch). The PDF uses fpdf2's core fonts, which cover latin-1 only: amounts are
written "EUR 1.234,56" and other characters outside latin-1 are replaced."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from fpdf import FPDF

from wijkvoucher.core.money import format_euro, format_euro_amount
from wijkvoucher.decisions.constants import AWARDING, DecisionOutcome
from wijkvoucher.decisions.models import Decision
from wijkvoucher.decisions.selectors import settlement_text

Money = Callable[[int], str]


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class DecisionDocument:
    municipality: str
    title: str
    number: str
    date: str
    addressee: str
    subject: str
    sections: tuple[Section, ...]
    signature: str


def _day(value: dt.date) -> str:
    return date_format(value, "j F Y")


def _decision_paragraphs(decision: Decision, money: Money) -> tuple[str, ...]:
    initiative = decision.initiative
    regulation = initiative.neighbourhood.regulation
    opening = _(
        "You applied for a subsidy for your plan “%(title)s” in the wijk %(wijk)s. "
        "We have decided on your application on the basis of %(regulation)s."
    ) % {
        "title": initiative.title,
        "wijk": initiative.neighbourhood.name,
        "regulation": regulation.name,
    }
    amounts = {
        "amount": money(decision.amount_cents),
        "requested": money(decision.requested_amount_cents),
    }
    result = {
        DecisionOutcome.AWARD: _(
            "We award your application. You receive at most %(amount)s."
        ),
        DecisionOutcome.PARTLY_AWARD: _(
            "We award your application in part. You asked for %(requested)s; you "
            "receive at most %(amount)s."
        ),
        DecisionOutcome.REJECT: _(
            "We reject your application. You receive no subsidy for this plan."
        ),
        DecisionOutcome.NOT_PROCESSED: _(
            "We do not process your application further, because the information "
            "we asked for did not come in on time."
        ),
    }[DecisionOutcome(decision.outcome)]
    return (opening, result % amounts)


def _advice_paragraphs(decision: Decision, money: Money) -> tuple[str, ...]:
    advice = decision.advice
    if advice is None:
        return ()
    outcome = advice.get_outcome_display()
    text = _("The regiegroep of the wijk advised: %(outcome)s.") % {"outcome": outcome}
    if advice.outcome in AWARDING:
        text = _("The regiegroep of the wijk advised: %(outcome)s, %(amount)s.") % {
            "outcome": outcome,
            "amount": money(advice.amount_cents),
        }
    if decision.deviates_from_advice:
        return (
            text,
            _("We decided differently from the advice, for this reason:"),
            decision.deviation_motivation,
        )
    return (text, _("This decision follows the advice."))


def _award_sections(decision: Decision) -> tuple[Section, ...]:
    if decision.outcome not in AWARDING or decision.execution_deadline is None:
        return ()
    conditions = decision.conditions or _(
        "No conditions apply beyond the rules of the regeling."
    )
    return (
        Section(_("Conditions"), (conditions,)),
        Section(
            _("Deadline"),
            (
                _("Carry out your plan before %(date)s.")
                % {"date": _day(decision.execution_deadline)},
            ),
        ),
        Section(
            _("How the final amount is settled"), (settlement_text(decision=decision),)
        ),
    )


def objection_clause(decision: Decision) -> str:
    """The bezwaarclausule (Awb 3:45, 6:7)."""
    municipality = decision.municipality
    parts = [
        _(
            "Do you disagree with this decision? Then you can object within six "
            "weeks after the day this decision was sent, so until and including "
            "%(deadline)s."
        )
        % {"deadline": _day(decision.objection_deadline)},
        _(
            "Send your objection to the college van burgemeester en wethouders of "
            "%(municipality)s."
        )
        % {"municipality": municipality.name},
    ]
    if municipality.postal_address:
        parts.append(
            _("The address is: %(address)s.")
            % {"address": municipality.postal_address.rstrip(".")}
        )
    parts.append(
        _(
            "Write in it: your name and address, the date, the number of this "
            "decision (%(number)s) and why you disagree. Sign it."
        )
        % {"number": decision.number}
    )
    return " ".join(parts)


def decision_document(
    *, decision: Decision, money: Money = format_euro
) -> DecisionDocument:
    initiative = decision.initiative
    sections: list[Section] = [
        Section(_("Decision"), _decision_paragraphs(decision, money))
    ]
    if decision.motivation:
        reason = (
            capfirst(decision.get_reason_code_display()) if decision.reason_code else ""
        )
        paragraphs = (
            (reason + ".", decision.motivation) if reason else (decision.motivation,)
        )
        sections.append(Section(_("Reasons"), paragraphs))
    advice = _advice_paragraphs(decision, money)
    if advice:
        sections.append(Section(_("Advice of the regiegroep"), advice))
    sections.extend(_award_sections(decision))
    sections.append(Section(_("Objection"), (objection_clause(decision),)))
    contact = initiative.contact_official
    contact_text = (
        _("Your contact person at the municipality is %(name)s.")
        % {"name": contact.display_name}
        if contact is not None
        else _("Questions? Contact the municipality.")
    )
    sections.append(Section(_("Contact"), (contact_text,)))
    initiator = initiative.initiator
    return DecisionDocument(
        municipality=decision.municipality.name,
        title=_("Decision on your application"),
        number=decision.number,
        date=_day(decision.issued_on),
        addressee=initiator.full_name or initiator.display_name,
        subject=initiative.title,
        sections=tuple(sections),
        signature=_("The college van burgemeester en wethouders of %(municipality)s")
        % {"municipality": decision.municipality.name},
    )


# Characters people type that latin-1 lacks, written the closest latin-1 way.
_LATIN1 = str.maketrans(
    {
        "€": "EUR",
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "…": "...",
        "\u202f": " ",
    }
)


def pdf_latin1(text: str) -> str:
    return text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")


def _pdf_money(cents: int) -> str:
    return f"EUR {format_euro_amount(cents)}"


def decision_pdf(*, decision: Decision, compress: bool = True) -> bytes:
    """The beschikking as a PDF document, in the site's language (Dutch)."""
    with translation.override(settings.LANGUAGE_CODE):
        doc = decision_document(decision=decision, money=_pdf_money)
        labels = (
            pgettext("document reference", "Number"),
            _("Date"),
            _("To"),
            _("Subject"),
        )
    pdf = FPDF(format="A4")
    pdf.set_compression(compress)
    pdf.set_title(pdf_latin1(f"{doc.title} {doc.number}"))
    pdf.set_author(pdf_latin1(doc.municipality))
    pdf.set_lang(settings.LANGUAGE_CODE)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()

    def line(text: str, size: int = 11, style: str = "", height: float = 6) -> None:
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.multi_cell(0, height, pdf_latin1(text), new_x="LMARGIN", new_y="NEXT")

    line(doc.municipality, size=14, style="B", height=8)
    pdf.ln(4)
    for label, value in zip(
        labels, (doc.number, doc.date, doc.addressee, doc.subject), strict=True
    ):
        line(f"{label}: {value}")
    pdf.ln(4)
    line(doc.title, size=16, style="B", height=9)
    for section in doc.sections:
        pdf.ln(3)
        line(section.heading, size=12, style="B", height=7)
        for paragraph in section.paragraphs:
            line(paragraph)
            pdf.ln(1)
    pdf.ln(6)
    line(doc.signature, style="I")
    return bytes(pdf.output())
