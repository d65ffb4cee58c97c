"""The simulated phones of bench.live: one cookie jar and one HTTP connection each.

Plain http.client, no dependencies. Each phone keeps its connection open when the server lets
it (gunicorn's sync workers close after every response, so in practice every request opens a new
TCP connection on loopback, as a phone behind venue wifi would through a proxy that does not
pool). Every request is recorded as a Sample: which endpoint, when it finished, how long it took
and the status (0 when the connection failed or timed out).
"""

from __future__ import annotations

import http.client
import random
import re
import socket
import time
from dataclasses import dataclass, field
from http.cookies import CookieError, SimpleCookie
from urllib.parse import urlencode

CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
STATUS_VERSION = re.compile(rb"deel=status&(?:amp;)?v=([0-9a-f]+)")
ACKNOWLEDGED = {200, 302}


@dataclass(slots=True)
class Sample:
    endpoint: str
    sent: float  # time.monotonic() when the request went out
    done: float  # time.monotonic() when the answer (or the failure) arrived
    ms: float
    status: int  # 0: no HTTP answer (connection refused, reset or timed out)


@dataclass(slots=True)
class Vote:
    values: dict[int, tuple[int, str]]  # prompt pk → (value, reason)


@dataclass
class Phone:
    """One resident's phone. Not shared between threads."""

    number: int
    host: str
    port: int
    timeout: float
    jar: dict[str, str] = field(default_factory=dict)
    samples: list[Sample] = field(default_factory=list)
    csrf: str = ""
    joined: bool = False
    # The votes as the phone knows them: the last the server acknowledged, and the ones sent
    # after it that got no acknowledgement (the server may or may not have stored those).
    acknowledged: Vote | None = None
    unacknowledged: list[Vote] = field(default_factory=list)
    next_poll: float = 0.0  # time.monotonic() when the status is due again
    status_version: str = ""  # the status the phone shows; the server answers 204 while unchanged
    votes_sent: int = 0
    votes_acknowledged: int = 0
    errors: list[str] = field(default_factory=list)
    _conn: http.client.HTTPConnection | None = None

    def __post_init__(self) -> None:
        self.random = random.Random(self.number)  # noqa: S311 - test data, not secrets
        self.origin = f"http://{self.host}:{self.port}"

    # -- HTTP -----------------------------------------------------------------------------

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def request(
        self,
        endpoint: str,
        method: str,
        path: str,
        *,
        form: dict[str, str] | None = None,
        htmx: bool = False,
    ) -> tuple[int, dict[str, str], bytes]:
        """Send one request; record it; return (status, lower-cased headers, body)."""
        headers = {"Host": f"{self.host}:{self.port}", "User-Agent": "wijkwaarde-bench-live"}
        if self.jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.jar.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
        if htmx:
            headers["HX-Request"] = "true"
        sent = time.monotonic()
        started = time.perf_counter()
        try:
            conn = self._connection()
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            status = response.status
            cookies = response.headers.get_all("Set-Cookie") or []
            answer_headers = {k.lower(): v for k, v in response.getheaders()}
            if response.will_close:
                self.close()
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            finished = time.perf_counter()
            self.samples.append(
                Sample(endpoint, sent, time.monotonic(), (finished - started) * 1000, 0)
            )
            if len(self.errors) < 5:
                self.errors.append(f"{method} {path}: {exc.__class__.__name__}: {exc}")
            return 0, {}, b""
        finished = time.perf_counter()
        self.samples.append(
            Sample(endpoint, sent, time.monotonic(), (finished - started) * 1000, status)
        )
        for raw in cookies:
            self._store_cookie(raw)
        return status, answer_headers, data

    def _store_cookie(self, raw: str) -> None:
        try:
            parsed = SimpleCookie()
            parsed.load(raw)
        except CookieError:
            return
        for name, morsel in parsed.items():
            if morsel["max-age"] == "0" or morsel.value == "" or "1970" in morsel["expires"]:
                self.jar.pop(name, None)
            else:
                self.jar[name] = morsel.value

    # -- What a resident does -------------------------------------------------------------

    def join(self, code: str) -> bool:
        """Open the join page, type the code, land on the participation page."""
        status, _headers, body = self.request("join page", "GET", "/doe-mee/")
        match = CSRF_FIELD.search(body)
        if status != 200 or not match:
            self.errors.append(f"join page answered {status}")
            return False
        self.csrf = match.group(1).decode()
        status, headers, _body = self.request(
            "join POST", "POST", "/doe-mee/", form={"code": code, "csrfmiddlewaretoken": self.csrf}
        )
        if status != 302:
            self.errors.append(f"joining answered {status}")
            return False
        location = headers.get("location", "")
        status, _headers, body = self.request("participation page", "GET", location)
        if status != 200:
            self.errors.append(f"participation page answered {status}")
            return False
        if match := CSRF_FIELD.search(body):
            self.csrf = match.group(1).decode()
        if match := STATUS_VERSION.search(body):
            self.status_version = match.group(1).decode()
        self.joined = True
        return True

    def floor(self, url: str) -> None:
        self.request("floor", "GET", url)

    def poll(self, code: str) -> bool:
        """The HTMX status poll, as the phone sends it; True when it answered as expected:
        204 (nothing changed) or the small fragment with the new status."""
        status, _headers, body = self.request(
            "status poll",
            "GET",
            f"/doe-mee/{code}/meedoen/?deel=status&v={self.status_version}",
            htmx=True,
        )
        if status == 204:
            return True
        if match := STATUS_VERSION.search(body):
            self.status_version = match.group(1).decode()
        return status == 200 and b'id="status"' in body and b"<html" not in body

    def vote(self, code: str, prompts: list[int], htmx: bool) -> None:
        """Post new random scores (and a reason unique to this post) for every prompt."""
        self.votes_sent += 1
        values = {
            pk: (self.random.randint(1, 5), f"telefoon {self.number} stem {self.votes_sent}")
            for pk in prompts
        }
        form = {"csrfmiddlewaretoken": self.csrf}
        for pk, (value, reason) in values.items():
            form[f"score_{pk}"] = str(value)
            form[f"reason_{pk}"] = reason
        status, _headers, _body = self.request(
            "vote POST", "POST", f"/doe-mee/{code}/scores/", form=form, htmx=htmx
        )
        if status in ACKNOWLEDGED:
            self.acknowledged = Vote(values)
            self.unacknowledged = []
            self.votes_acknowledged += 1
        else:
            self.unacknowledged.append(Vote(values))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
