"""The Slack app: a slack-bolt AsyncApp with every listener from handlers/, and `serve` to run it.

Single workspace when only SLACK_BOT_TOKEN is set; multi-workspace OAuth (installations kept in the app's own
database by slack-sdk's SQLAlchemy store) when SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set. `serve` runs Socket
Mode when SLACK_APP_TOKEN is set, else an ASGI app under uvicorn: POST /slack/events (events, commands,
interactivity), GET /slack/install and /slack/oauth_redirect (OAuth), GET /healthz. The daily digest's scheduler runs
inside the same process and event loop."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import os
import threading
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from urllib.parse import urljoin, urlsplit

import aiohttp
from slack_bolt.adapter.asgi.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient
from spacy.language import Language
from sqlalchemy import Engine

from bot.errors import BadArticle, NewsbotError
from bot.nlp import load_nlp
from bot.settings import Settings
from bot.ingest import MAX_BYTES
from bot.slack_service import Reply, escape, file_name_for, ingest_reply, text_reply
from store.db import open_session
from store.slack import InstallationStore, OAuthStateStore, forget_events, record_event

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://slack.com/api/"
RATE_LIMIT_RETRIES = 3
WORKER_THREADS = 2              # blocking work at once; the rest waits its turn after being acknowledged
FETCH_TIMEOUT_SECONDS = 20
MAX_REDIRECTS = 5
BOT_SCOPES = ["app_mentions:read", "chat:write", "chat:write.public", "commands", "files:read", "im:history"]


class SlackConfigError(NewsbotError):
    """The Slack settings cannot start an app (e.g. no token and no OAuth client)."""


def web_client(settings: Settings, token: str | None = None) -> AsyncWebClient:
    """A Web API client on SLACK_API_URL that waits out HTTP 429s (Retry-After) and retries them."""
    client = AsyncWebClient(token=token, base_url=settings.slack_api_url or DEFAULT_API_URL)
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES))
    return client


def oauth_mode(settings: Settings) -> bool:
    return bool(settings.slack_client_id and settings.slack_client_secret)


def build_app(settings: Settings, engine: Engine, *, nlp: Callable[[], Language] | None = None) -> AsyncApp:
    """The AsyncApp with every handler registered. `nlp` loads the spaCy model on first ingest (tests inject one)."""
    from handlers import actions, commands, events, shortcuts, views

    if not oauth_mode(settings) and not settings.slack_bot_token:
        raise SlackConfigError("set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET "
                               "(installable in many workspaces) to connect to Slack")
    if not settings.slack_app_token and not settings.slack_signing_secret:
        raise SlackConfigError("set SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)")
    with slack_env_hidden():
        app = bolt_app(settings, engine)
    service = SlackService(engine, nlp or partial(load_nlp, settings.spacy_model), settings)
    for module in (events, commands, actions, views, shortcuts):
        module.register(app, service)
    app.error(report_error)
    return app


@contextmanager
def slack_env_hidden() -> Iterator[None]:
    """bolt also reads SLACK_* variables on its own (an empty SLACK_CLIENT_ID copied from .env.example would turn
    on its OAuth with a file store): while it is built, it sees only what Settings gives it."""
    hidden = {name: os.environ.pop(name) for name in list(os.environ) if name.startswith("SLACK_")}
    try:
        yield
    finally:
        os.environ.update(hidden)


def bolt_app(settings: Settings, engine: Engine) -> AsyncApp:
    if oauth_mode(settings):
        oauth = AsyncOAuthSettings(
            client_id=settings.slack_client_id, client_secret=settings.slack_client_secret, scopes=BOT_SCOPES,
            installation_store=InstallationStore(settings.slack_client_id, engine), state_store=OAuthStateStore(engine))
        oauth.authorize.cache_enabled = True    # a token's auth.test once, not before every acknowledgement
        return AsyncApp(signing_secret=settings.slack_signing_secret, client=web_client(settings),
                        oauth_settings=oauth)
    return AsyncApp(signing_secret=settings.slack_signing_secret, client=web_client(settings, settings.slack_bot_token))


class SlackService:
    """What every handler needs: the database, the spaCy loader, blocking work run off the loop, and errors turned
    into short friendly replies (logged with context, never a stack trace in Slack)."""

    def __init__(self, engine: Engine, nlp: Callable[[], Language], settings: Settings):
        self.engine = engine
        self.nlp = nlp
        self.settings = settings
        self.workers = ThreadPoolExecutor(max_workers=WORKER_THREADS, thread_name_prefix="newsbot-work")

    async def run(self, function: Callable, *args):
        """Blocking work (database, parsing, ingest) in a worker thread: the loop keeps acknowledging requests.
        Few threads: more would only fight the event loop for the GIL and slow every acknowledgement."""
        return await asyncio.get_running_loop().run_in_executor(self.workers, partial(function, self.engine, *args))

    async def reply(self, doing: str, function: Callable[..., Reply], *args) -> Reply:
        """`function(engine, *args)` in a thread; a failure becomes a one-line apology (or the user error's text)."""
        try:
            return await self.run(function, *args)
        except NewsbotError as error:
            return text_reply(escape(str(error)))
        except Exception:
            log.exception("failed while %s", doing)
            return text_reply(f"Sorry, something went wrong while {doing}. It has been logged; please try again.")

    async def first_time(self, team_id: str, event_id: str | None) -> bool:
        """True once per (team, event id), whichever process or retry asks first (a SlackEvent row)."""
        if not event_id:
            return True
        return await self.run(_record_event, team_id, event_id)

    async def ingest_bytes(self, team_id: str, name: str, data: bytes, url: str | None = None) -> Reply:
        return await self.reply(f"indexing {name}", ingest_reply, self.nlp, team_id, name, data, url)

    async def ingest_text(self, team_id: str, text: str, label: str) -> Reply:
        """Article text pasted in a message."""
        return await self.ingest_bytes(team_id, file_name_for(label, ".txt"), text.encode("utf-8"))

    async def ingest_url(self, team_id: str, url: str) -> Reply:
        """Fetch a web page; STORE's ingest keeps its article text (trafilatura) and indexes it."""
        try:
            page = await download(url, public_only=not self.settings.fetch_private_urls)
        except BadArticle as error:
            return text_reply(f"Could not index {escape(url)}: {escape(str(error))}")
        parts = urlsplit(url)
        return await self.ingest_bytes(team_id, file_name_for(parts.path.rstrip("/").rsplit("/", 1)[-1]
                                                              or parts.netloc, ".html"), page, url)

    async def ingest_file(self, team_id: str, name: str, url: str | None, token: str | None) -> Reply:
        """Download a Slack file with the bot token and index it as .txt or .html."""
        try:
            data = await download(url or "", token, public_only=not self.settings.fetch_private_urls)
        except BadArticle as error:
            return text_reply(f"Could not index {escape(name)}: {escape(str(error))}")
        return await self.ingest_bytes(team_id, name, data)


def _record_event(engine: Engine, team_id: str, event_id: str) -> bool:
    with open_session(engine) as session:
        return record_event(session, team_id, event_id)


class PublicOnlyResolver(aiohttp.ThreadedResolver):
    """Resolves host names only to public addresses: a link pasted in Slack must not make the server fetch its own
    network (cloud metadata, admin pages, the database)."""

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET) -> list:
        public = [found for found in await super().resolve(host, port, family)
                  if ipaddress.ip_address(found["host"]).is_global]
        if not public:
            raise BadArticle(private_address(host))
        return public


