"""A live ASGI server for tests: the project's ASGI application served by uvicorn in a
thread, on the test database. (pytest-django's live_server is WSGI and cannot stream.)

Use with `@pytest.mark.django_db(transaction=True)`: the server's requests run on their own
connections and see only committed rows. Also a small reader of server-sent events."""

from __future__ import annotations

import contextlib
import queue
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import uvicorn

from sousei.core.asgi import asgi_application
from sousei.workplace.live.paths import STREAM_PATHS


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class AsgiServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # The application as sousei/asgi.py makes it, less that module's refusal of the
        # development key (tests run with it).
        config = uvicorn.Config(
            asgi_application(STREAM_PATHS),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="off",
            timeout_graceful_shutdown=1,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("The test ASGI server did not start.")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def drop_streams(self) -> None:
        """End every open stream, as a server that restarts or loses Redis does."""
        from sousei.workplace.live.broker import _hubs

        for loop, hub in list(_hubs.items()):
            if not loop.is_closed():
                loop.call_soon_threadsafe(hub.drop_all)


@contextlib.contextmanager
def asgi_server() -> Iterator[AsgiServer]:
    server = AsgiServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class Sse:
    id: str | None
    event: str
    data: str


class SseReader:
    """Reads one stream on a thread; `next()` gives its events in order."""

    def __init__(self, url: str, headers: dict[str, str]) -> None:
        self.url = url
        self.headers = headers
        self.events: queue.Queue[Sse | None] = queue.Queue()
        self.status: int | None = None
        self._client = httpx.Client(timeout=httpx.Timeout(5, read=60))
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._opened = threading.Event()
        self._thread.start()
        self._opened.wait(10)

    def _read(self) -> None:
        try:
            with self._client.stream("GET", self.url, headers=self.headers) as response:
                self.status = response.status_code
                self._opened.set()
                if response.status_code != 200:
                    return
                fields: dict[str, str] = {}
                for line in response.iter_lines():
                    if line == "":
                        if "event" in fields:
                            self.events.put(
                                Sse(fields.get("id"), fields["event"], fields.get("data", ""))
                            )
                        fields = {}
                        continue
                    if line.startswith(":"):
                        continue
                    name, _, value = line.partition(":")
                    fields[name] = value[1:] if value.startswith(" ") else value
        except (httpx.HTTPError, RuntimeError):
            pass
        finally:
            self._opened.set()
            self.events.put(None)

    def next(self, kind: str | None = None, timeout: float = 5) -> Sse:
        """The next event (of `kind`, skipping others); fails after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no {kind or 'event'} within {timeout} s")
            try:
                item = self.events.get(timeout=left)
            except queue.Empty:
                raise TimeoutError(f"no {kind or 'event'} within {timeout} s") from None
            if item is None:
                raise EOFError("the stream ended")
            if kind is None or item.event == kind:
                return item

    def none_of(self, kind: str, within: float) -> bool:
        try:
            self.next(kind, timeout=within)
        except (TimeoutError, EOFError):
            return True
        return False

    def close(self) -> None:
        self._client.close()
        self._thread.join(timeout=5)
