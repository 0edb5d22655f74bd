"""Who may do what: roles from ``deploymap.toml``'s ``[access]``, and every action's least role, declared once.

    [access]
    viewers = ["*@example.org"]          # read, filter, export
    editors = ["alice@example.org"]      # also add reports, import, correct
    admins  = ["lead@example.org"]       # also retract, restore, merge sources, undo a change

A pattern is an email address or ``*@domain``, compared without regard to ASCII case (an address with
other than printable ASCII matches nothing: "\u212aim@" must not become "kim@"). A person matching
several lists has the highest of their roles; one signed in but matching none has no access. With
no sign-in configured, the one person at the machine is its admin (the dashboard then listens on
this machine only, and refuses other addresses: ``local_only``).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from enum import IntEnum

from deploymap.errors import DeploymapError, shown


class Role(IntEnum):
    """What a person may do; each role may do all that the ones below it may."""

    VIEWER = 1
    EDITOR = 2
    ADMIN = 3

    @property
    def label(self) -> str:
        return self.name.lower()


# Each action and the least role that may take it: the page hides a control its role may not use,
# and the server refuses the action whatever the request (``Access.require``).
ACTIONS: dict[str, Role] = {
    "view": Role.VIEWER,
    "export": Role.VIEWER,
    "import": Role.EDITOR,
    "add report": Role.EDITOR,
    "correct": Role.EDITOR,
    "retract": Role.ADMIN,
    "restore": Role.ADMIN,
    "merge sources": Role.ADMIN,
    "undo": Role.ADMIN,
}
ROLE_KEYS = {"viewers": Role.VIEWER, "editors": Role.EDITOR, "admins": Role.ADMIN}


class AccessError(DeploymapError):
    """An action the person's role does not allow, or an [access] setting that cannot be used."""


@dataclass(frozen=True)
class Identity:
    """Who acts: a signed-in person (email and the provider's subject), or the operating-system user."""

    email: str
    subject: str = ""
    local: bool = False  # the operating-system user (no sign-in): the command line, or a page on one's own machine

    @property
    def actor(self) -> str:
        """How the change log names them."""
        if self.local:
            return self.email
        return f"{self.email} (sign-in {self.subject})" if self.subject else self.email


@dataclass(frozen=True)
class Access:
    """The ``[access]`` lists: patterns per role."""

    patterns: tuple[tuple[str, Role], ...] = ()

    @classmethod
    def from_settings(cls, section: dict, where: str = "deploymap.toml") -> Access:
        found = []
        for key, values in section.items():
            if key not in ROLE_KEYS:
                raise AccessError(f"{where}: unknown setting access.{key}; expected one of {sorted(ROLE_KEYS)}")
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise AccessError(f"{where}: access.{key} must be a list of email addresses or '*@domain', got {values!r}")
            for value in values:
                pattern = _ascii_lower(value.strip())
                local, _, domain = (pattern or "").partition("@")
                if pattern is None or not _ADDRESS.fullmatch(pattern) or (local != "*" and "*" in local) \
                        or "*" in domain or "." not in domain:
                    raise AccessError(f"{where}: access.{key} holds {shown(value)}; expected an email address or "
                                      "'*@domain'")
                found.append((pattern, ROLE_KEYS[key]))
        return cls(tuple(found))

    def role_of(self, email: str) -> Role | None:
        """The highest role whose patterns match ``email``; None when none does."""
        address = _ascii_lower(email.strip())
        if address is None or not _ADDRESS.fullmatch(address) or "*" in address:
            return None
        domain = address.rpartition("@")[2]
        roles = [role for pattern, role in self.patterns
                 if pattern == address or (pattern.startswith("*@") and pattern[2:] == domain and "@" in address)]
        return max(roles) if roles else None

    @staticmethod
    def require(role: Role | None, action: str) -> None:
        """Refuse ``action`` unless ``role`` may take it: the server's own check, whatever the page showed."""
        if action not in ACTIONS:
            raise AccessError(f"unknown action {action!r}")
        if role is None or role < ACTIONS[action]:
            who = "without a role" if role is None else f"as {role.label}"
            raise AccessError(f"you may not {action} {who}: it needs the {ACTIONS[action].label} role")


# An address as a role list may name it: printable ASCII without spaces, one "@", a domain with a dot.
_ADDRESS = re.compile(r"[!-?A-~]+@[A-Za-z0-9.-]+")


def _ascii_lower(text: str) -> str | None:
    """``text`` in lower case if it is printable ASCII; None otherwise (Unicode case folding maps other letters
    onto ASCII ones, so two accounts could share one address)."""
    return text.lower() if text.isascii() and text.isprintable() else None


def allowed(role: Role | None, action: str) -> bool:
    """Whether ``role`` may take ``action`` (the page shows the control only then)."""
    return role is not None and role >= ACTIONS[action]


def is_local_address(address: object) -> bool:
    """Whether a client address is this machine's (loopback). No address (no client: a test harness, whose
    stand-in is not text) counts as local; text that is no address does not."""
    if not isinstance(address, str) or not address:
        return True
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # a dual-stack server sees "::ffff:127.0.0.1"
    return ip.is_loopback


def is_local_host(host: object) -> bool:
    """Whether a request's Host header names this machine. Without sign-in the page answers only such requests:
    a web page whose own name was pointed at 127.0.0.1 (DNS rebinding) is refused, though its connection is local.
    No header (a test harness) counts as local; anything but a plain name and port is not."""
    if not isinstance(host, str) or not host:
        return True
    found = _LOCAL_HOST.fullmatch(host.strip().lower())
    return found is not None


_LOCAL_HOST = re.compile(r"(?:localhost|(?:[a-z0-9-]+\.)+localhost|127(?:\.\d{1,3}){3}|\[::1\])\.?(?::\d{1,5})?")
