"""The voter roll: importing the register (codes for the letters), replacing a lost
letter, and the credential of a resident who votes with their account."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wijkvoucher.consultations.choices import BallotRules
from wijkvoucher.consultations.codes import code_digest, code_generate, person_digest
from wijkvoucher.consultations.constants import AgeBasis, BallotChannel
from wijkvoucher.consultations.eligibility import age_on, vote_day
from wijkvoucher.consultations.models import Consultation, Credential
from wijkvoucher.consultations.rows import RegisterRow
from wijkvoucher.consultations.services.ballots import BallotOrigin, ballot_cast
from wijkvoucher.consultations.services.guards import (
    consultation_lock,
    require_organiser,
    require_running,
)
from wijkvoucher.core.services import audit_record
from wijkvoucher.neighbourhoods.selectors.addresses import addresses_current

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User
    from wijkvoucher.neighbourhoods.models import Address

_POSTCODE = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")


def _row_error(number: int, message: Any) -> ValidationError:
    return ValidationError(
        _("Row %(row)s: %(problem)s"),
        code="bad_row",
        params={"row": number, "problem": message},
    )


def _row_problem(
    row: RegisterRow,
    postcode: str,
    ranges: list[tuple[str, str]],
    *,
    per_household: bool,
) -> Any:
    if not per_household and not row.name.strip():
        return _("the name is missing.")
    if not _POSTCODE.fullmatch(postcode):
        return _("%(postcode)s is not a postcode.") % {"postcode": row.postcode}
    if not 1 <= row.house_number <= 99999:
        return _("the house number is missing or wrong.")
    if not any(start <= postcode <= end for start, end in ranges):
        return _("this address is not in the wijk.")
    return None


def _letter_street(row: RegisterRow) -> str:
    number = f"{row.house_number}{row.house_letter.strip()}"
    if row.addition.strip():
        number += f"-{row.addition.strip()}"
    return f"{row.street.strip()} {number}".strip()


def _postcode_shown(postcode: str) -> str:
    return f"{postcode[:4]} {postcode[4:]}"


def _new_code(taken: set[str]) -> tuple[str, str]:
    while True:
        code = code_generate()
        digest = code_digest(code) or ""
        if digest not in taken:
            taken.add(digest)
            return code, digest


def _credentials_from_rows(
    consultation: Consultation, rows: Sequence[RegisterRow]
) -> tuple[list[tuple[Credential, str]], dict[str, int]]:
    """New credentials (with their codes) for the eligible rows not yet on the roll;
    raises every row's problem at once."""
    ranges = list(
        consultation.neighbourhood.postcode_ranges.values_list("start", "end")
    )
    per_household = consultation.per_household
    on_roll = set(
        Credential.objects.filter(consultation=consultation).values_list(
            "person_digest", flat=True
        )
    )
    day = vote_day(consultation.closes_at)
    errors: list[ValidationError] = []
    made: list[tuple[Credential, str]] = []
    counts = {"too_young": 0, "already_on_roll": 0}
    taken: set[str] = set()
    for number, row in enumerate(rows, start=1):
        postcode = re.sub(r"\s+", "", row.postcode).upper()
        problem = _row_problem(row, postcode, ranges, per_household=per_household)
        if problem is not None:
            errors.append(_row_error(row.line or number, problem))
            continue
        if row.birth_date is not None and (
            age_on(row.birth_date, day) < consultation.min_age
        ):
            counts["too_young"] += 1
            continue
        digest = person_digest(
            postcode=postcode,
            house_number=row.house_number,
            house_letter=row.house_letter,
            addition=row.addition,
            name=None if per_household else row.name,
        )
        if digest in on_roll:
            counts["already_on_roll"] += 1
            continue
        on_roll.add(digest)
        code, secret = _new_code(taken)
        credential = Credential(
            consultation=consultation,
            code_digest=secret,
            person_digest=digest,
            letter_name="" if per_household else row.name.strip(),
            letter_street=_letter_street(row),
            letter_postcode=_postcode_shown(postcode),
            letter_city=row.city.strip(),
        )
        made.append((credential, code))
    if errors:
        raise ValidationError(errors)
    return made, counts


