"""The pre-publish HTTP service (``copydesk serve``): a plain ASGI application.

A CMS posts the story it is about to publish to ``POST /v1/check`` and gets the
JSON report back with ``"publishable": true|false``. No web framework: the app
is a small ASGI callable, served by uvicorn (the optional ``copydesk[server]``
extra) or any other ASGI server.

Security model: config and plugins are fixed when the app is created; a
request carries only the document (every input is ``InputItem("request",
data=...)``), so nothing in it can name a file, a config or a plugin. When
``COPYDESK_TOKEN`` is set every ``/v1`` request needs ``Authorization: Bearer
<token>`` (compared in constant time). Body size, time per request and the
number of lints in flight are bounded; every error is a JSON body, and a
traceback only ever reaches the server log.

Checks run in worker processes, never in the server's own process: a long
check cannot hold the interpreter lock the event loop needs (``/healthz`` and
the error answers stay fast), and a check that overruns the time limit is
stopped by ending its worker, which a fresh one replaces.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from linters import __version__
from linters.config import Config, find_config, load_config
from linters.engine import Engine, InputItem, RunOptions
from linters.readers._jsonpos import clean_surrogates
from linters.report import Report

__all__ = ["CopydeskApp", "create_app", "serve"]

log = logging.getLogger("copydesk.server")

DEFAULT_MAX_BODY = 2 * 1024 * 1024
#: Characters of text one request may carry (the ``text`` of a wrapper, or the whole CMS JSON document):
#: about 40,000 words, far beyond any story, and about two seconds of checking on one core.
DEFAULT_MAX_TEXT = 300_000
DEFAULT_TIMEOUT = 10.0
DEFAULT_CONCURRENCY = 4
DEFAULT_QUEUE = 16
#: The request shape for raw text: exactly these keys (anything else is a CMS document).
WRAPPER_KEYS = frozenset({"format", "text"})
_UNSET: Any = object()
_RETRY = {"retry-after": "1"}

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class HTTPError(Exception):
    """An error response: status, a stable machine-readable code and a human message."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}
        self.extra = extra or {}

    def body(self) -> dict[str, Any]:
        return {"error": {"status": self.status, "code": self.code, "message": self.message}, **self.extra}


@dataclass
class _Response:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def _json_bytes(payload: Any) -> bytes:
    """Compact UTF-8 JSON; a lone surrogate any reader let through (e.g. YAML front matter) becomes U+FFFD."""
    return clean_surrogates(json.dumps(payload, ensure_ascii=False, separators=(",", ":"))).encode("utf-8")