def private_address(host: str) -> str:
    return f"{host} is a private or local address; only public web pages can be fetched"


def check_link(url: str, public_only: bool) -> None:
    """http(s) only; with public_only, an address written as digits must be public too (no resolver sees it)."""
    if not url.lower().startswith(("http://", "https://")):
        raise BadArticle("only http and https links can be fetched")
    host = urlsplit(url).hostname or ""
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        return
    if public_only and not literal.is_global:
        raise BadArticle(private_address(host))


async def download(url: str, token: str | None = None, *, public_only: bool = True) -> bytes:
    """GET a page or a Slack file (bearer token), at most MAX_BYTES; failures are BadArticle. Redirects are
    followed here, each hop checked like the first; the token goes only to the first link's host."""
    first_host = urlsplit(url).hostname
    connector = aiohttp.TCPConnector(resolver=PublicOnlyResolver()) if public_only else None
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=FETCH_TIMEOUT_SECONDS),
                                         connector=connector) as session:
            for _ in range(MAX_REDIRECTS + 1):
                check_link(url, public_only)
                headers = {"Authorization": f"Bearer {token}"} if token and urlsplit(url).hostname == first_host else {}
                async with session.get(url, headers=headers, allow_redirects=False) as response:
                    if response.status in (301, 302, 303, 307, 308) and "Location" in response.headers:
                        url = urljoin(url, response.headers["Location"])
                        continue
                    if response.status != 200:
                        raise BadArticle(f"the server answered HTTP {response.status}")
                    data = await response.content.read(MAX_BYTES + 1)
                    break
            else:
                raise BadArticle(f"more than {MAX_REDIRECTS} redirects")
    except (aiohttp.ClientError, asyncio.TimeoutError) as error:
        raise BadArticle(f"could not fetch it ({type(error).__name__})") from None
    if len(data) > MAX_BYTES:
        raise BadArticle(f"larger than the {MAX_BYTES // 1_048_576} MB limit for one article")
    return data


async def report_error(error: Exception, body: dict, logger: logging.Logger) -> None:
    """Last resort for an error a listener did not handle: logged with where it came from, never shown raw."""
    logger.error("unhandled %s in %s (team %s): %s", type(error).__name__, request_kind(body), body_team(body),
                 error, exc_info=error)


def request_kind(body: dict) -> str:
    event = body.get("event") or {}
    return body.get("command") or event.get("type") or body.get("type") or "request"


