"""Throughput and latency of the pre-publish service (``copydesk serve``) on loopback.

Starts ``copydesk serve`` in a subprocess on 127.0.0.1 (built-in rules, default
config, from an empty temporary directory), checks that it answers, then drives
``POST /v1/check`` with N client threads (keep-alive connections) until either
the time budget or the request budget is spent, and reports requests/second
and latency percentiles. The article is a typical ~30-paragraph news story
written for this benchmark (fictional; it carries the usual defects: a pasted
paragraph, name variants, an unsourced claim, appended teasers).

Usage::

    python benchmarks/bench_server.py [--clients 4] [--duration 10] [--max-requests 2000]
        [--format text|html] [--server-concurrency 4] [--json]

Stops by itself; the server process is always terminated.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from typing import Any

PARAGRAPHS = [
    "Vestmark water board approves emergency drought plan",
    "The Vestmark regional water board on Tuesday approved an emergency plan to cut household use by a fifth "
    "over the summer, after the driest spring on the board's records left the Lindal reservoir at 41 percent "
    "of capacity.",
    "The plan, adopted by seven votes to two, bans garden sprinklers and car washing with hoses from 1 June, "
    "closes the three public fountains in the town centre and asks businesses to publish their monthly water use.",
    'Board chair Ingrid Solheim said the measures were unwelcome but unavoidable. "We would rather ask people '
    'to change their habits now than turn off taps in August," she told the meeting.',
    "Engineers told the board that inflow to the reservoir in April was less than half the average of the past "
    "thirty years, and that groundwater levels in the eastern wells had fallen for eleven consecutive weeks.",
    "Under the plan, the board will also bring forward repairs on the old trunk main under Kirkegata, which "
    "engineers estimate loses around 900 cubic metres a day through cracked joints.",
    "The repair work, originally scheduled for 2027, will now start in July and close two lanes of Kirkegata "
    "for about ten weeks. The board said it would coordinate detours with the municipal roads department.",
    "Farmers in the Lindal valley, who draw on the same catchment, will be asked to switch to night irrigation "
    "and to report their abstraction weekly rather than monthly.",
    "Per Aasen, who grows strawberries on twelve hectares near Nordby, said most growers had already changed "
    'their watering schedules. "Nobody here needs to be told that it has not rained," he said.',
    "The two members who voted against, both from the coastal wards, argued that the ban on hoses should not "
    "apply to households that collect rainwater in their own tanks.",
    "Ms Solhiem said the board would look at exemptions for rainwater tanks at its next meeting in May, "
    "once inspectors had worked out how such use could be checked.",
    "Water use in Vestmark averaged 182 litres per person per day last year, according to the board's annual "
    "report, above the national average of 160 litres.",
    "The board's hydrologist, Tomas Berge, presented three scenarios for the summer. In the driest of them, "
    "the reservoir would fall below 20 percent by the end of August even with the new restrictions.",
    "In that case, Mr Berge said, the board would have to consider rotating supply interruptions in the "
    "higher districts, which depend on pumping stations with limited storage.",
    "Officials stressed that drinking water quality was not affected. Samples taken at the treatment works "
    "in May met every standard, the board's laboratory said.",
    "Local businesses reacted cautiously. The Vestmark chamber of commerce said it supported the plan but "
    "asked for clear guidance on what counts as essential use for restaurants and hair salons.",
    "Hotels on the coast, which fill up from late June, have been asked to put notices in rooms and to stop "
    "changing towels daily unless guests ask for it.",
    "The plan also sets aside 2.4 million kroner for a campaign explaining the restrictions, including "
    "leaflets in six languages and a hotline staffed until September.",
    "Drought plans of this kind are known to cut household water use by more than thirty percent within weeks.",
    "Schools will be asked to include water saving in their end-of-year projects, and the board will "
    "distribute free tap aerators at the library and at the town hall.",
    "The board chair, Ingrid Solheim, said the aerators alone could save a typical family several thousand "
    "litres over the summer.",
    "Neighbouring Austfjord, which buys about a tenth of its water from Vestmark, has been told that "
    "deliveries will continue but may be reduced if the driest scenario comes to pass.",
    "Austfjord's mayor, Lene Dahl, said her council would adopt matching restrictions next week so that "
    "residents on both sides of the boundary faced the same rules.",
    "Under the plan, the board will also bring forward repairs on the old trunk main under Kirkegata, which "
    "engineers estimate loses around 900 cubic metres a day through cracked joints.",
    "The restrictions will be reviewed every two weeks. The board said it would lift them early if the "
    "reservoir recovered above 60 percent, which would need several days of heavy rain.",
    "Residents can report leaks and breaches of the ban through the board's website or by phone. Inspectors "
    "will give warnings first and fines of up to 5,000 kroner for repeated breaches.",
    "The last comparable restrictions in Vestmark were imposed in 2018, when the board banned sprinklers "
    "for six weeks in July and August.",
    "You may also like",
    "Ten easy recipes for a summer barbecue",
    "Celebrity chef opens third restaurant in the capital",
    "Football: Nordby United sign striker on two-year deal",
]


def article(fmt: str) -> str:
    if fmt == "html":
        head, *body = PARAGRAPHS
        inner = "".join(f"<p>{p}</p>\n" for p in body)
        return f"<article>\n<h1>{head}</h1>\n{inner}</article>\n"
    return "\n\n".join(PARAGRAPHS) + "\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post(conn: http.client.HTTPConnection, body: bytes) -> tuple[int, bytes]:
    conn.request("POST", "/v1/check", body=body, headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    return response.status, response.read()


def start_server(port: int, workdir: str, concurrency: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "COPYDESK_CONCURRENCY": str(concurrency)}
    env.pop("COPYDESK_TOKEN", None)
    cmd = [sys.executable, "-m", "linters.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return proc
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("server did not start within 60s")


def drive(port: int, body: bytes, clients: int, duration: float, budget: int) -> dict[str, Any]:
    """N threads, each on its own keep-alive connection, until time or request budget runs out."""
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    remaining = [budget]
    deadline = time.monotonic() + duration

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            while time.monotonic() < deadline:
                with lock:
                    if remaining[0] <= 0:
                        return
                    remaining[0] -= 1
                started = time.perf_counter()
                try:
                    status, _ = post(conn, body)
                except OSError:
                    status = -1
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                elapsed = time.perf_counter() - started
                with lock:
                    statuses[status] += 1
                    if status == 200:
                        latencies.append(elapsed)
        finally:
            conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    latencies.sort()

    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else float("nan")

    return {
        "requests": sum(statuses.values()),
        "ok": statuses.get(200, 0),
        "statuses": dict(sorted(statuses.items())),
        "seconds": round(wall, 2),
        "rps": round(statuses.get(200, 0) / wall, 1) if wall else 0.0,
        "p50_ms": round(pct(0.50), 1),
        "p90_ms": round(pct(0.90), 1),
        "p99_ms": round(pct(0.99), 1),
        "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=4, help="concurrent client threads (max 64)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of load (max 120)")
    parser.add_argument("--max-requests", type=int, default=2000, help="stop after this many requests")
    parser.add_argument("--format", choices=["text", "html"], default="text")
    parser.add_argument("--server-concurrency", type=int, default=4, help="COPYDESK_CONCURRENCY for the server")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    clients = max(1, min(args.clients, 64))
    duration = max(1.0, min(args.duration, 120.0))
    text = article(args.format)
    body = json.dumps({"format": args.format, "text": text}).encode("utf-8")
    port = free_port()
    with tempfile.TemporaryDirectory() as workdir:
        proc = start_server(port, workdir, args.server_concurrency)
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            status, raw = post(conn, body)
            if status != 200:
                raise SystemExit(f"check failed: HTTP {status}: {raw[:300]!r}")
            report = json.loads(raw)
            single = []
            for _ in range(10):  # warm-up, and the latency of one request on an idle server
                started = time.perf_counter()
                post(conn, body)
                single.append(time.perf_counter() - started)
            conn.close()
            result = drive(port, body, clients, duration, max(1, args.max_requests))
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    result |= {
        "clients": clients,
        "format": args.format,
        "article_paragraphs": len(PARAGRAPHS),
        "article_bytes": len(text.encode("utf-8")),
        "findings": report["summary"]["by_rule"],
        "publishable": report["publishable"],
        "idle_median_ms": round(statistics.median(single) * 1000, 1),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"{result['format']} article: {result['article_paragraphs']} paragraphs, {result['article_bytes']} bytes, "
            f"findings {result['findings']}, publishable={result['publishable']}"
        )
        print(f"idle single request: median {result['idle_median_ms']} ms")
        print(
            f"{clients} clients, {result['seconds']} s: {result['requests']} requests ({result['statuses']}), "
            f"{result['rps']} req/s, p50 {result['p50_ms']} ms, p90 {result['p90_ms']} ms, "
            f"p99 {result['p99_ms']} ms, max {result['max_ms']} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
