"""The REST API (eventwire.serve) through FastAPI's TestClient on a temporary store."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

TOKEN = "test-token-3f9a7c"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
# Hand-written one-sentence reports, each coded to one event (checked in test_api_post_codes).
REPORTS = {
    "attack": "Russian troops attacked Ukrainian soldiers near Kharkiv on Monday.",
    "praise": "The French president praised the German chancellor in Paris.",
    "protest": "Thousands of Iranian students protested against the government in Tehran.",
    "accuse": "China accused the United States of spying on its embassy.",
    "arrest": "Turkish police arrested dozens of journalists in Ankara.",
    "meet": "The Japanese prime minister met the Indian prime minister in Tokyo.",
}


@pytest.fixture(scope="module")
def client(coder, tmp_path_factory):
    """An API on a fresh store, with the reports posted (published 2023-03-01)."""
    from fastapi.testclient import TestClient

    from eventwire.serve import create_app

    app = create_app(tmp_path_factory.mktemp("api") / "api.duckdb", token=TOKEN, coder=coder)
    with TestClient(app) as client:
        for text in REPORTS.values():
            answer = client.post(
                "/documents", json={"text": text, "published": "2023-03-01"}, headers=AUTH
            )
            assert answer.status_code == 201, answer.text
        yield client


def all_pages(client, **params):
    """Every event the filter selects, page by page through the cursors."""
    items, cursor = [], None
    while True:
        page = client.get("/events", params={**params, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        items += body["items"]
        cursor = body["next"]
        if cursor is None:
            return items


def test_api_health_counts_what_is_stored(client):
    body = client.get("/health").json()
    assert body == {"status": "ok", "documents": len(REPORTS), "events": len(REPORTS)}


def test_api_post_codes_the_document_and_answers_its_events(client):
    text = "Egyptian police arrested three Sudanese smugglers in Cairo."
    first = client.post("/documents", json={"text": text, "source": "Wire"}, headers=AUTH)
    assert first.status_code == 201
    body = first.json()
    [event] = body["events"]
    assert (event["source"]["code"], event["cameo_root"], event["trigger"]) == (
        "EGYCOP",
        "17",
        "arrested",
    )
    assert body["headlines"] == 0
    again = client.post("/documents", json={"text": text, "source": "Wire"}, headers=AUTH)
    assert again.status_code == 200
    assert again.json() == body
    # the new event is listed at once, and it is the same JSON object
    listed = client.get("/events", params={"doc_id": body["doc_id"]}).json()["items"]
    assert listed == body["events"]


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": "Basic x"}],
)
def test_api_post_without_the_right_token_is_refused(client, headers):
    answer = client.post("/documents", json={"text": "Peru praised Chile."}, headers=headers)
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "unauthorized"
    assert client.get("/events", params={"q": "Peru praised"}).json()["items"] == []


def test_api_writes_are_refused_when_no_token_is_configured(coder, tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    from eventwire.serve import create_app

    monkeypatch.delenv("EVENTWIRE_API_TOKEN", raising=False)
    with TestClient(create_app(tmp_path / "x.duckdb", coder=coder)) as client:
        answer = client.post("/documents", json={"text": "Peru praised Chile."}, headers=AUTH)
        assert answer.status_code == 401
        assert "EVENTWIRE_API_TOKEN" in answer.json()["error"]["message"]
        assert client.get("/health").json()["documents"] == 0


def test_api_token_from_the_environment_and_never_logged(coder, tmp_path, monkeypatch, caplog):
    from fastapi.testclient import TestClient

    from eventwire.serve import create_app

    monkeypatch.setenv("EVENTWIRE_API_TOKEN", "env-secret-5521")
    caplog.set_level(logging.DEBUG)
    with TestClient(create_app(tmp_path / "x.duckdb", coder=coder)) as client:
        ok = client.post(
            "/documents",
            json={"text": "Peru praised Chile."},
            headers={"Authorization": "Bearer env-secret-5521"},
        )
        refused = client.post(
            "/documents",
            json={"text": "Peru praised Chile."},
            headers={"Authorization": "Bearer no"},
        )
    assert (ok.status_code, refused.status_code) == (201, 401)
    assert "env-secret-5521" not in caplog.text
    assert "env-secret-5521" not in refused.text


def test_api_post_plain_text_with_query_parameters(client):
    text = "Indian troops shelled Pakistani positions in Kashmir."
    answer = client.post(
        "/documents",
        content=text.encode(),
        params={"published": "2023-02-14", "title": "Shelling"},
        headers={**AUTH, "Content-Type": "text/plain; charset=utf-8"},
    )
    assert answer.status_code == 201, answer.text
    events = answer.json()["events"]
    assert events and all(e["published"] == "2023-02-14" for e in events)


def test_api_post_html_page_codes_its_article_text(client):
    page = (
        "<html><head><title>Talks</title></head><body><nav>Home | World | Sport</nav>"
        "<article><h1>Talks</h1><p>The Canadian foreign minister met the Mexican foreign "
        "minister in Ottawa on Tuesday to discuss trade.</p><p>Officials said the meeting was "
        "friendly and that more talks were planned for the spring.</p></article>"
        "<footer>Copyright</footer></body></html>"
    )
    as_json = client.post(
        "/documents",
        json={"kind": "html", "html": page, "published": "2023-01-10"},
        headers=AUTH,
    )
    assert as_json.status_code == 201, as_json.text
    [event] = [e for e in as_json.json()["events"] if e["trigger"] == "met"]
    assert event["source"]["country"] == "CAN"
    assert "Home | World" not in event["sentence"]
    raw = client.post(
        "/documents", content=page.encode(), headers={**AUTH, "Content-Type": "text/html"}
    )
    assert raw.status_code == 200  # the same article text: already stored
    assert raw.json()["doc_id"] == as_json.json()["doc_id"]


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        (b"{not json", "application/json", 400, "bad_request"),
        (b'{"title": "no text"}', "application/json", 422, "invalid_document"),
        (b'{"text": 5}', "application/json", 422, "invalid_document"),
        (b'{"text": "   "}', "application/json", 422, "invalid_document"),
        (
            b'{"text": "Chile praised Peru.", "published": "soon"}',
            "application/json",
            422,
            "invalid_document",
        ),
        (b"[1, 2]", "application/json", 422, "invalid_document"),
        (b"<html><body><script>x()</script></body></html>", "text/html", 422, "invalid_document"),
        (b"\xff\xfe\x00bad", "text/plain", 400, "bad_request"),
        (b"x", "image/png", 415, "unsupported_media_type"),
    ],
)
def test_api_bad_body_is_a_json_error_and_the_server_goes_on(
    client, body, content_type, status, code
):
    answer = client.post("/documents", content=body, headers={**AUTH, "Content-Type": content_type})
    assert answer.status_code == status, answer.text
    assert answer.json()["error"]["code"] == code
    assert answer.json()["error"]["message"]
    assert client.get("/health").json()["status"] == "ok"


@pytest.mark.parametrize(
    ("params", "triggers"),
    [
        ({"actor": "rusmil"}, {"attacked"}),
        ({"country": "DEU"}, {"praised"}),
        ({"dyad": "CHN:USA"}, {"accused"}),
        ({"dyad": "USA:CHN"}, set()),
        ({"dyad": "*:IRN"}, {"protested"}),
        ({"dyad": "JPNGOV:*"}, {"met"}),
        ({"root": "14"}, {"protested"}),
        ({"root": ["17", "19"], "since": "2023-03-01"}, {"arrested"}),
        ({"plover": "support"}, {"praised"}),
        ({"quad": 4, "q": "KHARKIV"}, {"attacked"}),
        ({"quad": 1, "q": "KHARKIV"}, set()),
        ({"quad": 4, "until": "2023-02-28"}, {"attacked"}),
        ({"q": "journalists"}, {"arrested"}),
        ({"q": "no such words"}, set()),
    ],
)
def test_api_events_filters(client, params, triggers):
    items = all_pages(client, **params)
    found = {e["trigger"] for e in items if e["doc_id"] in _report_ids(client)}
    assert found == triggers


def _report_ids(client, cache={}):  # noqa: B006 - a cache for the module's client
    if not cache:
        from eventwire.ingest import content_hash

        cache.update({content_hash(text): name for name, text in REPORTS.items()})
    return cache


def test_api_events_cursor_pages_cover_every_event_once(client):
    whole = client.get("/events", params={"limit": 500}).json()
    assert whole["next"] is None
    paged = all_pages(client, limit=2)
    assert [e["event_id"] for e in paged] == [e["event_id"] for e in whole["items"]]
    assert len(paged) > 2
    dates = [e["event_date"] or "" for e in paged]  # undated events come last
    assert dates == sorted(dates, reverse=True)
    assert "" in dates


def test_api_events_agree_with_the_store_query(client):
    from eventwire.store import EventFilter

    store = client.app.state.serve.reader()
    for where, params in (
        (EventFilter(), {}),
        (EventFilter(country="UKR"), {"country": "UKR"}),
        (EventFilter(roots=("04", "05")), {"root": ["4", "05"]}),
        (EventFilter(dyad=("FRA", "DEU")), {"dyad": "FRA:DEU"}),
        (EventFilter(dyad=("*", "USA")), {"dyad": "*:USA"}),
        (EventFilter(quad=1, plover="consult"), {"quad": 1, "plover": "consult"}),
        (EventFilter(q="PRIME minister"), {"q": "PRIME minister"}),
        (
            EventFilter(since=dt.date(2023, 2, 1), until=dt.date(2023, 2, 28)),
            {"since": "2023-02-01", "until": "2023-02-28"},
        ),
    ):
        expected = [e.event_id for e in store.events(where)]
        assert [e["event_id"] for e in all_pages(client, limit=3, **params)] == expected


def test_api_store_keyset_pages_match_the_whole_list(client):
    from eventwire.store import EventFilter
    from eventwire.store.duckdb import event_sort_key

    store = client.app.state.serve.reader()
    whole = [e.event_id for e in store.events()]
    paged: list[str] = []
    after = None
    while True:
        page = store.events(EventFilter(limit=2, after=after))
        paged += [e.event_id for e in page]
        if len(page) < 2:
            break
        after = event_sort_key(page[-1])
    assert paged == whole and len(whole) > 4


def test_api_too_large_body_is_refused(client):
    from eventwire.ingest import DEFAULT_MAX_BYTES

    body = b"Chile praised Peru. " * (DEFAULT_MAX_BYTES // 20 + 1)
    answer = client.post("/documents", content=body, headers={**AUTH, "Content-Type": "text/plain"})
    assert answer.status_code == 413
    assert answer.json()["error"]["code"] == "too_large"
    assert client.get("/events", params={"q": "Chile praised Peru"}).json()["items"] == []


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"cursor": "not-a-cursor"}, "bad_request"),
        ({"dyad": "RUS"}, "validation_error"),
        ({"dyad": " :UKR"}, "validation_error"),
        ({"root": "99"}, "validation_error"),
        ({"root": ["14", "x"]}, "validation_error"),
        ({"limit": 0}, "validation_error"),
        ({"quad": 7}, "validation_error"),
        ({"since": "yesterday"}, "validation_error"),
    ],
)
def test_api_events_bad_parameters_are_json_errors(client, params, code):
    answer = client.get("/events", params=params)
    assert answer.status_code == (422 if code == "validation_error" else 400)
    assert answer.json()["error"]["code"] == code


def test_api_event_evidence_marks_the_actors_and_verb(client):
    [event] = all_pages(client, actor="TURCOP")
    detail = client.get(f"/events/{event['event_id']}").json()
    evidence = detail["evidence"]
    assert evidence["sentence"] == REPORTS["arrest"]
    marked = {h["role"]: h["text"] for h in evidence["highlights"]}
    assert marked["source"] == "Turkish police"
    assert marked["verb"] == "arrested"
    for highlight in evidence["highlights"]:
        assert evidence["sentence"][highlight["start"] : highlight["end"]] == highlight["text"]
    [mention] = detail["mentions"]
    assert (mention["doc_id"], mention["sentence_index"]) == (event["doc_id"], 0)
    assert {k: detail[k] for k in event} == event


def test_api_event_detail_lists_the_quotes_of_its_sentence(client):
    text = (
        "The Greek prime minister condemned the Turkish incursion on Friday. "
        '"This is unacceptable," he told reporters in Athens. '
        "On Sunday the Bulgarian president met the Romanian president in Sofia."
    )
    posted = client.post("/documents", json={"text": text}, headers=AUTH).json()
    by_trigger = {e["trigger"]: e for e in posted["events"]}
    condemned = client.get(f"/events/{by_trigger['condemned']['event_id']}").json()
    assert [q["quote"] for q in condemned["quotes"]] == ["This is unacceptable,"]
    met = client.get(f"/events/{by_trigger['met']['event_id']}").json()
    assert met["quotes"] == []
    quotes = client.get("/quotes", params={"doc_id": posted["doc_id"]}).json()["items"]
    assert [q["quote"] for q in quotes] == ["This is unacceptable,"]


@pytest.mark.parametrize("path", ["/events/0000000000000000", "/nowhere", "/events/x/y"])
def test_api_unknown_paths_are_json_404(client, path):
    answer = client.get(path)
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"


def test_api_summaries(client):
    actors = {a["code"]: a for a in client.get("/actors").json()["items"]}
    assert actors["RUSMIL"]["as_source"] >= 1 and "Russian troops" in actors["RUSMIL"]["names"]
    places = {p["name"]: p for p in client.get("/places").json()["items"]}
    assert places["Ankara"]["country"] == "TUR" and places["Ankara"]["events"] == 1
    network = client.get("/network").json()
    assert {"source": "CHNGOV", "target": "USA"} in [
        {"source": e["source"], "target": e["target"]} for e in network["edges"]
    ]
    stories = client.get("/stories").json()["items"]
    # every stored article is in a story, with its events and actors
    assert stories and all(s["documents"] and s["title"] for s in stories)
    assert any("RUSMIL" in s["actors"] and s["event_ids"] for s in stories)
    trend = client.get("/trends", params={"dyad": "FRA:DEU", "by": "day"}).json()
    assert trend["periods"][0]["period"] == "2023-03-01"
    assert trend["periods"][0]["quad1"] == 1
    assert client.get("/trends", params={"dyad": "DEU:FRA"}).json()["periods"] == []
    assert client.get("/alerts").json()["items"] == []
    assert client.get("/trends").status_code == 422


@pytest.mark.slow
def test_api_serve_command_runs_a_live_server_that_never_logs_the_token(tmp_path):
    import os
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = tmp_path / "server.log"
    command = [str(Path(sys.executable).parent / "eventwire"), "serve", "--db"]
    with log.open("wb") as out:
        server = subprocess.Popen(
            [*command, str(tmp_path / "live.duckdb"), "--port", str(port)],
            env={**os.environ, "EVENTWIRE_API_TOKEN": TOKEN},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    health = httpx.get(f"{base}/health", timeout=2)
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            assert health.json() == {"status": "ok", "documents": 0, "events": 0}
            # an empty text is refused before the coder loads: the test stays quick
            empty = httpx.post(f"{base}/documents", json={"text": " "}, headers=AUTH)
            assert empty.status_code == 422
            assert httpx.get(f"{base}/openapi.json").json()["info"]["title"] == "eventwire"
        finally:
            server.terminate()
            server.wait(timeout=30)
    logged = log.read_text()
    assert "POST /documents" in logged
    assert TOKEN not in logged