def body_team(body: dict) -> str | None:
    return body.get("team_id") or (body.get("team") or {}).get("id") or (body.get("event") or {}).get("team")


# --- logging without secrets ---------------------------------------------------------------------------------------

TOKEN_PATTERN = re.compile(r"\b(xox[abposer]|xapp)-[A-Za-z0-9-]+")


class RedactSecrets(logging.Filter):
    """Replace Slack tokens and the given secrets in every record (message, arguments and traceback) by ***."""

    def __init__(self, secrets: list[str | None]):
        super().__init__()
        self.secrets = [s for s in secrets if s and len(s) >= 6]

    def redact(self, text: str) -> str:
        text = TOKEN_PATTERN.sub(lambda m: f"{m.group(1)}-***", text)
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = self.redact(record.getMessage()), None
        if record.exc_info:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def configure_logging(settings: Settings) -> None:
    """Root logging at NEWSBOT_LOG_LEVEL; every handler redacts tokens and secrets, whoever logs."""
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    redact = RedactSecrets([settings.slack_bot_token, settings.slack_app_token, settings.slack_signing_secret,
                            settings.slack_client_secret])
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)


# --- running -------------------------------------------------------------------------------------------------------

def digest_poster(app: AsyncApp, settings: Settings, engine: Engine):
    """The scheduler's way to post: chat.postMessage with the team's bot token (the installation's, under OAuth)."""

    async def post(team_id: str, channel_id: str, text: str, blocks: list[dict]) -> str | None:
        client = app.client
        if oauth_mode(settings):
            bot = await InstallationStore(settings.slack_client_id, engine).async_find_bot(
                enterprise_id=None, team_id=team_id)
            if bot is None:
                raise SlackConfigError(f"workspace {team_id} has no installation")
            client = web_client(settings, bot.bot_token)
        response = await client.chat_postMessage(channel=channel_id, text=text, blocks=blocks,
                                                 unfurl_links=False, unfurl_media=False)
        return response.get("ts")

    return post


class HttpApp:
    """The ASGI app: GET /healthz answered here, everything else by bolt's handler; the digest scheduler starts
    and stops with the server (ASGI lifespan)."""

    def __init__(self, app: AsyncApp, on_startup: Callable | None = None, on_shutdown: Callable | None = None):
        self.bolt = AsyncSlackRequestHandler(app)
        self.on_startup, self.on_shutdown = on_startup, on_shutdown

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            await self.lifespan(receive, send)
        elif scope["type"] == "http" and scope["path"] == "/healthz":
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
            await send({"type": "http.response.body", "body": b"ok"})
        else:
            await self.bolt(scope, receive, send)

    async def lifespan(self, receive, send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                if self.on_startup:
                    self.on_startup()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self.on_shutdown:
                    self.on_shutdown()
                await send({"type": "lifespan.shutdown.complete"})
                return


def _read_ahead(engine: Engine) -> None:
    """What the first question would otherwise read from disk in its worker thread: the names it looks up and the
    English word lists its typo check consults (bot.questions.is_english reads the model's lemmatizer tables)."""
    from bot.questions import is_english
    from store.search import read_names

    read_names(engine)
    is_english("")


def serve(settings: Settings) -> None:
    """`newsbot serve`: migrate, then Socket Mode (SLACK_APP_TOKEN set) or HTTP on PORT, with the digest scheduler;
    the names questions look up and the question parser's word lists are read meanwhile, in a thread (a question
    asked before the names are done waits for them)."""
    import uvicorn

    from bot import scheduler
    from store.db import make_engine, migrate

    configure_logging(settings)
    engine = make_engine(settings.database_url)
    migrate(engine)
    with open_session(engine) as session:
        forget_events(session, datetime.now(timezone.utc) - scheduler.EVENT_MEMORY)
    threading.Thread(target=_read_ahead, args=(engine,), name="newsbot-names", daemon=True).start()
    app = build_app(settings, engine)
    poster = digest_poster(app, settings, engine)
    if settings.slack_app_token:
        asyncio.run(serve_socket_mode(app, settings, poster, engine))
        return
    running: list = []
    http = HttpApp(app, on_startup=lambda: running.append(scheduler.start(poster, engine)),
                   on_shutdown=lambda: [s.shutdown() for s in running])
    log.warning("newsbot listening on port %d (HTTP mode: POST /slack/events)", settings.port)
    uvicorn.Server(uvicorn.Config(http, host="0.0.0.0", port=settings.port, log_config=None,
                                  proxy_headers=True)).run()


async def serve_socket_mode(app: AsyncApp, settings: Settings, poster, engine: Engine) -> None:
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    from bot import scheduler

    digest = scheduler.start(poster, engine)
    try:
        log.warning("newsbot connecting to Slack in Socket Mode")
        await AsyncSocketModeHandler(app, settings.slack_app_token).start_async()
    finally:
        digest.shutdown()
