"""The test server itself: a reader's browser that drops a request leaves no traceback in the test run."""

from __future__ import annotations

import socket
import struct
import time

from .site_server import serve


def test_a_request_dropped_midway_prints_nothing(tmp_path, capfd) -> None:
    (tmp_path / "big.js").write_bytes(b"x" * 4_000_000)
    with serve(tmp_path) as base:
        port = int(base.split(":")[2].split("/")[0])
        for _ in range(3):
            with socket.create_connection(("127.0.0.1", port)) as client:
                client.sendall(b"GET /medical-massage/big.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                assert client.recv(12) == b"HTTP/1.0 200"
                # close with a reset, as a browser tab closed mid-load does
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        time.sleep(0.5)  # the server's threads meet the reset while writing
    assert capfd.readouterr().err == ""
