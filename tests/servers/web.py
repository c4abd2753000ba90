"""Plain HTTP for the two-server test: one request per connection (a thread may send
at any moment), and a browser whose cookies go to both servers, as a browser's
cookies go to whichever app server the proxy picks."""

from __future__ import annotations

import http.client
import json
import re
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode, urlsplit

TIMEOUT = 30
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode()

    @property
    def location(self) -> str:
        return str(self.headers.get("Location", ""))


def request(
    base: str,
    method: str,
    path: str,
    *,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    source: str | None = None,
) -> Answer:
    """One request to the server at ``base`` ("http://127.0.0.1:PORT"), from the
    local address ``source`` when given (another loopback address than the proxy's)."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(
        parts.hostname or "127.0.0.1",
        parts.port,
        timeout=TIMEOUT,
        source_address=(source, 0) if source else None,
    )
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        conn.close()


def api_post(
    base: str, path: str, token: str, payload: dict[str, Any], key: str | None = None
) -> Answer:
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
    if key is not None:
        headers["Idempotency-Key"] = key
    return request(
        base, "POST", path, body=json.dumps(payload).encode(), headers=headers
    )


@dataclass
class Browser:
    """Cookies shared by every server; ``forwarded_for`` plays the proxy's header."""

    forwarded_for: str = ""
    source: str | None = None
    cookies: dict[str, str] = field(default_factory=dict)

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = dict(extra or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.forwarded_for:
            headers["X-Forwarded-For"] = self.forwarded_for
        return headers

    def _keep_cookies(self, answer: Answer) -> None:
        for line in answer.headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(line)
            for name, morsel in jar.items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)

    def get(self, base: str, path: str) -> Answer:
        answer = request(base, "GET", path, headers=self._headers(), source=self.source)
        self._keep_cookies(answer)
        return answer

    def post(self, base: str, path: str, data: dict[str, str]) -> Answer:
        answer = request(
            base,
            "POST",
            path,
            body=urlencode(data).encode(),
            headers=self._headers(
                {"Content-Type": "application/x-www-form-urlencoded"}
            ),
            source=self.source,
        )
        self._keep_cookies(answer)
        return answer

    def submit(
        self, form_base: str, form_path: str, post_base: str, data: dict[str, str]
    ) -> Answer:
        """Open the form at ``form_base`` and send it to ``post_base`` (the proxy may
        pick another server for the POST): the CSRF token must hold on both."""
        page = self.get(form_base, form_path)
        assert page.status == 200, (form_path, page.status)
        match = CSRF_FIELD.search(page.text)
        assert match is not None, f"no CSRF token on {form_path}"
        action = urlsplit(form_path).path
        return self.post(post_base, action, {"csrfmiddlewaretoken": match[1], **data})