@transaction.atomic
def credentials_import(
    *, actor: User, consultation: Consultation, rows: Sequence[RegisterRow]
) -> list[tuple[Credential, str]]:
    """Put the residents of the register extract on the roll, all or nothing: a row
    with a problem refuses the whole import and every problem is named by its row.
    Residents younger than the consultation's minimum age on the closing day are left
    out, as are people (per household: addresses) already on the roll or named twice.
    Returns each new credential with its code, formatted for the letter: the codes
    are not stored, so the letters are made from this answer."""
    consultation = consultation_lock(consultation)
    require_organiser(actor=actor, neighbourhood=consultation.neighbourhood)
    require_running(consultation)
    made, counts = _credentials_from_rows(consultation, rows)
    Credential.objects.bulk_create([credential for credential, _code in made])
    audit_record(
        actor=actor,
        action="consultations.credentials_import",
        subject=consultation,
        data={"rows": len(rows), "credentials": len(made), **counts},
    )
    return made


@transaction.atomic
def credential_replace_letter(
    *, actor: User, credential: Credential
) -> tuple[Credential, str]:
    """A new letter for a lost one: a new code; the old code stops working. A ballot
    already cast stays (and can be replaced with the new code)."""
    consultation = consultation_lock(credential.consultation)
    require_organiser(actor=actor, neighbourhood=consultation.neighbourhood)
    require_running(consultation)
    locked = Credential.objects.select_for_update(of=("self",)).get(
        pk=credential.pk, consultation=consultation
    )
    if locked.revoked or locked.code_digest is None:
        raise ValidationError(
            _("This entry of the roll has no letter to replace."), code="no_letter"
        )
    taken = set(
        Credential.objects.filter(consultation=consultation).values_list(
            "code_digest", flat=True
        )
    ) - {None}
    code, secret = _new_code(taken)  # type: ignore[arg-type]
    locked.code_digest = secret
    locked.letter_number += 1
    locked.save(update_fields=["code_digest", "letter_number"])
    audit_record(
        actor=actor,
        action="consultations.credential_replace_letter",
        subject=locked,
        data={"letter_number": locked.letter_number},
    )
    return locked, code


def _confirmed_address(user: User, consultation: Consultation) -> Address:
    address = (
        addresses_current(user=user)
        .filter(
            neighbourhood_id=consultation.neighbourhood_id,
            residency_confirmed_at__isnull=False,
        )
        .first()
    )
    if address is None:
        raise ValidationError(
            _(
                "To vote with your account, the municipality must first confirm "
                "that you live in this wijk."
            ),
            code="no_confirmed_address",
        )
    return address


def _person_of(user: User, address: Address, consultation: Consultation) -> str:
    name: str | None = None
    if not consultation.per_household:
        # Without a name, the account itself stands for the person.
        name = user.full_name or f"account {user.uuid}"
    return person_digest(
        postcode=address.postcode,
        house_number=address.house_number,
        house_letter=address.house_letter,
        addition=address.house_number_addition,
        name=name,
    )


def _taken() -> ValidationError:
    return ValidationError(
        _("Someone else already votes for this address or person."),
        code="credential_taken",
    )


def _registered(consultation: Consultation, person: str, user: User) -> Credential:
    found = (
        Credential.objects.select_for_update(of=("self",))
        .filter(consultation=consultation, person_digest=person)
        .order_by("pk")
        .first()
    )
    if found is None or found.revoked:
        raise ValidationError(
            _(
                "We could not find you on the list of voters. Use the code from "
                "the letter you received."
            ),
            code="use_letter",
        )
    if found.user_id is not None and found.user_id != user.pk:
        raise _taken()
    return found


def _age_facts(consultation: Consultation) -> dict[str, Any]:
    return {
        "age": consultation.min_age,
        "day": date_format(vote_day(consultation.closes_at), "DATE_FORMAT"),
    }


