"""What the preview needs besides the pages: a free address, and the warnings MkDocs logs.

Part of the emit stage, shared by the MkDocs plugin (under ``mkdocs serve``) and by
``briefing serve``: both check the address before the server tries to bind it, so a port that
another server holds gives one sentence and a hint instead of a traceback. The plugin also keeps
the warnings MkDocs itself logs during a rebuild (a broken link in a briefing, a missing nav
entry) to show them over the pages beside the data's own. Nothing here imports MkDocs.
"""

from __future__ import annotations

import logging
import socket

from generator.settings import SITE_DEFAULTS

DEFAULT_ADDRESS: str = SITE_DEFAULTS["dev_addr"]
"""MkDocs' default ``dev_addr``."""


class AddressError(ValueError):
    """An address that is not ``HOST:PORT``."""


def parse_address(text: str) -> tuple[str, int]:
    """Split ``HOST:PORT`` (``[::1]:8000`` for IPv6) into host and port.

    Raises:
        AddressError: ``text`` has no port, or a port that is not a number from 1 to 65535.
    """
    host, colon, port = text.strip().rpartition(":")
    if not colon or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise AddressError(f"'{text}' is not an address of the form HOST:PORT")
    return host.strip("[]"), int(port)


def address_in_use(host: str, port: int) -> bool:
    """Whether another program listens on ``host:port``.

    Binds a socket the way MkDocs' server does (with ``SO_REUSEADDR``, so connections of an
    earlier server that are still closing do not count) and lets it go at once.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError:
        return False  # an unknown host is the server's to report
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError:
            return True
    return False


def busy_message(host: str, port: int) -> tuple[str, str]:
    """The message and hint for an address another program holds."""
    shown = f"[{host}]" if ":" in host else host
    following = f"{shown}:{port + 1}" if port < 65535 else f"{shown}:8001"
    return (
        f"port {port} on {host} is already in use (another preview still running?)",
        f"stop the other server, or choose another port with -a {following}",
    )


class WarningLog(logging.Handler):
    """Keeps the text of each warning or error logged during one build, except some loggers'.

    Args:
        skip: Names of loggers whose records are not kept: the plugin's own (it shows its
            problems as diagnostics already) and the server's (a request for a missing
            ``favicon.ico`` is no problem of the site).
    """

    def __init__(self, skip: tuple[str, ...]) -> None:
        super().__init__(logging.WARNING)
        self.skip = skip
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the record's message unless it comes from a skipped logger."""
        if not any(record.name == name or record.name.startswith(name + ".") for name in self.skip):
            self.messages.append(record.getMessage())
