"""Two downloader greenlets, one per URL, joined: the skeleton of a concurrent
downloader. The monkey patch makes the standard library's blocking sockets
pause the greenlet instead of the thread; like the seed, the downloader only
prints its URL. Ports 001's gevent monkey-patch example; the Python twin of
`examples/io_monkey.rs`.
"""

from gevent import monkey

# Patch first, before anything imports socket.
monkey.patch_all()

import gevent  # noqa: E402


def downloader(url):
    print(url)
    # A real download: urllib.request.urlopen(url).read(), as in main.py.


if __name__ == "__main__":
    urls = ("http://abc.com", "http://123.cn")
    cl = [gevent.spawn(downloader, url) for url in urls]
    for c in cl:
        c.join()
