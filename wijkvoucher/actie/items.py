"""The items of the two ACTIE forms, per letter (docs/actie.md says where they come
from). Declarative: the form, the scoring, the page, the PDF and the reports read
this table. An item's code never changes once answers refer to it; a new item gets
a new code."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wijkvoucher.actie.constants import Letter, Variant


@dataclass(frozen=True)
class Item:
    code: str
    letter: Letter
    text: str | Promise
    # The ACTIE-punt the page suggests when the item scores 1 or 2.
    hint: str | Promise


A, C, T, EMB, E = (
    Letter.ANIMO,
    Letter.CONTACTS,
    Letter.EQUIPMENT,
    Letter.EMBEDDING,
    Letter.EMPATHY,
)

FRONTLINE: tuple[Item, ...] = (
    Item(
        "A1",
        A,
        _(
            "The initiators know what drives them: meeting people, reaching a goal, "
            "or both."
        ),
        _("Talk with the initiators about why they want this and what it gives them."),
    ),
    Item(
        "A2",
        A,
        _("Other people in the buurt share the initiators' motivation."),
        _("Help the initiators find out who else in the buurt cares about this."),
    ),
    Item(
        "A3",
        A,
        _("The municipality is keen on this initiative too."),
        _("Say openly what the municipality thinks of the plan, and why."),
    ),
    Item(
        "A4",
        A,
        _("The initiative stays in the residents' hands; nobody has taken it over."),
        _("Give the plan back to the initiators: ask before you act."),
    ),
    Item(
        "C1",
        C,
        _("The initiators have contacts with their neighbours."),
        _(
            "Help the initiators reach their neighbours, for example with a flyer or a meeting."
        ),
    ),
    Item(
        "C2",
        C,
        _("The initiators have contacts with organisations in the buurt."),
        _(
            "Put the initiators in touch with a community centre, school or association nearby."
        ),
    ),
    Item(
        "C3",
        C,
        _(
            "The initiators have contacts with public bodies (municipality, housing corporation, police)."
        ),
        _(
            "Introduce the initiators to the right person at the municipality or corporation."
        ),
    ),
    Item(
        "C4",
        C,
        _(
            "The group represents the buurt and includes residents who were not active before."
        ),
        _("Look together for people in the buurt who do not join in yet."),
    ),
    Item(
        "T1",
        T,
        _("The group has the money or things it needs."),
        _("Look at what the voucher, the buurt or partners can lend or give."),
    ),
    Item(
        "T2",
        T,
        _("The group has enough time."),
        _("Make the plan smaller or spread the work over more people."),
    ),
    Item(
        "T3",
        T,
        _("The group has the skills it needs: a budget, permits, organising."),
        _("Offer help with the budget, the permit or the planning."),
    ),
    Item(
        "T4",
        T,
        _("The support the group needs is known and written down."),
        _("Ask the initiators what help they need and write it down."),
    ),
    Item(
        "I1",
        EMB,
        _("The initiative fits the way the municipality works, or can be made to fit."),
        _("Find out which department or process the plan touches."),
    ),
    Item(
        "I2",
        EMB,
        _("The initiators have one fixed contact at the municipality."),
        _("Make sure the initiators know who their one contact person is."),
    ),
    Item(
        "I3",
        EMB,
        _("Rules, permits and other departments are lined up."),
        _("Line up the permits and the departments involved before the activity."),
    ),
    Item(
        "E1",
        E,
        _("Contact with the initiators goes well."),
        _("Plan a conversation about how the contact is going."),
    ),
    Item(
        "E2",
        E,
        _(
            "Expectations have been discussed: what is realistic, what is possible, and why not."
        ),
        _("Discuss what the municipality can and cannot do, and explain why."),
    ),
    Item(
        "E3",
        E,
        _("We answer in time and in plain language."),
        _("Answer sooner and in plain words; agree when the initiators hear from us."),
    ),
)

ORGANISATION: tuple[Item, ...] = (
    Item(
        "A1",
        A,
        _("Our procedures encourage residents' motivation instead of breaking it."),
        _(
            "Find the steps in our procedures that discourage initiators, and remove them."
        ),
    ),
    Item(
        "A2",
        A,
        _("There are clear frames for how much room initiatives get."),
        _(
            "Write down what initiatives may decide themselves and where the limits are."
        ),
    ),
    Item(
        "A3",
        A,
        _("The initiators' goals come first, not our own policy goals."),
        _("Check whether we ask initiatives to serve our policy goals."),
    ),
    Item(
        "C1",
        C,
        _("We connect initiatives with networks and with each other."),
        _("Organise a meeting where initiatives and partners in the wijk meet."),
    ),
    Item(
        "C2",
        C,
        _("We reach groups that usually stay on the side."),
        _("Go to places where people who do not join in yet come together."),
    ),
    Item(
        "T1",
        T,
        _("Budget, materials and spaces are available."),
        _("Make a list of the spaces and materials initiatives can use."),
    ),
    Item(
        "T2",
        T,
        _("There are enough people and hours to support initiatives."),
        _("Plan the hours for supporting initiatives in the team's work."),
    ),
    Item(
        "T3",
        T,
        _("The municipality takes paperwork and red tape off the initiators' hands."),
        _(
            "Take over a form or a permit request that initiators now fill in themselves."
        ),
    ),
    Item(
        "I1",
        EMB,
        _(
            "There is one front door, with mandates and coordination between departments."
        ),
        _("Agree who decides what, so that initiators get one answer."),
    ),
    Item(
        "I2",
        EMB,
        _("Supporting initiatives is part of the staff's tasks and time."),
        _("Put supporting initiatives in the task descriptions and the hours."),
    ),
    Item(
        "E1",
        E,
        _("We listen, and explain why plans do not go ahead."),
        _("Tell initiators why a plan does not go ahead, in plain words."),
    ),
    Item(
        "E2",
        E,
        _("Staff are trained to work with resident initiatives."),
        _("Plan a training for the staff who work with initiatives."),
    ),
)

FORMS: dict[str, tuple[Item, ...]] = {
    Variant.FRONTLINE: FRONTLINE,
    Variant.ORGANISATION: ORGANISATION,
}


def items_of(variant: str) -> tuple[Item, ...]:
    return FORMS[variant]


def item_of(variant: str, code: str) -> Item | None:
    return next((item for item in FORMS[variant] if item.code == code), None)
