"""Load on the HTTP Slack app: 200 signed app_mention events in bursts of 50 concurrent requests, against
`newsbot serve` running as its own process on loopback, while ingests run in that process. Prints p50/p99/max time
to acknowledgement and checks every event got exactly one reply (some events are also re-sent as Slack retries).

    .venv/bin/python -m bench.slack_load [--events 200] [--burst 50] [--retries 20] [--database-url URL]

Target: p99 under 500 ms, zero duplicate replies, zero lost events."""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.settings import SAMPLE_ARTICLE  # noqa: E402
from tests.slack.fake_slack import FakeSlack  # noqa: E402

SECRET = "bench-signing-secret-0123456789"
TOKEN = "xoxb-bench-token"
TEAM = "TBENCH"
QUESTIONS = ["who says residents requested the army?", "what did Erdogan say about the refugees?",
             "who is Navi Pillay?", "how many people crossed into Turkey?", "what is disputed?"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def signed(body: str, content_type: str, extra: dict | None = None) -> dict:
    stamp = str(int(time.time()))
    signature = "v0=" + hmac.new(SECRET.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature,
            **(extra or {})}


def mention_body(n: int) -> str:
    return json.dumps({"token": "legacy", "team_id": TEAM, "api_app_id": "A1", "type": "event_callback",
                       "event_id": f"EvLoad{n:04d}", "event_time": int(time.time()),
                       "event": {"type": "app_mention", "user": "U1", "channel": "CLOAD", "ts": f"{n}.000100",
                                 "text": f"<@UBOT> {QUESTIONS[n % len(QUESTIONS)]}"},
                       "authorizations": [{"team_id": TEAM, "user_id": "UBOT", "is_bot": True}]})


def variant_article(n: int) -> str:
    """A different text each time (ingest is idempotent on the text), as long as the sample article times three."""
    body = SAMPLE_ARTICLE.read_text(encoding="utf-8").split("\n", 1)[1]
    return f"Load test article {n}\n\n" + "\n\n".join([body] * 3)


def shortcut_body(n: int) -> str:
    payload = {"type": "message_action", "callback_id": "index_article", "trigger_id": "t", "token": "legacy",
               "team": {"id": TEAM}, "user": {"id": "U1"}, "channel": {"id": "CLOAD"}, "message_ts": "1.1",
               "response_url": "", "message": {"type": "message", "user": "U2", "ts": "1.1",
                                               "text": variant_article(n)}}
    return urlencode({"payload": json.dumps(payload)})


async def wait_healthy(client: aiohttp.ClientSession, process: subprocess.Popen) -> None:
    for _ in range(600):
        if process.poll() is not None:
            raise SystemExit(f"newsbot serve exited with {process.returncode}")
        try:
            async with client.get("/healthz") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.1)
    raise SystemExit("newsbot serve did not come up in 60 s")


def prepare_database(url: str) -> None:
    """Migrate and index the sample article for the bench workspace, so mentions get real answers."""
    from bot.ingest import check_files, ingest_documents, load_model
    from store.db import make_engine, migrate

    engine = make_engine(url)
    migrate(engine)
    documents, _ = check_files([SAMPLE_ARTICLE])
    list(ingest_documents(documents, engine, load_model(), team_id=TEAM))
    engine.dispose()


