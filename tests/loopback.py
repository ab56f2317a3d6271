"""A small HTTP server on 127.0.0.1 for the fetcher, robots and feed tests, and a guard that
fails a test the moment it tries to connect anywhere else."""

from __future__ import annotations

import http.server
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Route = Callable[["Handler"], None]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "Server"

    def do_GET(self) -> None:  # noqa: N802
        self.server.requests.append((self.path, dict(self.headers)))
        route = self.server.routes.get(self.path.split("?")[0], self.server.fallback)
        try:
            route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def reply(self, status: int, body: bytes = b"", ctype: str | None = "", headers: dict | None = None) -> None:
        """Send a whole response; ``ctype=""`` means the server's default, None no Content-Type."""
        self.send_response(status)
        ctype = self.server.default_ctype if ctype == "" else ctype
        if ctype:
            self.send_header("Content-Type", ctype)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302) -> None:
        self.reply(status, b"", None, {"Location": location})

    def log_message(self, *args: object) -> None:
        pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *, default_ctype: str = "text/html; charset=utf-8", fallback: Route | None = None):
        super().__init__(("127.0.0.1", 0), Handler)
        self.default_ctype = default_ctype
        self.fallback: Route = fallback or (lambda h: h.reply(404, b"not found", "text/plain"))
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # clients hang up on purpose
            super().handle_error(request, client_address)  # type: ignore[arg-type]

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def reset(self) -> "Server":
        self.routes.clear()
        self.requests.clear()
        return self


@contextmanager
def running(srv: Server | None = None, **options) -> Iterator[Server]:
    """Serve ``srv`` (or a new ``Server(**options)``) in a thread for the duration of the block."""
    srv = srv or Server(**options)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(5)


def guard_connections(monkeypatch) -> list:
    """Record every outgoing connect; fail on anything but 127.0.0.1 (no traffic leaves the box)."""
    connects: list = []
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> None:
        connects.append(address)
        if not (isinstance(address, tuple) and address[0] == "127.0.0.1"):
            raise AssertionError(f"test tried to connect to {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    return connects
