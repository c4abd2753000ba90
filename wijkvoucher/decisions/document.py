"""The text of a beschikking, shared by its web page and its PDF, and the PDF itself.

The text is built in the active language; the PDF is made in the site's language,
Dutch (Awb 2:6). It is a letter (docs/documents.md): letterhead, addressee, place and
date, reference, subject, the decision with its reasons, the bezwaarclausule and the
signature, kept on one page with the last paragraph. The PDF is tagged for screen
readers (``wijkvoucher.core.pdf``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wijkvoucher.core.dates import format_day
from wijkvoucher.core.money import format_euro_cents
from wijkvoucher.core.pdf import ADDRESS_TOP, LINE, TaggedPdf
from wijkvoucher.decisions.constants import AWARDING, FOLLOW_UP, DecisionOutcome
from wijkvoucher.decisions.models import Decision
from wijkvoucher.decisions.selectors import settlement_text
from wijkvoucher.neighbourhoods.selectors.documents import (
    SignatoryText,
    addressee_lines,
    municipality_contact_lines,
    municipality_letterhead,
    municipality_place,
    signatory_for,
)

Money = Callable[[int], str]


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Signature:
    """The closing and who signs: ``lines`` on whose behalf (or the college itself),
    then the signatory's name and function (empty when the college signs)."""

    closing: str
    lines: tuple[str, ...]
    name: str = ""
    function: str = ""


