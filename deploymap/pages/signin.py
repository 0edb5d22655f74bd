"""Who is at the page, and what they may do: Streamlit's own sign-in (``st.login``, OpenID Connect) where
``[auth]`` is configured in ``.streamlit/secrets.toml``, the role from ``deploymap.toml``'s ``[access]``.

Nothing of the data is drawn before ``gate`` has let the person through. Without ``[auth]``, the one
person at the machine is its admin, and a request from any other address is refused.
"""

from __future__ import annotations

import streamlit as st

from deploymap.access import Access, Identity, Role, allowed, is_local_address, is_local_host
from deploymap.config import load_settings
from deploymap.store.database import current_user
from deploymap.text import md

SESSION_KEY = "_who"


def sign_in_configured() -> bool:
    """Whether ``[auth]`` is set in Streamlit's secrets (sign-in on)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises its own not-found error
        return False


def _who_now() -> tuple[Identity, Role | None, str]:
    """Who this request is and their role under today's settings, or why nobody: ("", "remote", "sign in",
    "unverified", "no role"). Read afresh for every check, never from an earlier run."""
    if not sign_in_configured():
        if not is_local_address(getattr(st.context, "ip_address", None)) or not is_local_host(_host()):
            return Identity("nobody"), None, "remote"
        return Identity(f"{current_user()} (this machine)", local=True), Role.ADMIN, ""
    if not st.user.is_logged_in:
        return Identity("nobody"), None, "sign in"
    email = str(st.user.get("email") or "")
    identity = Identity(email, str(st.user.get("sub") or ""))
    if st.user.get("email_verified") is False:
        return identity, None, "unverified"  # an address the provider has not verified names nobody
    role = access().role_of(email) if email else None
    return identity, role, "" if role is not None else "no role"


def _host() -> str | None:
    headers = getattr(st.context, "headers", None)
    try:
        return headers.get("Host") if headers is not None else None
    except Exception:  # no request behind the run (a test harness)
        return None


def gate() -> tuple[Identity, Role]:
    """Let the person through, or draw why not and stop the page. Returns who they are and their role."""
    identity, role, why = _who_now()
    if why == "remote":
        st.title("deploymap")
        st.error("This dashboard serves this machine only: sign-in is not configured, so it shows nothing to other "
                 "addresses or host names. Open it as http://localhost:PORT, or to share it with a team, configure "
                 "sign-in (`[auth]` in `.streamlit/secrets.toml`) and roles (`[access]` in `deploymap.toml`), as the "
                 "README's Team section says.")
        st.stop()
    if why == "sign in":
        st.title("deploymap")
        st.write("Sign in with your organisation's account to see the dashboard.")
        st.button("Sign in", type="primary", on_click=st.login, icon=":material/login:")
        st.stop()
    if role is None:
        st.title("deploymap")
        if why == "unverified":
            st.warning(md("Your provider has not verified the address {email}, so it gives no access to this "
                          "dashboard. Verify it with the provider, then sign in again.", email=identity.email))
        else:
            st.warning(md("You are signed in as {email}, which has no access to this dashboard. Ask its admin to add "
                          "you to deploymap.toml's [access].",
                          email=identity.email or "an account without an email address"))
        st.button("Sign out", on_click=st.logout)
        st.stop()
    who = (identity, role)
    st.session_state[SESSION_KEY] = who
    return who


def acting() -> tuple[Identity, Role | None]:
    """Who this session is and their role, as ``gate`` found them this run (None: nobody let through); for what
    the page shows. ``require`` reads them afresh."""
    return st.session_state.get(SESSION_KEY) or (Identity("nobody"), None)


def may(action: str) -> bool:
    """Whether the person at the page may take ``action`` (the page shows its control only then)."""
    return allowed(acting()[1], action)


def require(action: str) -> Identity:
    """The server's check before an action, whatever the page showed: refuses with AccessError, else says who acts.
    The role is read again from the sign-in and deploymap.toml as they are now (a callback runs before the page's
    script, so the role the page last drew may be out of date)."""
    identity, role, _ = _who_now()
    Access.require(role, action)
    return identity


def access() -> Access:
    return load_settings().access


def signed_in_panel() -> None:
    """Who is signed in, their role, and the way out (only where sign-in is configured)."""
    identity, role = acting()
    if identity.local or role is None:
        return
    with st.sidebar:
        st.caption(md("Signed in as {email} · {role}", email=identity.email, role=role.label))
        st.button("Sign out", on_click=st.logout, key="sign_out")
