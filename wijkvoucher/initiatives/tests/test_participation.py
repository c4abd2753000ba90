"""Co-initiators invited by e-mail and neighbours who sign support: the services'
guards, the rule check's supporter count, and the pages."""

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

import pytest
import time_machine

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.checks import plan_checks
from wijkvoucher.initiatives.constants import AttachmentKind, InitiativeStatus
from wijkvoucher.initiatives.models import (
    Attachment,
    CoInitiator,
    Initiative,
    SupportSignature,
)
from wijkvoucher.initiatives.selectors.participation import (
    co_initiator_users,
    support_summary,
    token_hash,
)
from wijkvoucher.initiatives.services import (
    co_initiator_accept,
    co_initiator_decline,
    co_initiator_invite,
    co_initiator_revoke,
    support_sign,
    support_withdraw,
)
from wijkvoucher.initiatives.services.participation import MAX_OPEN_INVITES
from wijkvoucher.initiatives.tests.factories import (
    complete_draft,
    initiative_in,
    neighbourhood_ready,
    resident,
)
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.services.regulations import start_of_day
from wijkvoucher.neighbourhoods.tests.factories import (
    AddressFactory,
    RegulationVersionFactory,
)
from wijkvoucher.neighbourhoods.tests.helpers import (
    HttpsClient,
    neighbourhood_with_postcodes,
    official,
    on_day,
    sign_in,
)
from wijkvoucher.notifications.models import Notification

S = InitiativeStatus
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day(), translation.override("en"):
        yield


@pytest.fixture
def client() -> Client:
    return HttpsClient()


def _invite(
    initiative: Initiative,
    email: str,
    capture: Callable[..., Any],
) -> tuple[CoInitiator, str]:
    """Invite ``email`` and return the invitation and the token from the e-mail."""
    with capture(execute=True):
        row = co_initiator_invite(
            actor=initiative.initiator, initiative=initiative, email=email
        )
    found = re.search(r"/uitnodiging/([^/\s]+)/", mail.outbox[-1].body)
    assert found is not None
    return row, found.group(1)


def _state() -> tuple[Any, ...]:
    return (
        AuditEvent.objects.count(),
        list(CoInitiator.objects.order_by("pk").values()),
        list(SupportSignature.objects.order_by("pk").values()),
    )


def _neighbour(neighbourhood: Neighbourhood, **fields: Any) -> User:
    return resident(neighbourhood, **fields)


# --- Co-initiators: services --------------------------------------------------------


