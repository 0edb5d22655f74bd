"""Who is at the page, and what they may do: Streamlit's own sign-in (``st.login``, OpenID Connect) where
``[auth]`` is configured in ``.streamlit/secrets.toml``, the role from ``deploymap.toml``'s ``[access]``.

Nothing of the data is drawn before ``gate`` has let the person through. Without ``[auth]``, the one
person at the machine is its admin, and a request from any other address is refused.
"""

from __future__ import annotations

import streamlit as st

from deploymap.access import Access, Identity, Role, allowed, is_local_address
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


def gate() -> tuple[Identity, Role]:
    """Let the person through, or draw why not and stop the page. Returns who they are and their role."""
    if not sign_in_configured():
        if not is_local_address(getattr(st.context, "ip_address", None)):
            st.title("deploymap")
            st.error("This dashboard serves this machine only: sign-in is not configured, so it shows nothing to other "
                     "addresses. To share it with a team, configure sign-in (`[auth]` in `.streamlit/secrets.toml`) "
                     "and roles (`[access]` in `deploymap.toml`), as the README's Team section says.")
            st.stop()
        who = (Identity(f"{current_user()} (this machine)", local=True), Role.ADMIN)
    else:
        if not st.user.is_logged_in:
            st.title("deploymap")
            st.write("Sign in with your organisation's account to see the dashboard.")
            st.button("Sign in", type="primary", on_click=st.login, icon=":material/login:")
            st.stop()
        email = str(st.user.get("email") or "")
        identity = Identity(email, str(st.user.get("sub") or ""))
        role = access().role_of(email) if email else None
        if role is None:
            st.title("deploymap")
            st.warning(md("You are signed in as {email}, which has no access to this dashboard. Ask its admin to add "
                          "you to deploymap.toml's [access].", email=email or "an account without an email address"))
            st.button("Sign out", on_click=st.logout)
            st.stop()
        who = (identity, role)
    st.session_state[SESSION_KEY] = who
    return who


def acting() -> tuple[Identity, Role | None]:
    """Who this session is and their role, as ``gate`` found them this run (None: nobody let through)."""
    return st.session_state.get(SESSION_KEY) or (Identity("nobody"), None)


def may(action: str) -> bool:
    """Whether the person at the page may take ``action`` (the page shows its control only then)."""
    return allowed(acting()[1], action)


def require(action: str) -> Identity:
    """The server's check before an action, whatever the page showed: refuses with AccessError, else says who acts."""
    identity, role = acting()
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
