"""A fake Slack on 127.0.0.1 (aiohttp): the Web API methods the app calls, response URLs, file downloads, web pages
and a Socket Mode websocket. It records every call, checks Block Kit limits on everything posted, and can answer
HTTP 429 with Retry-After, so the app is tested over Slack's real wire protocol without Slack."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field

from aiohttp import WSMsgType, web

BOT_USER = "UBOT"
MESSAGE_BLOCKS = 50
SURFACE_BLOCKS = 100            # modals and App Home
SECTION_TEXT = 3000
FIELD_TEXT = 2000
HEADER_TEXT = 150
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
MESSAGE_TEXT = 40000


@dataclass
class Call:
    method: str                     # a Web API method, or "response_url"
    params: dict
    token: str | None
    at: float = field(default_factory=time.monotonic)


@dataclass
class FakeSlack:
    """Start with `await fake.start()`; `fake.api_url` is the SLACK_API_URL to give the app."""

    tokens: dict[str, str] = field(default_factory=dict)          # bot token → team id
    installs: dict[str, dict] = field(default_factory=dict)       # OAuth code → oauth.v2.access answer
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)   # file id → (name, content)
    pages: dict[str, str] = field(default_factory=dict)           # path → HTML served at /pages/<path>
    rate_limited: dict[str, int] = field(default_factory=dict)    # method → how many 429s to answer first
    calls: list[Call] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)               # Block Kit or protocol violations seen
    acks: list[dict] = field(default_factory=list)                # Socket Mode acknowledgements received
    port: int = 0

    def __post_init__(self):
        self._ts = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._sockets: list[web.WebSocketResponse] = []
        self._changed = asyncio.Event()

    # --- lifecycle ----------------------------------------------------------------------------------------------

    async def start(self) -> FakeSlack:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self.api)
        app.router.add_post("/response/{id}", self.response_url)
        app.router.add_get("/files/{id}", self.download)
        app.router.add_get("/pages/{path}", self.page)
        app.router.add_get("/ws", self.websocket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        for socket in self._sockets:
            await socket.close()
        await self._runner.cleanup()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url_for(self, name: str) -> str:
        return f"{self.url}/response/{name}"

    # --- what tests read ----------------------------------------------------------------------------------------

    def called(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 20.0) -> list[Call]:
        """Wait until `method` was called at least `count` times; returns those calls."""
        async def enough():
            while len(self.called(method)) < count:
                self._changed.clear()
                await self._changed.wait()
        try:
            await asyncio.wait_for(enough(), timeout)
        except TimeoutError:
            raise AssertionError(f"{method}: {len(self.called(method))} calls after {timeout}s, wanted {count}; "
                                 f"calls: {[c.method for c in self.calls]}") from None
        return self.called(method)

    def _record(self, call: Call) -> None:
        self.calls.append(call)
        self._changed.set()

    # --- Web API ------------------------------------------------------------------------------------------------

    async def api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await _params(request)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or params.get("token")
        if self.rate_limited.get(method):
            self.rate_limited[method] -= 1
            self._record(Call(method + ":429", params, token))
            return web.json_response({"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "1"})
        self._record(Call(method, params, token))
        if method not in ("oauth.v2.access", "apps.connections.open") and token not in self.tokens:
            return web.json_response({"ok": False, "error": "invalid_auth"})
        self._check_message(method, params)
        answer = getattr(self, "m_" + method.replace(".", "_"), None)
        return web.json_response(answer(params, token) if answer else {"ok": True})

    def m_auth_test(self, params, token):
        team = self.tokens[token]
        return {"ok": True, "url": f"https://{team}.example/", "team": f"Team {team}", "team_id": team,
                "user": "newsbot", "user_id": BOT_USER, "bot_id": "BBOT", "is_enterprise_install": False}

    def m_chat_postMessage(self, params, token):
        return {"ok": True, "channel": params.get("channel"), "ts": f"{next(self._ts)}.000100",
                "message": {"text": params.get("text")}}

    def m_chat_postEphemeral(self, params, token):
        return {"ok": True, "message_ts": f"{next(self._ts)}.000200"}

    def m_files_info(self, params, token):
        name, content = self.files[params["file"]]
        return {"ok": True, "file": {"id": params["file"], "name": name, "size": len(content),
                                     "url_private_download": f"{self.url}/files/{params['file']}"}}

    def m_oauth_v2_access(self, params, token):
        install = self.installs.get(params.get("code"))
        if install is None:
            return {"ok": False, "error": "invalid_code"}
        self.tokens[install["access_token"]] = install["team"]["id"]
        return {"ok": True, **install}

    def m_apps_connections_open(self, params, token):
        return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/ws"}

    def m_users_info(self, params, token):
        return {"ok": True, "user": {"id": params.get("user"), "tz": "Europe/London"}}

    # --- response URLs, files, pages ----------------------------------------------------------------------------

    async def response_url(self, request: web.Request) -> web.Response:
        params = await request.json()
        self._check_blocks("response_url", params.get("blocks"), MESSAGE_BLOCKS)
        self._record(Call("response_url", params, request.match_info["id"]))
        return web.Response(text="ok")

    async def download(self, request: web.Request) -> web.Response:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if token not in self.tokens:
            return web.Response(status=403, text="no token")
        name, content = self.files[request.match_info["id"]]
        return web.Response(body=content, content_type="application/octet-stream")

    async def page(self, request: web.Request) -> web.Response:
        html = self.pages.get(request.match_info["path"])
        return web.Response(status=404) if html is None else web.Response(text=html, content_type="text/html")

    # --- Socket Mode --------------------------------------------------------------------------------------------

    async def websocket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._sockets.append(socket)
        await socket.send_json({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A1"}})
        async for message in socket:
            if message.type == WSMsgType.TEXT:
                self.acks.append(json.loads(message.data))
                self._changed.set()
        return socket

    async def push(self, envelope: dict) -> None:
        """Send a Socket Mode envelope to every connected client."""
        for socket in self._sockets:
            if not socket.closed:
                await socket.send_json(envelope)

    async def wait_connected(self, timeout: float = 10.0) -> None:
        async def connected():
            while not any(not s.closed for s in self._sockets):
                await asyncio.sleep(0.02)
        await asyncio.wait_for(connected(), timeout)

    # --- Block Kit limits ---------------------------------------------------------------------------------------

    def _check_message(self, method: str, params: dict) -> None:
        if method in ("chat.postMessage", "chat.postEphemeral", "chat.update"):
            if len(params.get("text") or "") > MESSAGE_TEXT:
                self.errors.append(f"{method}: text over {MESSAGE_TEXT} characters")
            self._check_blocks(method, params.get("blocks"), MESSAGE_BLOCKS)
        elif method in ("views.publish", "views.open"):
            view = params.get("view") or {}
            self._check_blocks(method, view.get("blocks"), SURFACE_BLOCKS)

    def _check_blocks(self, where: str, blocks, limit: int) -> None:
        if blocks is None:
            return
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        if len(blocks) > limit:
            self.errors.append(f"{where}: {len(blocks)} blocks, over {limit}")
        for block in blocks:
            kind = block.get("type")
            if kind == "section":
                if len((block.get("text") or {}).get("text", "")) > SECTION_TEXT:
                    self.errors.append(f"{where}: section text over {SECTION_TEXT}")
                fields = block.get("fields") or []
                if len(fields) > 10 or any(len(f["text"]) > FIELD_TEXT for f in fields):
                    self.errors.append(f"{where}: section fields over the limits")
                if "text" not in block and not fields:
                    self.errors.append(f"{where}: section with neither text nor fields")
            elif kind == "header" and len(block["text"]["text"]) > HEADER_TEXT:
                self.errors.append(f"{where}: header over {HEADER_TEXT}")
            elif kind == "actions":
                for element in block.get("elements") or []:
                    if element.get("type") == "button":
                        if len(element["text"]["text"]) > BUTTON_TEXT:
                            self.errors.append(f"{where}: button text over {BUTTON_TEXT}")
                        if len(element.get("value") or "") > BUTTON_VALUE:
                            self.errors.append(f"{where}: button value over {BUTTON_VALUE}")
            elif kind == "context" and len(block.get("elements") or []) > 10:
                self.errors.append(f"{where}: context with over 10 elements")

    def posted_text(self) -> str:
        """Everything the app sent to Slack, as one string: for "no ping" and "no secret" checks."""
        return "\n".join(json.dumps(c.params) for c in self.calls)


async def _params(request: web.Request) -> dict:
    if request.method == "GET":
        return dict(request.query)
    if request.content_type == "application/json":
        return await request.json()
    form = await request.post()
    params = dict(form)
    for key in ("blocks", "view", "attachments"):
        if isinstance(params.get(key), str):
            params[key] = json.loads(params[key])
    return params
