"""Name resolution on loopback, so that no test asks the machine's resolver (and, through it, the
network) about a name: a DNS server on 127.0.0.1 that answers every question "no such name" and notes
it, and a Scrapy resolver (``DNS_RESOLVER``) that asks only that server.

    with dns_server() as server:
        run(..., "-s", "DNS_RESOLVER=tests.replica.dns.LoopbackResolver",
            "-s", f"PROJWATCH_TEST_DNS_PORT={server.port}")
"""
import socket
import struct
import threading
from contextlib import contextmanager

from twisted.internet import defer
from twisted.internet.abstract import isIPAddress
from twisted.internet.error import DNSLookupError
from twisted.internet.interfaces import IResolverSimple
from twisted.names import client
from zope.interface import implementer

NXDOMAIN = 3


class DNSServer:
    """A UDP DNS server on 127.0.0.1 answering NXDOMAIN; ``asked`` lists the names it was asked."""

    def __init__(self):
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.asked: list[str] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while True:
            try:
                query, sender = self.socket.recvfrom(512)
            except OSError:   # closed
                return
            if len(query) < 12:
                continue
            ident, flags = struct.unpack("!HH", query[:4])
            end, labels = 12, []
            while end < len(query) and query[end]:
                labels.append(query[end + 1:end + 1 + query[end]].decode("ascii", "replace"))
                end += 1 + query[end]
            question = query[12:end + 5]   # the name, its zero byte, type and class
            self.asked.append(".".join(labels))
            header = struct.pack("!HHHHHH", ident, 0x8000 | (flags & 0x0100) | 0x0080 | NXDOMAIN, 1, 0, 0, 0)
            self.socket.sendto(header + question, sender)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.socket.close()


@contextmanager
def dns_server():
    server = DNSServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@implementer(IResolverSimple)
class LoopbackResolver:
    """Scrapy's ``DNS_RESOLVER``: IP addresses as they are, every name asked of the loopback server at
    ``PROJWATCH_TEST_DNS_PORT``; a name it does not know is Scrapy's DNS lookup error."""

    def __init__(self, reactor, port: int):
        self.reactor = reactor
        self.resolver = client.Resolver(servers=[("127.0.0.1", port)], reactor=reactor)

    @classmethod
    def from_crawler(cls, crawler, reactor):
        return cls(reactor, crawler.settings.getint("PROJWATCH_TEST_DNS_PORT"))

    def install_on_reactor(self) -> None:
        self.reactor.installResolver(self)

    def getHostByName(self, name: str, timeout=()):
        if isIPAddress(name):
            return defer.succeed(name)

        def not_found(failure):
            raise DNSLookupError(f"{name}: {failure.getErrorMessage() or failure.type.__name__}")

        return self.resolver.getHostByName(name, timeout=(2,)).addErrback(not_found)
