"""Three downloads started at once in three greenlets on one thread: each
announces its URL, waits for its page without holding up the others, and
reports the size when it arrives; the smallest, quickest page comes first.
Ports 002 §三 (gevent spawn and joinall over URLs), with the pages served by
a loopback stand-in for the web; the Python twin of `src/main.rs`.
"""

from gevent import monkey

# Before anything else imports socket: from here on, urllib's blocking reads
# pause the greenlet and let the others run.
monkey.patch_all()

import http.server  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import urllib.parse  # noqa: E402
import urllib.request  # noqa: E402

import gevent  # noqa: E402

# --- The offline stand-in for the web ---------------------------------------
# The course runs offline. A small HTTP server on 127.0.0.1 answers for the
# seed's three sites, with a body of the size the seed printed, after a delay
# of its own per page: 0.5, 1 and 1.5 s, in the order the seed's run finished.
# (Under the monkey patch its thread is a greenlet too.)
PAGES = {  # host: (bytes, seconds before it answers)
    "www.baidu.com": (227, 0.5),
    "github.com": (52801, 1.0),
    "www.python.org": (48922, 1.5),
}


class Site(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        page = PAGES.get(self.headers["Host"])
        if page is None:
            self.send_error(404)
            return
        size, delay = page
        time.sleep(delay)
        self.send_response(200)
        self.send_header("Content-Length", str(size))
        self.end_headers()
        self.wfile.write(b"." * size)

    def log_message(self, format, *args):
        pass  # no request log on stderr


def start_sites():
    """Starts the stand-in; returns the address every site is served at."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return "http://%s:%d/" % server.server_address


def urlopen(url):
    """urllib.request.urlopen(url), asked of the stand-in instead of the web."""
    host = urllib.parse.urlsplit(url).hostname
    return urllib.request.urlopen(urllib.request.Request(SITES, headers={"Host": host}))
# -----------------------------------------------------------------------------


def run_task(url):
    print(f"Visit --> {url}")
    try:
        with urlopen(url) as response:
            data = response.read()
        print(f"{len(data)} bytes received from {url}.")
    except Exception as e:
        print(e)


if __name__ == "__main__":
    SITES = start_sites()
    urls = ["https://github.com/", "https://www.python.org/", "https://www.baidu.com/"]
    greenlets = [gevent.spawn(run_task, url) for url in urls]
    gevent.joinall(greenlets)
