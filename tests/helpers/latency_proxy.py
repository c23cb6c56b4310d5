"""A TCP proxy on 127.0.0.1 that delays every chunk by ``one_way_ms`` in each direction, so a local
PostgreSQL answers like a server across the office network (10 ms each way = 20 ms round trip).

Bounded: it serves only loopback clients to a loopback upstream, closes every connection and its
threads when ``stop()`` is called, and stops by itself after ``max_seconds`` whatever happens.
"""

from __future__ import annotations

import contextlib
import queue
import socket
import threading
import time


class LatencyProxy:
    def __init__(
        self, upstream_port: int, *, one_way_ms: float = 10.0, max_seconds: float = 900.0
    ) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.delay = one_way_ms / 1000.0
        self.deadline = time.monotonic() + max_seconds
        self._stop = threading.Event()
        self._sockets: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(32)
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]

    def __enter__(self) -> LatencyProxy:
        self.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    def _running(self) -> bool:
        return not self._stop.is_set() and time.monotonic() < self.deadline

    def _spawn(self, target, *args) -> None:
        t = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(t)
        t.start()

    def start(self) -> None:
        self._spawn(self._accept)

    def stop(self) -> None:
        self._stop.set()
        for s in [self._listener, *self._sockets]:
            with contextlib.suppress(OSError):
                s.close()
        for t in self._threads:
            t.join(2.0)

    def _accept(self) -> None:
        while self._running():
            try:
                client, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            for s in (client, server):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                s.settimeout(0.2)
                self._sockets.append(s)
            for src, dst in ((client, server), (server, client)):
                pending: queue.Queue = queue.Queue()
                self._spawn(self._read, src, pending)
                self._spawn(self._deliver, dst, pending)
        self.stop_soon()

    def stop_soon(self) -> None:
        self._stop.set()

    def _read(self, src: socket.socket, pending: queue.Queue) -> None:
        while self._running():
            try:
                data = src.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                break
            if not data:
                break
            pending.put((time.monotonic() + self.delay, data))
        pending.put((0.0, b""))

    def _deliver(self, dst: socket.socket, pending: queue.Queue) -> None:
        while self._running():
            try:
                due, data = pending.get(timeout=0.2)
            except queue.Empty:
                continue
            if not data:
                break
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                dst.sendall(data)
            except OSError:
                break
        with contextlib.suppress(OSError):
            dst.shutdown(socket.SHUT_WR)