async def run(args) -> int:
    folder = tempfile.mkdtemp(prefix="newsbot-load-")
    database_url = args.database_url or f"sqlite:///{folder}/load.db"
    prepare_database(database_url)
    fake = await FakeSlack(tokens={TOKEN: TEAM}).start()
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET,
           "SLACK_API_URL": fake.api_url, "PORT": str(port), "NEWSBOT_LOG_LEVEL": "WARNING"}
    for name in ("SLACK_APP_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET"):
        env.pop(name, None)
    process = subprocess.Popen([sys.executable, "-c", "from bot.cli import app; app()", "serve"], cwd=ROOT, env=env)
    # aiohttp, not httpx, as the load client: httpx's own overhead on a small machine would dominate the timings
    client = aiohttp.ClientSession(f"http://127.0.0.1:{port}", timeout=aiohttp.ClientTimeout(total=30),
                                   connector=aiohttp.TCPConnector(limit=args.burst + 10))
    try:
        await wait_healthy(client, process)

        async def send(body: str, content_type: str, extra: dict | None = None) -> tuple[float, int]:
            started = time.perf_counter()
            async with client.post("/slack/events", data=body.encode(),
                                   headers=signed(body, content_type, extra)) as response:
                await response.read()
            return (time.perf_counter() - started) * 1000, response.status

        # one ingest first, so the spaCy model is loaded and the timed ingests below are parsing and storing
        await send(shortcut_body(999), "application/x-www-form-urlencoded")
        while not [c for c in fake.called("chat.postEphemeral") if c.params["text"].startswith("Indexed")]:
            await asyncio.sleep(0.1)
        fake.calls.clear()
        ingest_started = time.monotonic()
        ingests = [asyncio.create_task(send(shortcut_body(n), "application/x-www-form-urlencoded"))
                   for n in range(args.ingests)]
        await asyncio.sleep(0.2)                        # the ingests are parsing when the bursts arrive
        timings, statuses = [], []
        started = time.perf_counter()
        for first in range(0, args.events, args.burst):
            batch = range(first, min(first + args.burst, args.events))
            sends = [send(mention_body(n), "application/json") for n in batch]
            sends += [send(mention_body(n), "application/json", {"X-Slack-Retry-Num": "1",
                                                                 "X-Slack-Retry-Reason": "http_timeout"})
                      for n in batch if n < args.retries]
            for ms, status in await asyncio.gather(*sends):
                timings.append(ms)
                statuses.append(status)
        sent_seconds = time.perf_counter() - started
        bursts_done = time.monotonic()
        ingest_acks = await asyncio.gather(*ingests)
        deadline = time.monotonic() + args.reply_timeout
        while time.monotonic() < deadline:
            replied = {c.params.get("thread_ts") for c in fake.called("chat.postMessage")}
            ingest_done = len([c for c in fake.called("chat.postEphemeral")
                               if not c.params.get("text", "").startswith("Indexing")])
            if len(replied) >= args.events and ingest_done >= args.ingests:
                break
            await asyncio.sleep(0.2)
        await asyncio.sleep(1.0)                        # late duplicates would show up now
        replies: dict[str, int] = {}
        for call in fake.called("chat.postMessage"):
            replies[call.params.get("thread_ts")] = replies.get(call.params.get("thread_ts"), 0) + 1
        expected = {f"{n}.000100" for n in range(args.events)}
        lost = len(expected - replies.keys())
        duplicates = sum(count - 1 for count in replies.values() if count > 1)
        ingest_done = [c for c in fake.called("chat.postEphemeral") if not c.params["text"].startswith("Indexing")]
        ingest_results = [c.params["text"] for c in ingest_done]
        ingest_seconds = [f"{c.at - ingest_started:.1f} s" for c in ingest_done]
        timings.sort()
        p99 = timings[max(0, int(round(0.99 * len(timings))) - 1)]
        print(f"requests sent: {len(timings)} ({args.events} events + {min(args.retries, args.events)} retries) "
              f"in bursts of {args.burst}, {sent_seconds:.1f} s; non-200: {sum(s != 200 for s in statuses)}")
        print(f"ack time ms: p50 {statistics.median(timings):.1f}  p99 {p99:.1f}  max {timings[-1]:.1f}")
        acks = ", ".join(f"{ms:.0f} ms" for ms, _ in ingest_acks)
        print(f"ingests during the load: {args.ingests}, acked in {acks}, "
              f"done after {', '.join(ingest_seconds)} (the bursts ended after {bursts_done - ingest_started:.1f} s)")
        print(f"ingest results: {ingest_results}")
        print(f"replies: {sum(replies.values())} for {args.events} events; lost {lost}; duplicates {duplicates}")
        print(f"Block Kit problems seen by the fake Slack: {len(fake.errors)}")
        ok = p99 < 500 and lost == 0 and duplicates == 0 and not fake.errors
        print("target (p99 < 500 ms, zero lost, zero duplicates):", "met" if ok else "NOT met")
        return 0 if ok else 1
    finally:
        await client.close()
        process.terminate()
        process.wait(timeout=30)
        await fake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--burst", type=int, default=50)
    parser.add_argument("--retries", type=int, default=20, help="events also re-sent with X-Slack-Retry-Num")
    parser.add_argument("--ingests", type=int, default=2, help="articles indexed while the events arrive")
    parser.add_argument("--reply-timeout", type=float, default=180.0)
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    sys.exit(asyncio.run(run(parser.parse_args())))


if __name__ == "__main__":
    main()
