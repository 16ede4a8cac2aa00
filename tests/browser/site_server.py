"""Serve a built site on 127.0.0.1 under a sub-path, as GitHub Pages serves a project site.

`/<prefix>/page/` answers with `page/index.html`, a folder without its slash is redirected,
and a missing page gets `404.html` with status 404. With `gzip=True`, text files are sent
compressed to clients that accept it, as GitHub Pages does.
"""

from __future__ import annotations

import gzip
import http.server
import posixpath
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map"}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, prefix: str, gzip_text: bool, **kwargs):
        self.prefix = prefix
        self.gzip_text = gzip_text
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args) -> None:
        pass

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def _respond(self, head: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        if path == self.prefix.rstrip("/"):
            return self._redirect(self.prefix)
        if not path.startswith(self.prefix):
            return self._not_found(head)
        relative = posixpath.normpath(path[len(self.prefix) :] or ".")
        if relative.startswith(".."):
            return self._not_found(head)
        target = Path(self.directory, relative)
        if target.is_dir():
            if not path.endswith("/"):
                return self._redirect(path + "/")
            target = target / "index.html"
        if not target.is_file():
            return self._not_found(head)
        self._send_file(target, 200, head)

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _not_found(self, head: bool) -> None:
        page = Path(self.directory, "404.html")
        if page.is_file():
            return self._send_file(page, 404, head)
        self.send_error(404)

    def _send_file(self, file: Path, status: int, head: bool) -> None:
        body = file.read_bytes()
        compress = self.gzip_text and file.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            body = gzip.compress(body, compresslevel=9, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        if compress:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if not head:
            self.wfile.write(body)


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A browser that drops a request (a page closed while it loads) is no fault of the site's.

        socketserver would print a BrokenPipeError or ConnectionResetError traceback, from a
        server thread, into the middle of a passing test run.
        """
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(site: Path, prefix: str = "/medical-massage/", gzip: bool = False) -> Iterator[str]:
    """Serve `site` on a free port; yields the site's base address, ending in `prefix`."""
    handler = partial(SiteHandler, directory=str(site), prefix=prefix, gzip_text=gzip)
    server = SiteServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