def _age_basis(
    address: Address, consultation: Consultation, *, age_declared: bool
) -> str:
    """How an account without a register meets the consultation's minimum age on
    the vote day: by the birth date an official recorded from the BRP (refused when
    younger), else by the resident's own declaration (refused without it)."""
    if consultation.min_age <= 0:
        return AgeBasis.NONE
    birth_date = address.birth_date_confirmed
    if birth_date is not None:
        if age_on(birth_date, vote_day(consultation.closes_at)) < consultation.min_age:
            raise ValidationError(
                _(
                    "This wijkraadpleging is for residents who are %(age)s or older "
                    "on %(day)s. By the birth date the municipality recorded with "
                    "your address, you are younger on that day, so you cannot vote. "
                    "If the birth date is wrong, please contact the municipality."
                ),
                code="too_young",
                params=_age_facts(consultation),
            )
        return AgeBasis.BIRTH_DATE
    if not age_declared:
        raise age_declaration_needed(consultation)
    return AgeBasis.DECLARED


def age_declaration_needed(consultation: Consultation) -> ValidationError:
    """The refusal of an account that has to declare its age first."""
    return ValidationError(
        _(
            "Tick the box to declare that you are %(age)s or older on %(day)s. "
            "Only then can you vote."
        ),
        code="age_declaration_needed",
        params=_age_facts(consultation),
    )


@transaction.atomic
def account_credential_for(
    *, user: User, consultation: Consultation, age_declared: bool = False
) -> Credential:
    """The credential a resident votes with from their account. Needs a current
    address in the wijk whose residency the municipality confirmed. With a register
    on the roll, the resident must be on it (address, and name unless per household;
    the register checked the age); without one, the credential is made now (one per
    person, or per address), and with a minimum age the resident must meet it: by
    the birth date recorded with the address, or else by declaring it
    (``age_declared``; refused with ``age_declaration_needed`` without it). Nothing
    is written when refused."""
    require_running(consultation)
    own = Credential.objects.filter(consultation=consultation, user=user).first()
    if own is not None:
        return own
    address = _confirmed_address(user, consultation)
    person = _person_of(user, address, consultation)
    register = Credential.objects.filter(
        consultation=consultation, code_digest__isnull=False
    ).exists()
    age_basis: str = AgeBasis.NONE
    if register:
        credential = _registered(consultation, person, user)
        credential.user = user
        credential.save(update_fields=["user"])
    else:
        if Credential.objects.filter(
            consultation=consultation, person_digest=person
        ).exists():
            raise _taken()
        age_basis = _age_basis(address, consultation, age_declared=age_declared)
        try:
            with transaction.atomic():
                credential = Credential.objects.create(
                    consultation=consultation,
                    person_digest=person,
                    user=user,
                    age_basis=age_basis,
                )
        except IntegrityError:
            # Another request of the same account (or address) was first.
            own = Credential.objects.filter(
                consultation=consultation, user=user
            ).first()
            if own is None:
                raise _taken() from None
            return own
    audit_record(
        actor=user,
        action="consultations.credential_for_account",
        subject=credential,
        data={"register": register, "age_basis": str(age_basis)},
    )
    return credential


@transaction.atomic
def account_ballot_cast(
    *,
    user: User,
    consultation: Consultation,
    age_declared: bool,
    choices: object,
    origin: BallotOrigin | None = None,
    rules: BallotRules | None = None,
) -> tuple[Credential, str]:
    """The first ballot of an account that declares its age on the ballot page: the
    credential (``account_credential_for``, with the declaration) and the ballot
    (``ballot_cast``) in one transaction, so that a refused ballot leaves no
    credential and a refused credential no ballot. Returns the credential and the
    receipt."""
    credential = account_credential_for(
        user=user, consultation=consultation, age_declared=age_declared
    )
    receipt = ballot_cast(
        consultation=consultation,
        credential=credential,
        choices=choices,
        channel=BallotChannel.ACCOUNT,
        origin=origin,
        rules=rules,
    )
    return credential, receipt
