"""Where the store is: an SQLite file or a PostgreSQL server, read from a URL with libpq's rules.

``postgresql://user:password@host:port/dbname?param=value`` follows libpq's connection URIs
(percent-encoding, query parameters). People also paste passwords with a raw ``/`` or ``@``; the
userinfo is everything before the *last* ``@`` of the part before ``?``, so such a password is read
whole and encoded for libpq, never mistaken for a host or a database.

A URL carries secrets: the password in the userinfo, and the parameters ``password``,
``passfile``, ``sslpassword`` and ``sslkey``. ``shown()`` is the only form any message prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode

from deploymap.config import CONNECT_TIMEOUT_SECONDS, STATEMENT_TIMEOUT_SECONDS
from deploymap.errors import DeploymapError
from deploymap.errors import shown as shown_value

SECRET_PARAMETERS = frozenset({"password", "passfile", "sslpassword", "sslkey"})


class StoreAddressError(DeploymapError):
    """A store URL that cannot be used; the message never shows a password."""


@dataclass(frozen=True)
class StoreAddress:
    """A parsed store URL: ``backend`` is ``sqlite`` or ``postgresql``."""

    backend: str
    path: str = ""  # SQLite: the absolute path of the file
    user: str = ""
    password: str = field(default="", repr=False)
    host: str = ""
    port: str = ""
    database: str = ""
    parameters: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    def shown(self) -> str:
        """The URL for messages and logs: no password, no secret parameter."""
        if self.backend == "sqlite":
            return f"sqlite:///{self.path}"
        user = f"{quote(self.user, safe='')}{':***' if self.password else ''}@" if self.user or self.password else ""
        query = urlencode([(k, "***" if k in SECRET_PARAMETERS else v) for k, v in self.parameters], safe="*/", quote_via=quote)
        return f"postgresql://{user}{self.where()}/{quote(self.database, safe='')}" + (f"?{query}" if query else "")

    def where(self) -> str:
        """The server as a person names it: ``host:port`` (or the socket folder)."""
        if self.backend == "sqlite":
            return Path(self.path).name
        host = self.host or dict(self.parameters).get("host", "") or "localhost"
        return f"{host}:{self.port}" if self.port else host

    def libpq(self, connect_timeout: float = CONNECT_TIMEOUT_SECONDS,
              statement_timeout: float = STATEMENT_TIMEOUT_SECONDS) -> str:
        """The URI handed to libpq, percent-encoded, with our timeouts unless the URL sets its own."""
        parameters = dict(self.parameters)
        parameters.setdefault("connect_timeout", str(max(2, round(connect_timeout))))  # libpq's least is 2 s
        if statement_timeout and "statement_timeout" not in parameters.get("options", ""):
            option = f"-c statement_timeout={round(statement_timeout * 1000)}"
            parameters["options"] = f"{parameters['options']} {option}".strip() if "options" in parameters else option
        userinfo = ""
        if self.user or self.password:
            userinfo = quote(self.user, safe="") + (":" + quote(self.password, safe="") if self.password else "") + "@"
        host = quote(self.host, safe="[]:") + (f":{self.port}" if self.port else "")
        # quote_via=quote: libpq decodes %XX only, so a space must be %20, never "+".
        return f"postgresql://{userinfo}{host}/{quote(self.database, safe='')}?{urlencode(parameters, quote_via=quote)}"


def parse(url: str) -> StoreAddress:
    """Read a store URL (``sqlite:////abs/path`` or ``postgresql://…``); StoreAddressError says what is wrong."""
    text = url.strip()
    scheme, sep, rest = text.partition("://")
    scheme = scheme.split("+", 1)[0].lower()
    if not sep or scheme not in ("sqlite", "postgresql", "postgres"):
        raise StoreAddressError("DEPLOYMAP_DATABASE must start with sqlite:/// or postgresql://, got "
                                f"{shown_value(mask_anything(text))}")
    if scheme == "sqlite":
        path = rest[1:] if rest.startswith("/") else ""
        if not path.startswith("/") or "\x00" in path:
            raise StoreAddressError("an SQLite store needs an absolute path, e.g. 'sqlite:////home/you/deploymap.sqlite', "
                                    f"got {shown_value(text)}")
        return StoreAddress("sqlite", path=path)
    head, _, query = rest.partition("?")
    userinfo, at, hostpart = head.rpartition("@")  # the last @: a raw @ or / in a password stays in the password
    if not at:
        userinfo, hostpart = "", head
    user, colon, password = userinfo.partition(":")
    server, _, database = hostpart.partition("/")
    host, port = server, ""
    if server.startswith("["):  # [IPv6]:port
        close = server.find("]")
        host, port = server[: close + 1], server[close + 2:] if server[close + 1: close + 2] == ":" else ""
    elif ":" in server:
        host, _, port = server.rpartition(":")
    if port and not port.isdigit():
        raise StoreAddressError(f"the PostgreSQL port must be a number, got {shown_value(port)} in "
                                f"{StoreAddress('postgresql', user=unquote(user), host=unquote(host)).shown()}")
    try:
        parameters = tuple(parse_qsl(query, keep_blank_values=True, strict_parsing=False))
    except ValueError:
        parameters = ()
    return StoreAddress("postgresql", user=unquote(user), password=unquote(password) if colon else "",
                        host=unquote(host), port=port, database=unquote(database), parameters=parameters)


def mask_anything(text: str) -> str:
    """Any URL-like text with what could be a password hidden, for a message about text that did not parse."""
    head, sep, rest = text.partition("://")
    if not sep:
        head, rest = "", text
    before_query, question, query = rest.partition("?")
    authority, at, tail = before_query.rpartition("@")
    if at:
        user = authority.partition(":")[0]
        rest = f"{user}:***@{tail}" + (f"?{query}" if question else "")
    text = f"{head}://{rest}" if sep else rest
    return _SECRET_VALUE.sub(lambda m: f"{m.group(1)}=***", text)[:300]


_SECRET_VALUE = re.compile(r"\b(" + "|".join(sorted(SECRET_PARAMETERS)) + r")\s*=\s*[^&\s]*", re.IGNORECASE)