@dataclass(frozen=True)
class DecisionDocument:
    municipality: str
    contact_lines: tuple[str, ...]
    logo_url: str
    title: str
    number: str
    date: str
    addressee: str
    address_lines: tuple[str, ...]
    subject: str
    references: tuple[tuple[str, str], ...]
    salutation: str
    sections: tuple[Section, ...]
    signature: Signature

    @property
    def signature_text(self) -> str:
        sig = self.signature
        return " ".join(x for x in (*sig.lines, sig.name, sig.function) if x)


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
        DecisionOutcome.SETTLE: _(
            "We set the final amount of your subsidy at %(amount)s. Money you did "
            "not spend goes back to the wijk budget."
        ),
        DecisionOutcome.RECOVER: _(
            "We reclaim %(amount)s of your subsidy. You must pay this amount back "
            "to the municipality."
        ),
        DecisionOutcome.WAIVE: _(
            "We waive %(amount)s of the money we reclaimed from you. You no longer "
            "have to pay this amount back."
        ),
    }[DecisionOutcome(decision.outcome)]
    if decision.outcome in FOLLOW_UP:
        opening = _(
            "You received a subsidy for your plan “%(title)s” in the wijk "
            "%(wijk)s on the basis of %(regulation)s."
        ) % {
            "title": initiative.title,
            "wijk": initiative.neighbourhood.name,
            "regulation": regulation.name,
        }
        if decision.conditions:
            return (opening, result % amounts, decision.conditions)
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
    if decision.deviation_motivation:  # it went against the wijkraadpleging
        return (
            text,
            _("This decision follows the advice."),
            _(
                "We decided differently from what the wijk said in the "
                "wijkraadpleging, for this reason:"
            ),
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
                % {"date": format_day(decision.execution_deadline)},
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
        % {"deadline": format_day(decision.objection_deadline)},
        _(
            "Send your objection to the college van burgemeester en wethouders of "
            "%(municipality)s."
        )
        % {"municipality": municipality_place(municipality)},
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


def _signatory(decision: Decision) -> SignatoryText:
    """Who signed when the decision was issued; a decision not issued yet (a
    preview) shows who would sign now."""
    if decision._state.adding:
        return signatory_for(
            municipality=decision.municipality, authority_mode=decision.authority_mode
        )
    return SignatoryText(
        decision.signatory_name, decision.signatory_function, decision.signatory_mandate
    )


def _signature(decision: Decision) -> Signature:
    place = municipality_place(decision.municipality)
    closing = _("Kind regards,")
    signatory = _signatory(decision)
    if not signatory.name:
        college = _("The college van burgemeester en wethouders of %(place)s") % {
            "place": place
        }
        return Signature(closing, (college,))
    mandate = signatory.mandate or _(
        "on behalf of the college van burgemeester en wethouders of %(place)s,"
    ) % {"place": place}
    return Signature(closing, (mandate,), signatory.name, signatory.function)


def decision_document(
    *, decision: Decision, money: Money = format_euro_cents
) -> DecisionDocument:
    initiative = decision.initiative
    municipality = decision.municipality
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
    addressee = initiator.full_name or initiator.display_name
    date = format_day(decision.issued_on)
    number = decision.number
    return DecisionDocument(
        municipality=municipality.name,
        contact_lines=municipality_contact_lines(municipality),
        logo_url=reverse("neighbourhoods:municipality_logo", args=[municipality.slug])
        if municipality.logo
        else "",
        title=_("Decision on your application"),
        number=number,
        date=date,
        addressee=addressee,
        address_lines=addressee_lines(
            user=initiator,
            on=decision.issued_on,
            neighbourhood_id=initiative.neighbourhood_id,
        ),
        subject=initiative.title,
        references=(
            (
                _("Place and date"),
                f"{municipality_place(municipality)}, {date}",
            ),
            (_("Our reference"), number),
            (_("Subject"), initiative.title),
        ),
        salutation=_("Dear %(name)s,") % {"name": addressee},
        sections=tuple(sections),
        signature=_signature(decision),
    )


# The language tag of the PDF: the site's language, as spoken in the Netherlands.
PDF_LANGUAGE = {"nl": "nl-NL", "en": "en-GB"}


def pdf_page_label() -> str:
    return _("Page %(page)s of %(pages)s")


def decision_pdf(*, decision: Decision, compress: bool = True) -> bytes:
    """The beschikking as a tagged PDF letter, in the site's language (Dutch)."""
    with translation.override(settings.LANGUAGE_CODE):
        doc = decision_document(decision=decision)
        head = municipality_letterhead(decision.municipality)
        page_label = pdf_page_label()
        reference = pgettext("document reference", "Number")
    pdf = TaggedPdf(
        title=f"{doc.title} {doc.number}",
        language=PDF_LANGUAGE.get(settings.LANGUAGE_CODE, settings.LANGUAGE_CODE),
        author=doc.municipality,
        page_label=page_label,
        running_head=f"{doc.municipality} · {reference} {doc.number}",
        compress=compress,
    )
    pdf.add_page()
    pdf.set_y(max(pdf.letterhead(head), ADDRESS_TOP))
    pdf.paragraph("\n".join((doc.addressee, *doc.address_lines)), after=9)
    pdf.rows(doc.references)
    pdf.heading(doc.title, level=1)
    pdf.paragraph(doc.salutation)
    *body, last = doc.sections
    for section in body:
        _pdf_section(pdf, section)
    # The last section, the closing and the signature stay on one page.
    signature_height = _signature_height(pdf, doc.signature)
    keep = (
        sum(pdf.text_height(p) + 2.6 for p in last.paragraphs) + 12 + signature_height
    )
    pdf.ensure_space(min(keep, pdf.bottom - pdf.t_margin - 10))
    _pdf_section(pdf, last, keep=signature_height)
    _pdf_signature(pdf, doc.signature)
    return pdf.output_bytes()


def _pdf_section(pdf: TaggedPdf, section: Section, keep: float = 2 * LINE) -> None:
    pdf.heading(section.heading, level=2, keep=keep)
    for paragraph in section.paragraphs:
        pdf.paragraph(paragraph)


SIGNING_SPACE = 14.0  # mm left open for a handwritten or printed signature


def _signature_height(pdf: TaggedPdf, signature: Signature) -> float:
    height = 2 + LINE + sum(pdf.text_height(line) for line in signature.lines)
    if signature.name:
        height += SIGNING_SPACE + 2 * LINE
    return height + 4


def _pdf_signature(pdf: TaggedPdf, signature: Signature) -> None:
    pdf.ensure_space(_signature_height(pdf, signature))
    pdf.set_y(pdf.get_y() + 2)
    pdf.paragraph(signature.closing, after=0)
    pdf.paragraph(
        "\n".join(signature.lines), after=SIGNING_SPACE if signature.name else 0
    )
    if signature.name:
        pdf.paragraph(
            "\n".join(x for x in (signature.name, signature.function) if x), after=0
        )
