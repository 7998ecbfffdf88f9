"""End-to-end: `eventwire serve` on a temporary database, driven in headless Chromium.

The server runs in a subprocess on 127.0.0.1 (a free port) with its own token; the seed page and
a document carrying markup are posted through the API, then the dashboard is checked as a reader
sees it. Screenshots land in tests/artifacts/ (ignored by git). Debian's chromium and
chromedriver come from scripts/setup-browser.sh, which `make test` runs first.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
SEED_PAGE = ROOT / "examples" / "seed_page.txt"
ARTIFACTS = ROOT / "tests" / "artifacts"
TOKEN = "browser-test-token"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
# Coding the first document loads spaCy in the server: generous, but bounded.
STARTUP_SECONDS = 90
WAIT_SECONDS = 30
XSS_TEXT = (
    "Russia accused Ukraine of shelling <script>window.__xss=1</script> villages near Donetsk "
    '<img src=x onerror="window.__xss=2"> on Monday.'
)


def _require_browser() -> None:
    pytest.importorskip("selenium", reason="selenium missing: make install (the browser extra)")
    pytest.importorskip("eventwire.serve.app", reason="the REST API (eventwire.serve) is missing")
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("chromium/chromedriver missing: run scripts/setup-browser.sh")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _request(url: str, body: dict[str, Any] | None = None, token: str | None = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=STARTUP_SECONDS) as response:
        return json.loads(response.read())


class Server:
    """A running `eventwire serve` and the answers to what the tests posted."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.seed: dict[str, Any] = {}
        self.xss: dict[str, Any] = {}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    _require_browser()
    folder = tmp_path_factory.mktemp("serve")
    port = _free_port()
    eventwire = Path(sys.executable).with_name("eventwire")
    command = [str(eventwire), "serve", "--db", str(folder / "test.duckdb")]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    env = dict(os.environ, EVENTWIRE_API_TOKEN=TOKEN)
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(f"eventwire serve exited: {(folder / 'server.log').read_text()}")
            try:
                if _request(f"{base}/health")["status"] == "ok":
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            if time.monotonic() > deadline:
                pytest.fail("eventwire serve did not answer /health in time")
            time.sleep(0.3)
        running = Server(base)
        text = SEED_PAGE.read_text(encoding="utf-8")
        running.seed = _request(
            f"{base}/documents",
            {"text": text, "title": "US and Russia talk in Geneva", "published": "2022-01-10"},
            TOKEN,
        )
        running.xss = _request(
            f"{base}/documents", {"text": XSS_TEXT, "published": "2022-02-01"}, TOKEN
        )
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="module")
def browser(server: Server) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1440,1600",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER or ""))
    driver.set_page_load_timeout(WAIT_SECONDS)
    try:
        yield driver
    finally:
        driver.quit()


def _wait(driver: Any, condition: Any, message: str) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.2).until(condition, message)


def _css(driver: Any, selector: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return list(driver.find_elements(By.CSS_SELECTOR, selector))


def _screenshot(driver: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    driver.save_screenshot(str(path))
    return path


def test_browser_event_table_lists_seed_events_with_evidence(server, browser):
    assert server.seed["events"], "the seed page was coded to no events"
    browser.get(f"{server.base}/")
    row_css = 'tr[data-source="USAGOV"][data-target="RUSGOV"][data-cameo^="04"]'
    _wait(browser, lambda d: _css(d, row_css), "no USAGOV → RUSGOV consult row in the table")
    rows = _css(browser, "#events-body tr")
    assert len(rows) >= 10
    event_id = _css(browser, row_css)[0].get_attribute("data-event-id")
    _wait(
        browser,
        lambda d: _click(d, f'tr[data-event-id="{event_id}"]'),
        "the event row could not be clicked",
    )
    _wait(
        browser,
        lambda d: _css(d, f'#detail-body[data-event-id="{event_id}"] mark[data-role="target"]'),
        "the detail did not open",
    )
    marks = {m.get_attribute("data-role"): m.text for m in _css(browser, "#detail-sentence mark")}
    assert set(marks) == {"source", "verb", "target"}
    sentence = _css(browser, "#detail-sentence")[0].text
    assert all(text and text in sentence for text in marks.values())
    assert any("Geneva" in r.text for r in rows), "no event placed in Geneva"


def test_browser_map_marks_geneva(server, browser):
    browser.get(f"{server.base}/")
    marker = _wait(
        browser, lambda d: _css(d, '.ew-marker[title="Geneva"]'), "no Geneva marker on the map"
    )[0]
    assert marker.get_attribute("data-country") == "CHE"
    assert int(marker.get_attribute("data-events")) >= 1
    assert not _css(browser, '.ew-marker[title="Atlantis"]')


def test_browser_timeline_draws_rus_usa(server, browser):
    browser.get(f"{server.base}/?pair=RUS:USA&by=day")
    _wait(
        browser,
        lambda d: int(_css(d, "#timeline")[0].get_attribute("data-events") or 0) > 0,
        "the RUS–USA timeline has no events",
    )
    bars = browser.execute_script(
        "const c = Chart.getChart(document.getElementById('timeline'));"
        "return c.data.datasets.filter(s => s.type === 'bar')"
        ".map(s => s.data.reduce((a, b) => a + b, 0));"
    )
    assert sum(bars) > 0
    assert not _css(browser, "#timeline-empty:not([hidden])")
    _wait(browser, lambda d: _css(d, '#network g.node[data-actor="RUSGOV"]'), "no network node")
    time.sleep(0.5)  # let the map and chart settle for the artifact
    print(f"screenshot: {_screenshot(browser, 'dashboard.png')}")


def test_browser_timeline_of_unknown_pair_says_so(server, browser):
    browser.get(f"{server.base}/?pair=ZZZ:USA&by=day")
    _wait(
        browser,
        lambda d: _css(d, "#timeline")[0].get_attribute("data-dyad") == "ZZZ:USA",
        "the timeline did not load",
    )
    assert _css(browser, "#timeline")[0].get_attribute("data-events") in ("0", None)
    assert _css(browser, "#timeline-empty")[0].is_displayed()


def test_browser_article_markup_shows_literally_and_never_runs(server, browser):
    [event] = [e for e in server.xss["events"] if e["source"] and e["source"]["code"] == "RUSGOV"]
    browser.get(f"{server.base}/")
    row_css = f'tr[data-event-id="{event["event_id"]}"]'
    _wait(browser, lambda d: _css(d, row_css), "the marked-up document's event is not listed")
    # the table re-renders as it polls: a row found a moment ago may be replaced before the click
    _wait(browser, lambda d: _click(d, row_css), "the event row could not be clicked")
    _wait(
        browser,
        lambda d: _css(d, f'#detail-body[data-event-id="{event["event_id"]}"] #detail-sentence'),
        "the detail did not open",
    )
    sentence = _css(browser, "#detail-sentence")[0].text
    assert "<script>window.__xss=1</script>" in sentence
    assert '<img src=x onerror="window.__xss=2">' in sentence
    assert browser.execute_script("return window.__xss") is None
    assert not _css(browser, "#detail-body script, #detail-body img, #events-body img")
    _screenshot(browser, "escaped-detail.png")


def _click(browser, css):
    from selenium.common.exceptions import StaleElementReferenceException

    try:
        found = _css(browser, css)
        if not found:
            return False
        found[0].click()
    except StaleElementReferenceException:
        return False
    return True
