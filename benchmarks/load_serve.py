"""Load test of ``eventwire serve``: GET /events on 100,000 events while documents are posted.

Builds a store of N synthetic events (default 100,000; DuckDB's ``range()``, seconds, no spaCy),
starts ``eventwire serve`` on 127.0.0.1 on a free port in a subprocess, warms it (the coder loads
on the first POST; each page of the mix is read once, as a dashboard's would be), then sends a
fixed number of GET /events requests (default 3,000) from a few client threads, at most 30 s,
while another client posts a new document every second with the API token. The mix is the first
page and the two next pages (by cursor) of a dozen filters: none, actor, country, dyads, CAMEO
root, PLOVER, QuadClass, dates, text search.

Prints requests/s, p50 and p99 latency; exits 1 when below 200 requests/s, p99 at or above
200 ms, any request failed, or no document was posted.

    .venv/bin/python benchmarks/load_serve.py [EVENTS] [REQUESTS]
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import httpx

from eventwire.store import open_store

COUNTRIES = ("RUS", "UKR", "USA", "CHN", "FRA", "DEU", "GBR", "IRN", "ISR", "TUR", "IND", "PAK")
ROLES = ("GOV", "MIL", "COP", "OPP")
# (root, plover, quad, verb) of the synthetic events.
KINDS = (
    ("04", "CONSULT", 1, "met"),
    ("05", "SUPPORT", 1, "praised"),
    ("11", "ACCUSE", 3, "accused"),
    ("14", "PROTEST", 3, "protested"),
    ("17", "COERCE", 4, "arrested"),
    ("19", "ASSAULT", 4, "attacked"),
)
MIX = (
    {},
    {"actor": "RUSMIL"},
    {"country": "UKR"},
    {"dyad": "RUS:UKR"},
    {"dyad": "*:CHN"},
    {"root": "14"},
    {"plover": "ASSAULT"},
    {"quad": "4"},
    {"since": "2024-06-01", "until": "2024-06-30"},
    {"q": "border"},
    {"country": "IRN", "quad": "3"},
    {"limit": "20", "dyad": "USA:*"},
)
PAGES = 3
CLIENTS = 4
TIME_CAP = 30.0
POST_EVERY = 1.0
MIN_RATE = 200.0
MAX_P99_MS = 200.0
TOKEN = "load-test-token"


def fill(connection, count: int) -> None:
    """Insert ``count`` synthetic events in 1,000-event documents, with actors and sentences."""
    countries = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    roles = "[" + ", ".join(f"'{r}'" for r in ROLES) + "]"
    kinds = (
        "["
        + ", ".join(
            f"{{'root': '{r}', 'plover': '{p}', 'quad': {q}, 'verb': '{v}'}}"
            for r, p, q, v in KINDS
        )
        + "]"
    )
    connection.execute(
        f"""
        INSERT INTO documents (doc_id, kind, text, coded_at, source)
        SELECT printf('doc%05d', d), 'article', 'synthetic', now(), 'Synthetic Wire'
        FROM range({count // 1000 + 1}) t(d)
        """
    )
    connection.execute(
        f"""
        CREATE TEMP TABLE synthetic AS
        SELECT i, printf('doc%05d', i // 1000) AS doc_id, CAST(i % 1000 AS INTEGER) AS sentence,
               {countries}[CAST(hash(i * 5) % {len(COUNTRIES)} AS INTEGER) + 1] AS src,
               {countries}[CAST(hash(i * 11) % {len(COUNTRIES)} AS INTEGER) + 1] AS tgt,
               {roles}[CAST(hash(i * 13) % {len(ROLES)} AS INTEGER) + 1] AS role,
               {kinds}[CAST(hash(i * 3) % {len(KINDS)} AS INTEGER) + 1] AS kind,
               DATE '2023-01-01' + CAST(hash(i * 7) % 730 AS INTEGER) AS day
        FROM range({count}) t(i)
        """
    )
    connection.execute(
        """
        INSERT INTO sentences (doc_id, sentence_index, paragraph, "start", "end", text, tone)
        SELECT doc_id, sentence, 0, sentence * 100, sentence * 100 + 60,
               src || ' forces ' || kind.verb || ' ' || tgt || ' officials near the '
               || CASE WHEN i % 9 = 0 THEN 'border' ELSE 'capital' END || '.',
               (hash(i) % 200) / 10.0 - 10
        FROM synthetic
        """
    )
    connection.execute(
        """
        INSERT INTO events (event_id, doc_id, sentence_index, cameo, cameo_root, plover,
                            goldstein, quad_class, confidence, rule, "trigger", trigger_start,
                            trigger_end, event_date, source_code, target_code, published,
                            date_basis)
        SELECT printf('%016x', i), doc_id, sentence, kind.root || '0', kind.root, kind.plover,
               CASE kind.quad WHEN 1 THEN 3.0 WHEN 3 THEN -2.0 ELSE -9.0 END, kind.quad, 0.85,
               'synthetic', kind.verb, sentence * 100 + 11, sentence * 100 + 11 + len(kind.verb),
               day, src || role, tgt || 'GOV', day, 'published'
        FROM synthetic
        """
    )
    for slot, code in (("source", "src || role"), ("target", "tgt || 'GOV'")):
        column = "src" if slot == "source" else "tgt"
        connection.execute(
            f"""
            INSERT INTO actors (event_id, slot, text, code, country, role, "start", "end", rule)
            SELECT printf('%016x', i), '{slot}', {column} || ' forces', {code}, {column},
                   {"role" if slot == "source" else "'GOV'"}, sentence * 100,
                   sentence * 100 + 10, 'synthetic'
            FROM synthetic
            """
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    sys.exit("the server did not answer /health within 60 s")


def walk(client: http.client.HTTPConnection, params: dict[str, str]) -> list[float]:
    """Read the first pages of one filter; return each request's seconds."""
    times = []
    cursor = None
    for _ in range(PAGES):
        query = urllib.parse.urlencode({**params, **({"cursor": cursor} if cursor else {})})
        start = time.perf_counter()
        client.request("GET", f"/events?{query}")
        answer = client.getresponse()
        body = answer.read()
        times.append(time.perf_counter() - start)
        if answer.status != 200:
            raise RuntimeError(f"GET /events?{query}: {answer.status} {body[:200]!r}")
        cursor = json.loads(body)["next"]
        if cursor is None:
            break
    return times


def document(number: int) -> dict[str, str]:
    country, other = COUNTRIES[number % 12], COUNTRIES[(number * 5 + 1) % 12]
    return {
        "text": f"Officials from {country} met a delegation from {other} on Tuesday, report "
        f"{number}. Police in {country} later arrested {number % 7 + 2} protesters.",
        "published": "2024-12-31",
        "source": "Load Test Wire",
    }


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 3_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "load.duckdb"
        started = time.perf_counter()
        with open_store(path) as store:
            fill(store.connection, count)
        print(f"generated {count:,} events in {time.perf_counter() - started:.1f} s")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "EVENTWIRE_API_TOKEN": TOKEN}
        command = [str(Path(sys.executable).parent / "eventwire"), "serve", "--db", str(path)]
        server = subprocess.Popen(
            [*command, "--host", "127.0.0.1", "--port", str(port), "--no-access-log"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(base, server)
            print(f"server up in {time.perf_counter() - started:.1f} s (index of {count:,} events)")
            sys.exit(run_load(base, total))
        finally:
            server.terminate()
            server.wait(timeout=30)


def run_load(base: str, total: int) -> int:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    port = int(base.rsplit(":", 1)[1])
    with httpx.Client(base_url=base, timeout=60) as client:
        started = time.perf_counter()
        client.post("/documents", json=document(0), headers=auth).raise_for_status()
        print(f"first POST (loads the coder) {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    warm = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for params in MIX:
        walk(warm, params)
    warm.close()
    print(f"warm-up: {len(MIX)} filters x {PAGES} pages in {time.perf_counter() - started:.1f} s")

    latencies: list[float] = []
    failures: list[str] = []
    posted: list[float] = []
    lock = threading.Lock()
    stop = threading.Event()
    deadline = time.monotonic() + TIME_CAP

    def reader(number: int) -> None:
        # http.client, not httpx: the load generator shares the machine's two cores with the
        # server and must cost it as little as possible (keep-alive, one connection a thread).
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        turn = number
        while not stop.is_set() and time.monotonic() < deadline:
            try:
                times = walk(client, MIX[turn % len(MIX)])
            except (OSError, RuntimeError, http.client.HTTPException) as exc:
                with lock:
                    failures.append(repr(exc))
                client.close()
                client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                times = []
            turn += 1
            with lock:
                latencies.extend(times)
                if len(latencies) >= total:
                    stop.set()
        client.close()

    def poster() -> None:
        with httpx.Client(base_url=base, timeout=60, headers=auth) as client:
            number = 1
            while not stop.is_set() and time.monotonic() < deadline:
                start = time.perf_counter()
                answer = client.post("/documents", json=document(number))
                if answer.status_code != 201:
                    failures.append(f"POST {answer.status_code}: {answer.text[:200]}")
                posted.append(time.perf_counter() - start)
                number += 1
                stop.wait(max(0.0, POST_EVERY - (time.perf_counter() - start)))

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(CLIENTS)]
    threads.append(threading.Thread(target=poster))
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    done = sorted(latencies)
    rate = len(done) / elapsed
    p50 = done[len(done) // 2] * 1000 if done else float("nan")
    p99 = done[min(len(done) - 1, int(len(done) * 0.99))] * 1000 if done else float("nan")
    print(
        f"GET /events: {len(done):,} requests in {elapsed:.1f} s = {rate:.0f} requests/s, "
        f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {done[-1] * 1000 if done else 0:.1f} ms "
        f"({CLIENTS} clients)"
    )
    mean_post = sum(posted) / len(posted) if posted else float("nan")
    print(f"POST /documents meanwhile: {len(posted)} documents, {mean_post * 1000:.0f} ms each")
    problems = [
        *(f"request failed: {f}" for f in failures[:5]),
        *([f"{rate:.0f} requests/s is below {MIN_RATE:.0f}"] if rate < MIN_RATE else []),
        *([f"p99 {p99:.0f} ms is not under {MAX_P99_MS:.0f} ms"] if p99 >= MAX_P99_MS else []),
        *(["no document was posted during the load"] if not posted else []),
    ]
    for problem in problems:
        print(f"FAIL: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    main()
