"""A real headless Chromium for tests, driven over the Chrome DevTools Protocol.

Debian's ``chromium`` runs headless with a fresh profile; each :class:`Page`
talks to its tab over a websocket (``websocket-client``) and records what
the page does: console messages, uncaught exceptions, network requests and
JavaScript dialogs (an ``alert`` is recorded, then dismissed).

Fixtures: ``browser`` (one Chromium per test session) and ``page`` (a fresh
tab). Import them from a conftest (``from browser import browser, page``) or
from a test module. Without Chromium the tests skip, except under
``CI=true``, where they fail: CI must run them. ``make chromium`` installs it.
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
import websocket

__all__ = ["ARTIFACTS", "CHROMIUM_FLAGS", "Chromium", "Page", "chromium_path", "browser", "page"]

#: Where tests save screenshots.
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

#: Flags for a quiet, offline, reproducible headless browser.
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
    "--window-size=1280,900", "--remote-debugging-port=0", "--remote-allow-origins=*",
)


def chromium_path() -> str | None:
    """The Chromium executable: ``$CHROMIUM``, else ``chromium`` on the PATH, else None."""
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


class CDPError(RuntimeError):
    """Chromium answered a command with an error."""


class _Connection:
    """One websocket to a DevTools target: numbered commands, buffered events."""

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        self.ws = websocket.create_connection(url, timeout=timeout, suppress_origin=True, enable_multithread=False)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        self.listeners: list[Callable[[dict[str, Any]], None]] = []

    def _dispatch(self, msg: dict[str, Any]) -> None:
        self.events.append(msg)
        for listener in self.listeners:
            listener(msg)

    def send(self, method: str, timeout: float = 30.0, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        while True:
            self.ws.settimeout(max(0.05, deadline - time.monotonic()))
            try:
                msg = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                raise TimeoutError(f"{method}: no answer in {timeout} s") from None
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise CDPError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self._dispatch(msg)

    def pump(self, seconds: float) -> None:
        """Read events for ``seconds``."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.ws.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                msg = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                return
            if "method" in msg:
                self._dispatch(msg)

    def close(self) -> None:
        self.ws.close()


class Page:
    """A browser tab: navigate, evaluate, hover, screenshot; records console, requests, dialogs."""

    def __init__(self, browser: "Chromium", target_id: str) -> None:
        self.browser = browser
        self.target_id = target_id
        self.conn = _Connection(f"ws://127.0.0.1:{browser.port}/devtools/page/{target_id}")
        self.conn.listeners.append(self._on_event)
        self.console: list[dict[str, Any]] = []
        self.exceptions: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.conn.send(f"{domain}.enable")

    def _on_event(self, msg: dict[str, Any]) -> None:
        method, params = msg["method"], msg.get("params", {})
        if method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            self.console.append({"level": params.get("type"), "text": text})
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            self.console.append({"level": entry.get("level"), "text": entry.get("text", "")})
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.exceptions.append(str(details.get("exception", {}).get("description") or details.get("text")))
        elif method == "Network.requestWillBeSent":
            self.requests.append(params.get("request", {}).get("url", ""))
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append(f"{params.get('type')}: {params.get('message')}")
            # Dismiss at once without waiting for the answer (a dialog blocks the page's scripts).
            self.conn.next_id += 1
            self.conn.ws.send(json.dumps({"id": self.conn.next_id, "method": "Page.handleJavaScriptDialog",
                                          "params": {"accept": False}}))

    @property
    def errors(self) -> list[str]:
        """Console errors and uncaught exceptions so far."""
        return [c["text"] for c in self.console if c["level"] in ("error", "assert")] + self.exceptions

    def goto(self, url: str, timeout: float = 60.0) -> None:
        """Open ``url`` and wait for its load event."""
        loaded = len([e for e in self.conn.events if e["method"] == "Page.loadEventFired"])
        self.conn.send("Page.navigate", url=url)
        deadline = time.monotonic() + timeout
        while len([e for e in self.conn.events if e["method"] == "Page.loadEventFired"]) <= loaded:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not load in {timeout} s")
            self.conn.pump(0.05)

    def evaluate(self, expression: str, await_promise: bool = False, timeout: float = 30.0) -> Any:
        """The JSON value of ``expression`` in the page; raises on a JavaScript exception."""
        result = self.conn.send("Runtime.evaluate", timeout=timeout, expression=expression, returnByValue=True,
                                awaitPromise=await_promise)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"].get("exception", {}).get("description")
            raise CDPError(f"{expression!r} threw: {details}")
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 30.0, interval: float = 0.05) -> Any:
        """Poll ``expression`` until it is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"{expression!r} still falsy after {timeout} s")
            self.conn.pump(interval)

    def settle(self, seconds: float = 0.3) -> None:
        """Let the page run for ``seconds`` while recording its events."""
        self.conn.pump(seconds)

    def mouse_move(self, x: float, y: float) -> None:
        """Move the mouse to viewport coordinates ``(x, y)``."""
        self.conn.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)

    def screenshot(self, path: str | os.PathLike[str]) -> Path:
        """Save a PNG of the viewport to ``path``."""
        data = self.conn.send("Page.captureScreenshot", format="png")["data"]
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        self.conn.close()
        self.browser.conn.send("Target.closeTarget", targetId=self.target_id)


class Chromium:
    """A headless Chromium process with a fresh profile, listening on a loopback port."""

    def __init__(self, executable: str, profile_dir: str | os.PathLike[str] | None = None,
                 startup_timeout: float = 30.0) -> None:
        self._own_profile = profile_dir is None
        self.profile = Path(profile_dir or tempfile.mkdtemp(prefix="govkg-chromium-"))
        self.log = open(self.profile / "chromium.log", "wb")
        self.proc = subprocess.Popen(
            [executable, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + startup_timeout
        while not (port_file.exists() and len(port_file.read_text().split()) >= 2):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError(f"Chromium did not start; see {self.profile / 'chromium.log'}")
            time.sleep(0.05)
        port, path = port_file.read_text().split()[:2]
        self.port = int(port)
        self.conn = _Connection(f"ws://127.0.0.1:{self.port}{path}")
        self.version = self.conn.send("Browser.getVersion")["product"]

    def new_page(self) -> Page:
        """A new tab on ``about:blank``."""
        target = self.conn.send("Target.createTarget", url="about:blank")["targetId"]
        return Page(self, target)

    def close(self) -> None:
        """Stop the browser (its own process group only) and remove a temporary profile."""
        try:
            if hasattr(self, "conn"):
                self.conn.close()
        finally:
            if self.proc.poll() is None:
                os.killpg(self.proc.pid, signal.SIGTERM)
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                    self.proc.wait()
            self.log.close()
            if self._own_profile:
                shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[Chromium]:
    """One headless Chromium for the session; skips without one, fails without one under CI=true."""
    path = chromium_path()
    if path is None:
        message = "Chromium not found: run `make chromium` (Debian package chromium) or set $CHROMIUM"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    chromium = Chromium(path)
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture
def page(browser: Chromium) -> Iterator[Page]:
    """A fresh tab in the session's browser."""
    tab = browser.new_page()
    try:
        yield tab
    finally:
        tab.close()