class CopydeskApp:
    """ASGI application; build it with :func:`create_app`."""

    def __init__(
        self,
        engine: Engine,
        *,
        max_body: int,
        timeout: float,
        concurrency: int,
        queue: int,
        token: str | None,
        max_text: int = DEFAULT_MAX_TEXT,
        config: Config | None = None,
    ) -> None:
        self.engine = engine
        self.host = engine.ensure_host()
        self.max_body = max_body
        self.max_text = max_text
        self.timeout = timeout
        self.concurrency = concurrency
        self.queue = queue
        self.token = token.encode("utf-8") if token else None
        self.startup_errors = [f"plugin {e.plugin}: {e.message}" for e in self.host.errors]
        self._rules = _json_bytes({"rules": self._rule_list()})
        self._pool = _LintPool(config or engine.resolver.all_configs()[0], concurrency)
        # threads that only wait on a worker's pipe (the lint itself runs in the worker process)
        self._waiters = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="copydesk-wait")
        self._slots = asyncio.Semaphore(concurrency)
        self._in_flight = 0
        self._routes: dict[str, dict[str, Callable[[Scope, Receive], Awaitable[_Response]]]] = {
            "/healthz": {"GET": self._healthz, "HEAD": self._healthz},
            "/v1/rules": {"GET": self._list_rules},
            "/v1/check": {"POST": self._check},
        }

    # -- ASGI entry ---------------------------------------------------------------
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        try:
            response = await self._dispatch(scope, receive)
        except HTTPError as exc:
            response = _Response(exc.status, _json_bytes(exc.body()), exc.headers)
        except Exception:
            log.exception("internal error on %s %s", scope.get("method"), scope.get("path"))
            error = HTTPError(500, "internal", "internal error; the server log has the details")
            response = _Response(500, _json_bytes(error.body()))
        await self._send(send, response, head=scope.get("method") == "HEAD")

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                if self.startup_errors:  # a plugin that failed to load would make every story unpublishable
                    await send({"type": "lifespan.startup.failed", "message": "; ".join(self.startup_errors)})
                    return
                self._pool.prewarm()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self._waiters.shutdown(wait=False, cancel_futures=True)
                self._pool.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _send(self, send: Send, response: _Response, *, head: bool) -> None:
        headers = {
            "content-type": "application/json; charset=utf-8",
            "content-length": str(len(response.body)),
            "cache-control": "no-store",
            "x-content-type-options": "nosniff",
            **response.headers,
        }
        await send(
            {
                "type": "http.response.start",
                "status": response.status,
                "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()],
            }
        )
        await send({"type": "http.response.body", "body": b"" if head else response.body})

    async def _dispatch(self, scope: Scope, receive: Receive) -> _Response:
        methods = self._routes.get(scope["path"])
        if methods is None:
            raise HTTPError(404, "not-found", f"no such endpoint: {scope['path']}")
        handler = methods.get(scope["method"])
        if handler is None:
            allow = ", ".join(sorted(methods))
            raise HTTPError(405, "method-not-allowed", f"use {allow} for {scope['path']}", {"allow": allow})
        if scope["path"].startswith("/v1/"):
            self._authorize(scope)
        return await handler(scope, receive)

    # -- auth and limits ------------------------------------------------------------
    def _authorize(self, scope: Scope) -> None:
        if self.token is None:
            return
        value = _header(scope, b"authorization") or b""
        scheme, _, credentials = value.partition(b" ")
        if scheme.lower() != b"bearer" or not hmac.compare_digest(credentials.strip(), self.token):
            raise HTTPError(
                401, "unauthorized", "missing or wrong bearer token", {"www-authenticate": 'Bearer realm="copydesk"'}
            )

    async def _read_body(self, scope: Scope, receive: Receive) -> bytes:
        declared = _header(scope, b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                raise HTTPError(400, "bad-request", "invalid Content-Length")
            if int(declared) > self.max_body:
                raise self._too_large()
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise HTTPError(400, "client-gone", "the client went away before sending the body")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                raise self._too_large()
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    def _too_large(self) -> HTTPError:
        return HTTPError(413, "too-large", f"request body is over the {self.max_body:,}-byte limit")

    def _text_too_large(self) -> HTTPError:
        return HTTPError(413, "too-large", f"the text is over the {self.max_text:,}-character limit")

    async def _run_limited(self, item: InputItem) -> bytes:
        """Lint in a worker process: bounded in flight, bounded in time (an overrunning check is stopped)."""
        if self._in_flight >= self.concurrency + self.queue:
            raise HTTPError(503, "busy", "too many requests in flight; retry shortly", _RETRY)
        self._in_flight += 1
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        try:
            try:
                await asyncio.wait_for(self._slots.acquire(), self.timeout)
            except TimeoutError:
                raise HTTPError(503, "busy", "no worker became free in time; retry shortly", _RETRY) from None
            # the waiting thread gives up at the deadline and ends the worker, so the slot frees on time
            future = loop.run_in_executor(self._waiters, self._lint, item, max(0.0, deadline - loop.time()))
            future.add_done_callback(lambda _f: self._slots.release())
            return await asyncio.shield(future)
        finally:
            self._in_flight -= 1

    # -- handlers -------------------------------------------------------------------
    async def _healthz(self, scope: Scope, receive: Receive) -> _Response:
        return _Response(200, _json_bytes({"status": "ok"}))

    async def _list_rules(self, scope: Scope, receive: Receive) -> _Response:
        return _Response(200, self._rules)

    async def _check(self, scope: Scope, receive: Receive) -> _Response:
        try:
            body = await asyncio.wait_for(self._read_body(scope, receive), self.timeout)
        except TimeoutError:
            raise HTTPError(408, "timeout", "the request body did not arrive in time") from None
        item = self._input_item(body)
        return _Response(200, await self._run_limited(item))

    def _input_item(self, body: bytes) -> InputItem:
        """The request body as the only input: a ``{format, text}`` wrapper or a CMS JSON document."""
        try:
            text_of_body = body.decode("utf-8")
            payload = json.loads(text_of_body)
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise HTTPError(400, "bad-json", f"the body is not valid UTF-8 JSON: {_short(exc)}") from None
        if not isinstance(payload, dict):
            raise HTTPError(400, "bad-json", "the body must be a JSON object")
        if set(payload) == WRAPPER_KEYS:
            fmt, text = payload["format"], payload["text"]
            if not isinstance(fmt, str) or not isinstance(text, str):
                raise HTTPError(400, "bad-request", '"format" and "text" must be strings')
            self._need_reader(fmt)
            if len(text) > self.max_text:
                raise self._text_too_large()
            # "\ud800" is valid JSON but no UTF-8: a lone surrogate becomes U+FFFD, as in the JSON reader
            return InputItem("request", data=clean_surrogates(text).encode("utf-8"), format=fmt)
        self._need_reader("json")
        if len(text_of_body) > self.max_text:
            raise self._text_too_large()
        return InputItem("request", data=body, format="json")

    def _need_reader(self, fmt: str) -> None:
        if fmt not in self.host.readers:
            known = ", ".join(sorted(self.host.readers))
            raise HTTPError(400, "unknown-format", f"unknown format {fmt!r}; this server reads: {known}")

    # -- work handed to the worker processes ----------------------------------------
    def _lint(self, item: InputItem, timeout: float) -> bytes:
        """Check ``item`` in a worker process (blocking: runs in a waiter thread); the report as JSON bytes."""
        try:
            answer = self._pool.run(item, timeout)
        except TimeoutError:
            raise HTTPError(504, "timeout", f"checking took longer than the {self.timeout:g}s limit") from None
        if answer[0] == "ok":
            return answer[1]
        if answer[0] == "error":
            _, status, code, message, extra = answer
            raise HTTPError(status, code, message, extra=extra)
        raise RuntimeError("a lint worker failed; its traceback is in the server log")

    def _rule_list(self) -> list[dict[str, Any]]:
        config = self.engine.resolver.all_configs()[0]
        enabled = config.effective(None, self.host.rules)
        rows = []
        for cls in sorted(self.host.rules.values(), key=lambda r: r.code):
            setting = enabled.get(cls.name)
            rows.append(
                {
                    "code": cls.code,
                    "name": cls.name,
                    "severity": (setting.severity or cls.default_severity) if setting else "off",
                    "default_severity": cls.default_severity,
                    "enabled": setting is not None,
                    "summary": cls.summary,
                    "fixable": cls.fixable,
                }
            )
        return rows


# -- the worker processes -------------------------------------------------------------
#: What a worker answers: ("ok", report bytes) | ("error", status, code, message, extra) | ("internal",)
Answer = tuple[Any, ...]


def _build_engine(config: Config) -> Engine:
    """An engine pinned to ``config`` (already loaded): no per-request config lookup, no reread from disk."""
    engine = Engine(RunOptions(config_path=None))
    engine.resolver.explicit = config
    return engine


def _check_item(engine: Engine, item: InputItem) -> Answer:
    report = engine.run_items([item])
    unreadable = [e for e in report.errors if e.kind == "input"]
    if unreadable:
        extra = {"errors": [e.to_dict() for e in unreadable]}
        return ("error", 400, "unreadable-document", unreadable[0].message, extra)
    payload = report.to_dict()
    payload["publishable"] = is_publishable(report)
    return ("ok", _json_bytes(payload))


def _worker_main(conn: Connection, config: Config) -> None:
    """A worker process: load config and plugins once, then answer one check at a time until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which ends its workers
    engine = _build_engine(config)
    engine.ensure_host()
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer = _check_item(engine, item)
        except Exception:
            log.exception("internal error while checking")
            answer = ("internal",)
        conn.send(answer)


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, context: Any, config: Config) -> None:
        parent, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, config), name="copydesk-lint", daemon=True)
        self.process.start()
        child.close()
        self.conn: Connection = parent

    def call(self, item: InputItem, timeout: float) -> Answer:
        self.conn.send(item)
        if not self.conn.poll(timeout):
            raise TimeoutError
        return self.conn.recv()

    def stop(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(1.0)
        if self.process.is_alive():
            self.process.kill()
        self.process.join(1.0)


class _LintPool:
    """Worker processes, started on demand up to ``size``; a worker whose check overruns is ended.

    Callers bound how many checks run at once (the app's slots), so at most ``size``
    workers exist. A worker that timed out, died or broke its pipe is never reused.
    """

    def __init__(self, config: Config, size: int) -> None:
        self.config = config
        self.size = size
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False

    def prewarm(self) -> None:
        """Start the workers now, so the first requests do not wait for them to load plugins."""
        with self._lock:
            while not self._closed and len(self._idle) < self.size:
                self._idle.append(_Worker(self._context, self.config))

    def run(self, item: InputItem, timeout: float) -> Answer:
        """Check ``item`` in a worker; TimeoutError (and the worker ended) when it takes over ``timeout`` s."""
        worker = self._take()
        try:
            answer = worker.call(item, timeout)
        except BaseException:
            worker.stop()
            self._replace()  # start loading plugins now, not when the next request comes
            raise
        with self._lock:
            if self._closed:
                worker.stop()
            else:
                self._idle.append(worker)
        return answer

    def _replace(self) -> None:
        with self._lock:
            if not self._closed:
                self._idle.append(_Worker(self._context, self.config))

    def _take(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise RuntimeError("the lint pool is shut down")
            while self._idle:
                worker = self._idle.pop()
                if worker.process.is_alive():
                    return worker
                worker.stop()
            return _Worker(self._context, self.config)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()


def is_publishable(report: Report) -> bool:
    """Publishable: nothing reaches fail-on and nothing went wrong while checking."""
    return not report.failing() and not report.errors


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value
    return None


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def create_app(
    config_path: Path | None = None,
    *,
    max_body: int | None = None,
    timeout: float | None = None,
    concurrency: int | None = None,
    queue: int | None = None,
    token: str | None = _UNSET,
    max_text: int | None = None,
) -> CopydeskApp:
    """Build the app once: config and plugins are fixed here, for the app's lifetime.

    Each setting left as None comes from the environment, then the default:
    ``COPYDESK_CONFIG`` (else the config found from the working directory, else
    built-in defaults), ``COPYDESK_MAX_BODY``, ``COPYDESK_TIMEOUT``,
    ``COPYDESK_CONCURRENCY``, ``COPYDESK_QUEUE``, ``COPYDESK_MAX_TEXT``; ``token`` defaults to
    ``COPYDESK_TOKEN`` (auth is off when it is unset or empty). So
    ``uvicorn --factory linters.server:create_app`` works as is. Raises
    ``ConfigError`` for a broken config and ValueError for a bad limit.
    """
    max_body = max_body if max_body is not None else _env_number("COPYDESK_MAX_BODY", DEFAULT_MAX_BODY, int)
    timeout = timeout if timeout is not None else _env_number("COPYDESK_TIMEOUT", DEFAULT_TIMEOUT, float)
    concurrency = (
        concurrency if concurrency is not None else _env_number("COPYDESK_CONCURRENCY", DEFAULT_CONCURRENCY, int)
    )
    queue = queue if queue is not None else _env_number("COPYDESK_QUEUE", DEFAULT_QUEUE, int)
    max_text = max_text if max_text is not None else _env_number("COPYDESK_MAX_TEXT", DEFAULT_MAX_TEXT, int)
    if max_body < 1 or max_text < 1 or timeout <= 0 or concurrency < 1 or queue < 0:
        raise ValueError("the size limits, time limit and concurrency must be positive and the queue not negative")
    env_config = os.environ.get("COPYDESK_CONFIG")
    path = config_path or (Path(env_config) if env_config else None) or find_config(Path.cwd())
    if token is _UNSET:
        token = os.environ.get("COPYDESK_TOKEN") or None
    config = load_config(path) if path else Config(None, {})
    return CopydeskApp(
        _build_engine(config),
        max_body=max_body,
        timeout=timeout,
        concurrency=concurrency,
        queue=queue,
        token=token,
        max_text=max_text,
        config=config,
    )


def _env_number(name: str, default: float, kind: type) -> Any:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return kind(value)
    except ValueError:
        raise ValueError(f"{name} must be a number, not {value!r}") from None


def serve(host: str, port: int, config_path: Path | None) -> int:
    """Run the service with uvicorn until interrupted; limits come from COPYDESK_* environment variables."""
    try:
        import uvicorn
    except ImportError:
        print("copydesk: error: the service needs the server extra: pip install 'copydesk[server]'", file=sys.stderr)
        return 2
    try:
        app = create_app(config_path)
    except ValueError as exc:
        print(f"copydesk: error: {exc}", file=sys.stderr)
        return 2
    if app.startup_errors:
        for message in app.startup_errors:
            print(f"copydesk: error: {message}", file=sys.stderr)
        return 2
    if app.token is None and host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"copydesk: warning: serving on {host} without COPYDESK_TOKEN: anyone who can reach it can use it",
            file=sys.stderr,
        )
    config = app.engine.resolver.all_configs()[0].path
    print(
        f"copydesk {__version__}: serving on http://{host}:{port} "
        f"(config: {config or 'built-in defaults'}; auth: {'on' if app.token else 'off'})",
        file=sys.stderr,
    )
    uvicorn.Server(
        uvicorn.Config(app, host=host, port=port, lifespan="on", server_header=False, timeout_keep_alive=5)
    ).run()
    return 0
