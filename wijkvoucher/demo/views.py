"""The demo mailbox: every e-mail the demo sent, and the second-factor codes of the demo
officials. Every view answers 404 unless ``settings.DEMO_MODE``."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wijkvoucher.demo.selectors import demo_email, demo_emails, demo_logins

View = Callable[..., HttpResponse]
MESSAGES_SHOWN = 200


def demo_only(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not settings.DEMO_MODE:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


@demo_only
@require_GET
@never_cache
def mailbox(request: HttpRequest) -> HttpResponse:
    logins = demo_logins()
    return render(
        request,
        "demo/mailbox.html",
        {
            "messages_list": list(demo_emails()[:MESSAGES_SHOWN]),
            "logins": [login for login in logins if login.is_official],
            "residents": [login for login in logins if not login.is_official],
        },
    )


@demo_only
@require_GET
@never_cache
def message(request: HttpRequest, pk: int) -> HttpResponse:
    email = demo_email(pk=pk)
    if email is None:
        raise Http404
    return render(request, "demo/message.html", {"email": email})
