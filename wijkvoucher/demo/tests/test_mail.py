from __future__ import annotations

from typing import Any

from django.core.mail import EmailMultiAlternatives, send_mail

import pytest

from wijkvoucher.demo.models import DemoEmail


@pytest.fixture
def demo_mail(settings: Any) -> None:
    settings.EMAIL_BACKEND = "wijkvoucher.demo.mail.DemoMailboxBackend"


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_mail")
def test_backend_stores_a_sent_message() -> None:
    # given
    message = EmailMultiAlternatives(
        subject="Je inloglink",
        body="Klik op http://127.0.0.1:8000/inloggen/link/?token=abc",
        from_email="wijkvoucher <noreply@example.nl>",
        to=["karin.willems@example.nl"],
        cc=["kopie@example.nl"],
    )
    message.attach_alternative("<p>Klik</p>", "text/html")

    # when
    sent = message.send()

    # then
    assert sent == 1
    stored = DemoEmail.objects.get()
    assert stored.to == "karin.willems@example.nl, kopie@example.nl"
    assert stored.from_email == "wijkvoucher <noreply@example.nl>"
    assert stored.subject == "Je inloglink"
    assert stored.body == "Klik op http://127.0.0.1:8000/inloggen/link/?token=abc"
    assert stored.html_body == "<p>Klik</p>"
    assert stored.sent_at is not None


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_mail")
def test_backend_stores_each_message_of_a_batch() -> None:
    # given
    subjects = ["Een", "Twee"]

    # when
    for subject in subjects:
        send_mail(subject, "tekst", None, ["sven.post@example.nl"])

    # then
    assert list(
        DemoEmail.objects.order_by("pk").values_list("subject", "html_body")
    ) == [("Een", ""), ("Twee", "")]


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_mail")
def test_backend_keeps_an_html_only_message_as_html() -> None:
    # given
    message = EmailMultiAlternatives(
        subject="Alleen HTML", body="<p>Hallo</p>", to=["anna.wouters@example.nl"]
    )
    message.content_subtype = "html"

    # when
    message.send()

    # then
    stored = DemoEmail.objects.get()
    assert (stored.body, stored.html_body) == ("", "<p>Hallo</p>")
