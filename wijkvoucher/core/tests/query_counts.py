"""Counting the queries of a page, for the tests that hold a page to a number of
queries that does not grow with the data (docs/quality.md#load)."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def page_queries(client: Client, url: str) -> int:
    """The queries of the page at ``url``, asked a second time: a first visit may
    still write to the session (last seen). Over HTTPS, as in production."""
    client.get(url, secure=True)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, secure=True)
    assert response.status_code == 200
    return len(queries)
