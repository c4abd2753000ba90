"""The public pages: home and the page of each wijk. Thin: selectors do the reading."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from wijkvoucher.transparency.selectors import (
    neighbourhood_cards,
    neighbourhood_page,
    neighbourhood_public,
)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    cards = neighbourhood_cards(on=timezone.localdate())
    municipalities = {card.neighbourhood.municipality_id for card in cards}
    return render(
        request,
        "transparency/home.html",
        {"cards": cards, "multiple_municipalities": len(municipalities) > 1},
    )


@require_safe
def neighbourhood_detail(request: HttpRequest, slug: str) -> HttpResponse:
    now = timezone.now()
    neighbourhood = neighbourhood_public(slug=slug, on=timezone.localdate(now))
    if neighbourhood is None:
        raise Http404
    page = neighbourhood_page(neighbourhood=neighbourhood, at=now)
    return render(request, "transparency/neighbourhood_detail.html", {"page": page})