def test_an_invitation_mails_a_link_whose_token_is_stored_only_as_a_hash(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    # given a draft
    draft = complete_draft()
    # when its initiator invites a neighbour, with capitals in the address
    row, token = _invite(
        draft, "  Buur@Example.NL ", django_capture_on_commit_callbacks
    )
    # then one e-mail goes out, to the address in lower case, with a link
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["buur@example.nl"]
    assert draft.title in mail.outbox[0].body
    # and the database holds only the hash of the token, expiring in 14 days
    row.refresh_from_db()
    assert row.email == "buur@example.nl"
    assert row.token_hash == token_hash(token)
    assert token not in str(CoInitiator.objects.filter(pk=row.pk).values().get())
    assert row.expires_at == timezone.now() + dt.timedelta(days=14)
    event = AuditEvent.objects.get(action="initiatives.co_initiator_invite")
    assert "buur" not in str(event.data)


def test_nothing_is_mailed_when_the_invitation_rolls_back(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    draft = complete_draft()

    def invite_then_fail() -> None:
        with transaction.atomic():
            co_initiator_invite(
                actor=draft.initiator, initiative=draft, email="buur@example.nl"
            )
            raise RuntimeError

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
    ):
        invite_then_fail()
    assert mail.outbox == []
    assert not CoInitiator.objects.exists()


@pytest.mark.parametrize(
    ("email", "code"),
    [("niet-een-adres", "invalid_email"), ("SELF", "self_invite")],
)
def test_a_bad_address_or_oneself_is_refused(email: str, code: str) -> None:
    draft = complete_draft()
    if email == "SELF":
        email = (draft.initiator.email or "").upper()
    before = _state()
    with pytest.raises(ValidationError) as refused:
        co_initiator_invite(actor=draft.initiator, initiative=draft, email=email)
    assert refused.value.code == code
    assert _state() == before


def test_only_the_initiator_invites() -> None:
    draft = complete_draft()
    before = _state()
    with pytest.raises(PermissionDenied):
        co_initiator_invite(
            actor=UserFactory(), initiative=draft, email="buur@example.nl"
        )
    assert _state() == before


def test_the_same_address_twice_and_too_many_open_invitations_are_refused(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    draft = complete_draft()
    for n in range(MAX_OPEN_INVITES):
        _invite(draft, f"buur{n}@example.nl", django_capture_on_commit_callbacks)
    before = _state()
    with pytest.raises(ValidationError) as twice:
        co_initiator_invite(
            actor=draft.initiator, initiative=draft, email="BUUR0@example.nl"
        )
    assert twice.value.code == "already_invited"
    with pytest.raises(ValidationError) as many:
        co_initiator_invite(
            actor=draft.initiator, initiative=draft, email="nog1@example.nl"
        )
    assert many.value.code == "too_many_invites"
    assert _state() == before


def test_the_database_refuses_a_second_live_invitation_for_one_address() -> None:
    draft = complete_draft()
    fields = {
        "initiative": draft,
        "email": "buur@example.nl",
        "invited_by": draft.initiator,
        "expires_at": timezone.now(),
    }
    CoInitiator.objects.create(token_hash="a" * 64, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        CoInitiator.objects.create(token_hash="b" * 64, **fields)
    # a withdrawn invitation does not count
    CoInitiator.objects.update(revoked_at=timezone.now())
    CoInitiator.objects.create(token_hash="c" * 64, **fields)


def test_a_decided_plan_takes_no_invitations() -> None:
    plan = initiative_in(S.REJECTED)
    before = _state()
    with pytest.raises(ValidationError) as refused:
        co_initiator_invite(
            actor=plan.initiator, initiative=plan, email="buur@example.nl"
        )
    assert refused.value.code == "decided"
    assert _state() == before


def test_the_invited_person_accepts_once_and_the_initiator_is_told(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    # given an invitation to someone who has an account with that address
    draft = complete_draft()
    row, token = _invite(draft, "buur@example.nl", django_capture_on_commit_callbacks)
    invitee: User = UserFactory(email="buur@example.nl")
    # when they accept
    co_initiator_accept(actor=invitee, token=token)
    # then they are a co-initiator and the initiator gets a message
    row.refresh_from_db()
    assert row.user == invitee
    assert row.accepted_at is not None
    assert co_initiator_users(initiative=draft) == [invitee]
    assert Notification.objects.filter(
        recipient=draft.initiator, kind="co_initiator_accepted"
    ).exists()
    # and the link does not work a second time
    before = _state()
    with pytest.raises(ValidationError) as again:
        co_initiator_accept(actor=invitee, token=token)
    assert again.value.code == "used"
    with pytest.raises(ValidationError) as decline:
        co_initiator_decline(actor=invitee, token=token)
    assert decline.value.code == "used"
    assert _state() == before


def test_a_wrong_token_a_wrong_address_and_an_expired_link_are_refused(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    draft = complete_draft()
    _row, token = _invite(draft, "buur@example.nl", django_capture_on_commit_callbacks)
    invitee = UserFactory(email="buur@example.nl")
    stranger = UserFactory(email="iemand@example.nl")
    before = _state()
    with pytest.raises(ValidationError) as wrong_token:
        co_initiator_accept(actor=invitee, token=token + "x")
    assert wrong_token.value.code == "invalid_token"
    with pytest.raises(ValidationError) as wrong_email:
        co_initiator_accept(actor=stranger, token=token)
    assert wrong_email.value.code == "wrong_email"
    with (
        time_machine.travel(timezone.now() + dt.timedelta(days=14, seconds=1)),
        pytest.raises(ValidationError) as expired,
    ):
        co_initiator_accept(actor=invitee, token=token)
    assert expired.value.code == "expired"
    assert _state() == before


def test_a_withdrawn_invitation_no_longer_works(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    draft = complete_draft()
    row, token = _invite(draft, "buur@example.nl", django_capture_on_commit_callbacks)
    invitee = UserFactory(email="buur@example.nl")
    co_initiator_revoke(actor=draft.initiator, co_initiator=row)
    before = _state()
    with pytest.raises(ValidationError) as refused:
        co_initiator_accept(actor=invitee, token=token)
    assert refused.value.code == "invalid_token"
    with pytest.raises(ValidationError) as twice:
        co_initiator_revoke(actor=draft.initiator, co_initiator=row)
    assert twice.value.code == "revoked"
    assert _state() == before


def test_someone_else_cannot_withdraw_an_invitation(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    draft = complete_draft()
    row, _token = _invite(draft, "buur@example.nl", django_capture_on_commit_callbacks)
    before = _state()
    with pytest.raises(PermissionDenied):
        co_initiator_revoke(actor=UserFactory(), co_initiator=row)
    assert _state() == before


def test_declining_records_no_and_adds_nobody(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    draft = complete_draft()
    row, token = _invite(draft, "buur@example.nl", django_capture_on_commit_callbacks)
    invitee = UserFactory(email="buur@example.nl")
    co_initiator_decline(actor=invitee, token=token)
    row.refresh_from_db()
    assert row.declined_at is not None
    assert row.user is None
    assert co_initiator_users(initiative=draft) == []


# --- Support: services --------------------------------------------------------------


def test_neighbours_sign_and_households_are_counted_once() -> None:
    # given a submitted plan and three neighbours, two of them in one household
    plan = initiative_in(S.SUBMITTED)
    wijk = plan.neighbourhood
    first, second = UserFactory(), UserFactory()
    for user in (first, second):
        AddressFactory(user=user, postcode="1000AC", house_number=7, neighbourhood=wijk)
    third = _neighbour(wijk)
    against = _neighbour(wijk)
    # when they sign
    support_sign(actor=first, initiative=plan, stance="for")
    support_sign(actor=second, initiative=plan, stance="for", comment="  Leuk!  ")
    support_sign(actor=third, initiative=plan, stance="for")
    support_sign(actor=against, initiative=plan, stance="against")
    # then the shared household counts once
    summary = support_summary(initiative=plan)
    assert summary.households_for == 2
    assert summary.households_against == 1
    assert summary.households_neutral == 0
    assert SupportSignature.objects.get(signer=second).comment == "Leuk!"
    # and changing one's mind replaces the answer
    support_sign(actor=against, initiative=plan, stance="neutral")
    summary = support_summary(initiative=plan)
    assert (summary.households_against, summary.households_neutral) == (0, 1)
    assert SupportSignature.objects.filter(signer=against).count() == 1
    # and withdrawing removes it
    support_withdraw(actor=against, initiative=plan)
    assert support_summary(initiative=plan).households_neutral == 0


def test_someone_from_another_wijk_cannot_sign() -> None:
    plan = initiative_in(S.SUBMITTED)
    elsewhere = neighbourhood_ready(start="2000AA", end="2000ZZ")
    outsider = UserFactory()
    AddressFactory(user=outsider, postcode="2000AB", neighbourhood=elsewhere)
    before = _state()
    with pytest.raises(ValidationError) as refused:
        support_sign(actor=outsider, initiative=plan, stance="for")
    assert refused.value.code == "not_resident"
    with pytest.raises(ValidationError) as nobody:
        support_sign(actor=UserFactory(), initiative=plan, stance="for")
    assert nobody.value.code == "not_resident"
    assert _state() == before


def test_someone_who_moved_out_cannot_sign() -> None:
    plan = initiative_in(S.SUBMITTED)
    moved = UserFactory()
    AddressFactory(
        user=moved,
        postcode="1000AD",
        neighbourhood=plan.neighbourhood,
        valid_until=dt.date(2026, 6, 1),
    )
    before = _state()
    with pytest.raises(ValidationError) as refused:
        support_sign(actor=moved, initiative=plan, stance="for")
    assert refused.value.code == "not_resident"
    assert _state() == before


def test_the_initiator_and_a_co_initiator_cannot_sign_their_own_plan(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    plan = initiative_in(S.SUBMITTED)
    _row, token = _invite(plan, "mede@example.nl", django_capture_on_commit_callbacks)
    co = _neighbour(plan.neighbourhood, email="mede@example.nl")
    co_initiator_accept(actor=co, token=token)
    before = _state()
    for actor in (plan.initiator, co):
        with pytest.raises(ValidationError) as refused:
            support_sign(actor=actor, initiative=plan, stance="for")
        assert refused.value.code == "own_plan"
    assert _state() == before


@pytest.mark.parametrize("status", [S.AWARDED, S.REJECTED, S.WITHDRAWN])
def test_support_is_closed_once_the_plan_is_decided(status: S) -> None:
    plan = initiative_in(status)
    neighbour = _neighbour(plan.neighbourhood)
    before = _state()
    with pytest.raises(ValidationError) as refused:
        support_sign(actor=neighbour, initiative=plan, stance="for")
    assert refused.value.code == "not_open_for_support"
    assert _state() == before


def test_a_decided_plan_keeps_its_signatures() -> None:
    plan = initiative_in(S.SUBMITTED)
    neighbour = _neighbour(plan.neighbourhood)
    support_sign(actor=neighbour, initiative=plan, stance="for")
    Initiative.objects.filter(pk=plan.pk).update(status=S.REJECTED)
    plan.refresh_from_db()
    before = _state()
    with pytest.raises(ValidationError) as refused:
        support_withdraw(actor=neighbour, initiative=plan)
    assert refused.value.code == "not_open_for_support"
    assert _state() == before


def test_an_unknown_stance_and_withdrawing_without_signing_are_refused() -> None:
    plan = initiative_in(S.SUBMITTED)
    neighbour = _neighbour(plan.neighbourhood)
    before = _state()
    with pytest.raises(ValidationError) as stance:
        support_sign(actor=neighbour, initiative=plan, stance="maybe")
    assert stance.value.code == "unknown_stance"
    with pytest.raises(ValidationError) as unsigned:
        support_withdraw(actor=neighbour, initiative=plan)
    assert unsigned.value.code == "not_signed"
    assert _state() == before


# --- The supporter rule -------------------------------------------------------------


def _supporters_check(plan: Initiative) -> Any:
    return next(c for c in plan_checks(initiative=plan) if c.code == "supporters")


def test_the_rule_counts_online_households_and_declared_lists() -> None:
    # given a submitted plan (the regeling asks for 5 households) with two neighbours
    # for, one against, and a signed list of three households
    plan = initiative_in(S.SUBMITTED)
    for _ in range(2):
        support_sign(
            actor=_neighbour(plan.neighbourhood), initiative=plan, stance="for"
        )
    support_sign(
        actor=_neighbour(plan.neighbourhood), initiative=plan, stance="against"
    )
    check = _supporters_check(plan)
    assert check.outcome == "warning"
    assert "in favour of your plan: 2" in check.message
    assert "Households against: 1" in check.message
    Attachment.objects.create(
        initiative=plan,
        kind=AttachmentKind.SUPPORT_LIST,
        file="initiatives/x/list.pdf",
        original_name="lijst.pdf",
        content_type="application/pdf",
        size_bytes=10,
        uploaded_by=plan.initiator,
        declared_signatures=3,
    )
    # then the count is 5, which is enough, and says the list is checked
    check = _supporters_check(plan)
    assert check.outcome == "pass"
    assert "in favour of your plan: 5" in check.message
    assert "Your contact person checks the lists." in check.message


def test_opponents_are_not_reported_when_the_regeling_does_not_record_them() -> None:
    # given a wijk whose regeling does not record opponents
    wijk = neighbourhood_with_postcodes()
    RegulationVersionFactory(
        regulation=wijk.regulation,
        valid_from=start_of_day(dt.date(2026, 1, 1)),
        record_opponents=False,
    )
    wijk.contact_official = official(neighbourhood=wijk)
    wijk.save(update_fields=["contact_official"])
    plan = initiative_in(S.SUBMITTED, neighbourhood=wijk)
    support_sign(
        actor=_neighbour(plan.neighbourhood), initiative=plan, stance="against"
    )
    # then the check says nothing about households against
    assert "against" not in _supporters_check(plan).message


# --- Pages --------------------------------------------------------------------------


def test_the_initiator_invites_on_the_plan_page_and_errors_keep_the_input(
    client: Client, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    draft = complete_draft()
    sign_in(client, draft.initiator)
    url = reverse("initiatives:co_initiator_invite", args=[draft.uuid])
    response = client.post(url, {"email": "niet goed"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="niet goed"' in page
    assert 'id="id_email-error"' in page
    assert not CoInitiator.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "buur@example.nl"})
    assert response.status_code == 302
    assert CoInitiator.objects.get().email == "buur@example.nl"
    detail = client.get(reverse("initiatives:plan_detail", args=[draft.uuid]))
    assert "buur@example.nl" in detail.content.decode()
    assert "Invited, no answer yet" in detail.content.decode()


def test_the_invitation_page_asks_to_sign_in_then_accepts(
    client: Client, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    draft = complete_draft()
    _row, token = _invite(draft, "buur@example.nl", django_capture_on_commit_callbacks)
    url = reverse("initiatives:co_initiator_invitation", args=[token])
    # an anonymous visitor is sent to sign in, and back
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "next=" in response["Location"]
    # signed in with another address: told so, no buttons
    sign_in(client, UserFactory(email="ander@example.nl"))
    page = client.get(url).content.decode()
    assert draft.title in page
    assert "another e-mail address" in page
    assert 'value="accept"' not in page
    # signed in with the invited address: yes
    invitee = UserFactory(email="buur@example.nl")
    sign_in(client, invitee)
    page = client.get(url).content.decode()
    assert escape(draft.initiator.display_name) in page
    assert 'value="accept"' in page
    response = client.post(url, {"action": "accept"})
    assert response["Location"] == reverse("initiatives:plan_detail", args=[draft.uuid])
    # the co-initiator reads the plan page but gets no editing or withdrawing
    page = client.get(response["Location"]).content.decode()
    assert "You take part in this plan as co-initiator." in page
    assert "Go on writing" not in page
    assert "Withdraw my plan" not in page
    assert (
        'action="' + reverse("initiatives:co_initiator_invite", args=[draft.uuid])
        not in page
    )
    # and cannot change the plan
    step = reverse("initiatives:plan_step", args=[draft.uuid, 1])
    assert client.get(step).status_code == 404


def test_an_unknown_invitation_link_is_not_found(client: Client) -> None:
    sign_in(client, UserFactory())
    url = reverse("initiatives:co_initiator_invitation", args=["nope"])
    assert client.get(url).status_code == 404


def test_a_neighbour_signs_on_the_support_page(client: Client) -> None:
    plan = initiative_in(S.SUBMITTED)
    neighbour = _neighbour(plan.neighbourhood)
    sign_in(client, neighbour)
    url = reverse("initiatives:support_page", args=[plan.uuid])
    page = client.get(url).content.decode()
    assert plan.title in page
    assert "<legend>What do you think of this plan?" in page
    # no choice: the comment is kept and the error is at the field
    response = client.post(url, {"comment": "Mooi idee"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Mooi idee" in page
    assert 'id="id_stance-error"' in page
    assert not SupportSignature.objects.exists()
    response = client.post(url, {"stance": "for", "comment": "Mooi idee"})
    assert response["Location"] == url
    assert SupportSignature.objects.get().stance == "for"
    response = client.post(reverse("initiatives:support_withdraw", args=[plan.uuid]))
    assert response["Location"] == url
    assert not SupportSignature.objects.exists()


def test_the_initiator_sees_the_counts_and_the_link(client: Client) -> None:
    plan = initiative_in(S.SUBMITTED)
    support_sign(actor=_neighbour(plan.neighbourhood), initiative=plan, stance="for")
    sign_in(client, plan.initiator)
    url = reverse("initiatives:support_page", args=[plan.uuid])
    page = client.get(url).content.decode()
    assert "Households in favour, online" in page
    assert 'name="stance"' not in page
    detail = client.get(reverse("initiatives:plan_detail", args=[plan.uuid]))
    assert url in detail.content.decode()


def test_someone_without_an_address_in_the_wijk_gives_it_on_the_same_form(
    client: Client,
) -> None:
    # given a signed-in visitor we know no address of in the plan's wijk
    plan = initiative_in(S.SUBMITTED)
    visitor: User = UserFactory()
    sign_in(client, visitor)
    url = reverse("initiatives:support_page", args=[plan.uuid])
    page = client.get(url).content.decode()
    assert "Only residents of" in page
    assert 'name="postcode"' in page
    assert 'name="stance"' in page
    # when they give an address outside the wijk: refused at the postcode, nothing
    # kept (not even the address), what they typed is still there
    before = _state()
    response = client.post(
        url,
        {"postcode": "9999ZZ", "house_number": "1", "stance": "for", "comment": "Ja"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_postcode-error"' in page
    assert 'value="9999ZZ"' in page or 'value="9999 ZZ"' in page
    assert _state() == before
    assert not visitor.addresses.exists()
    # when they give their address in the wijk: address and answer are stored
    response = client.post(
        url,
        {"postcode": "1000AC", "house_number": "7", "stance": "for", "comment": "Ja"},
    )
    assert response["Location"] == url
    assert visitor.addresses.get().neighbourhood == plan.neighbourhood
    assert SupportSignature.objects.get(signer=visitor).stance == "for"


def test_the_support_page_of_a_draft_can_be_shared_before_sending(
    client: Client,
) -> None:
    # the regeling asks for support before sending, so the link works on a draft
    draft = complete_draft()
    sign_in(client, _neighbour(draft.neighbourhood))
    url = reverse("initiatives:support_page", args=[draft.uuid])
    page = client.get(url).content.decode()
    assert "This plan has not been sent to the municipality yet." in page
    response = client.post(url, {"stance": "for"})
    assert response.status_code == 302
    assert SupportSignature.objects.get(initiative=draft).stance == "for"


def test_a_visitor_who_is_not_signed_in_reads_the_plan_and_signs_in_from_it(
    client: Client,
) -> None:
    plan = initiative_in(S.SUBMITTED)
    url = reverse("initiatives:support_page", args=[plan.uuid])
    page = client.get(url).content.decode()
    # the plan, and a sign-in form that comes back here
    assert plan.title in page
    assert f'action="{reverse("accounts:login")}"' in page
    assert f'name="next" value="{url}"' in page
    assert 'name="stance"' not in page
    assert '<meta name="robots" content="noindex">' in page
    # answering without signing in leads to signing in, and nothing is stored
    response = client.post(url, {"stance": "for"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not SupportSignature.objects.exists()


def test_my_plans_lists_the_plans_i_take_part_in_once_in_the_page_body(
    client: Client, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    # given someone who accepted an invitation to a neighbour's plan
    draft = complete_draft(title="Bankjes op het plein")
    _, token = _invite(draft, "buur@example.nl", django_capture_on_commit_callbacks)
    invitee: User = UserFactory(email="buur@example.nl")
    co_initiator_accept(actor=invitee, token=token)
    # when they open "my plans"
    sign_in(client, invitee)
    page = client.get(reverse("initiatives:my_plans")).content.decode()
    # then the plan is listed once, in the body, and the page title is plain text
    assert page.count('id="co-plans-heading"') == 1
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title is not None
    assert "<" not in title.group(1)
    assert page.index('id="co-plans-heading"') > page.index("<main")
