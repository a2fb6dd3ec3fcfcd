"""Where a webhook may be sent: public HTTPS addresses only (no server-side request forgery).

An endpoint's URL is checked when it is saved (HTTPS, no credentials in it, no private,
loopback, link-local or otherwise non-public IP literal, no local host name) and its host is
resolved again at every attempt: every address it resolves to must be public, and the request
is then made to that checked address (the host name still goes in the Host header and TLS
SNI), so a name re-pointed at an internal address between the check and the connection is
refused, not followed. Redirects are never followed.

During development and tests (`DEBUG`, or `SOUSEI_WEBHOOK_LOCAL_URLS = True`) plain
http://localhost and http://127.0.0.1 are allowed, for a receiver on the same machine.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
# Names that only ever mean a machine on the operator's own network.
LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa", ".intranet")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeAddress(Exception):
    """The host resolves to an address a webhook may not be sent to."""


def local_allowed() -> bool:
    return bool(getattr(settings, "SOUSEI_WEBHOOK_LOCAL_URLS", settings.DEBUG))


def _public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def url_check(url: str) -> str:
    """The URL if a webhook may be sent there; a ValidationError saying why not otherwise."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError:
        raise ValidationError(
            _("Enter a full address such as https://example.jp/webhooks."), code="invalid"
        ) from None
    if parts.scheme not in {"http", "https"} or not host:
        raise ValidationError(
            _("Enter a full address such as https://example.jp/webhooks."), code="invalid"
        )
    if parts.username or parts.password:
        raise ValidationError(
            _(
                "Leave the user name and password out of the address; the signature proves "
                "the sender."
            ),
            code="credentials",
        )
    is_local = host in LOCAL_HOSTS
    if is_local and local_allowed():
        return url
    if parts.scheme != "https":
        raise ValidationError(
            _("Use an https:// address: webhooks are sent over an encrypted connection only."),
            code="https",
        )
    literal = _literal(host)
    # A name without a dot ("intranet", "db") only resolves on a local network.
    bare_name = literal is None and "." not in host
    private_literal = literal is not None and not _public(literal)
    if is_local or bare_name or private_literal or host.endswith(LOCAL_SUFFIXES):
        raise ValidationError(
            _(
                "%(host)s is a private or local address. Webhooks go to public Internet "
                "addresses only; give the receiver's public https:// address."
            ),
            code="private",
            params={"host": host},
        )
    return url


@dataclass(frozen=True)
class Target:
    """Where one attempt connects: the checked address, and the name it stands for."""

    url: str  # the URL with the host replaced by the checked address
    host: str  # for the Host header and TLS SNI
    host_header: str


def target_of(url: str) -> Target:
    """Resolve the URL's host now and check every address; UnsafeAddress if one is not
    public (or the URL is no longer allowed). Local URLs allowed in development pass as they
    are."""
    try:
        url_check(url)
    except ValidationError as error:
        raise UnsafeAddress(" ".join(str(m) for m in error.messages)) from None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host in LOCAL_HOSTS and local_allowed():
        return Target(url=url, host=host, host_header=parts.netloc)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    literal = _literal(host)
    if literal is not None:
        addresses = [literal]
    else:
        try:
            infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError) as error:
            raise UnsafeAddress(f"{host} could not be resolved ({error}).") from None
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    if not addresses or not all(_public(a) for a in addresses):
        raise UnsafeAddress(f"{host} resolves to a private or local address; not sent.")
    chosen = addresses[0]
    shown = f"[{chosen}]" if isinstance(chosen, ipaddress.IPv6Address) else str(chosen)
    netloc = f"{shown}:{parts.port}" if parts.port else shown
    pinned = parts._replace(netloc=netloc).geturl()
    return Target(url=pinned, host=host, host_header=parts.netloc.rsplit("@", 1)[-1])
