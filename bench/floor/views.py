"""The floor's views: two writes and one read, each as plain as Django allows.

No authentication, no CSRF (a load generator sends the requests), no audit, no
idempotency: what is left is what every write and read of the product pays at
least, on the same settings, middleware, gunicorn and PostgreSQL.
"""

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from bench.floor.models import Balance, Entry, pair_ids


class _Refused(Exception):
    """Undo the transaction: a balance of the pair did not move."""


def _number(request: HttpRequest, name: str) -> int | None:
    try:
        value = int(request.GET.get(name, ""))
    except ValueError:
        return None
    return value if value >= 0 else None


@csrf_exempt
@require_POST
def move(request: HttpRequest) -> HttpResponse:
    """Move one cent from the first balance of pair ``?pair=N`` to the second: two
    conditional updates and two entry rows in one transaction; 201 when moved, 409
    when the first balance is empty or the pair does not exist (nothing changed)."""
    pair = _number(request, "pair")
    if pair is None:
        return JsonResponse({"code": "bad_pair"}, status=400)
    source, target = pair_ids(pair)
    try:
        with transaction.atomic():
            taken = Balance.objects.filter(pk=source, cents__gte=1).update(
                cents=F("cents") - 1
            )
            if taken != 1:
                raise _Refused
            if Balance.objects.filter(pk=target).update(cents=F("cents") + 1) != 1:
                raise _Refused
            Entry.objects.bulk_create(
                [
                    Entry(balance_id=source, amount_cents=-1),
                    Entry(balance_id=target, amount_cents=1),
                ]
            )
    except _Refused:
        return JsonResponse({"code": "not_moved"}, status=409)
    return JsonResponse({"moved_cents": 1}, status=201)


@csrf_exempt
@require_POST
def row(request: HttpRequest) -> HttpResponse:
    """Write one row in one transaction: an entry of 0 cents on balance ``?id=N``
    (the floor of a ballot, which writes one ballot row per vote); 201."""
    pk = _number(request, "id")
    if pk is None:
        return JsonResponse({"code": "bad_id"}, status=400)
    with transaction.atomic():
        Entry.objects.create(balance_id=pk, amount_cents=0)
    return JsonResponse({"written": 1}, status=201)


@require_safe
def read(request: HttpRequest) -> HttpResponse:
    """One balance row by ``?id=N``, rendered with a template of two lines (the
    context processors run, as for every page of the product)."""
    pk = _number(request, "id")
    if pk is None:
        return JsonResponse({"code": "bad_id"}, status=400)
    balance = get_object_or_404(Balance, pk=pk)
    return render(request, "bench_floor/read.html", {"balance": balance})
