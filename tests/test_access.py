"""Roles from [access], each action's least role, and which addresses count as this machine."""

from __future__ import annotations

import pytest

from deploymap.access import ACTIONS, Access, AccessError, Identity, Role, allowed, is_local_address, is_local_host
from deploymap.config import load_settings
from deploymap.errors import ConfigError

ACCESS = Access.from_settings({"viewers": ["*@example.org"], "editors": ["alice@example.org", "*@press.example"],
                               "admins": ["Lead@Example.org"]})


@pytest.mark.parametrize(("email", "role"), [
    ("bob@example.org", Role.VIEWER),
    ("alice@example.org", Role.EDITOR),  # listed as viewer (by domain) and editor: the higher wins
    ("ALICE@example.org", Role.EDITOR),  # no regard to case
    ("lead@example.org", Role.ADMIN),
    ("eve@press.example", Role.EDITOR),
    ("eve@example.org.evil", None),  # a domain is the whole domain
    ("example.org", None),
    ("mallory@sub.example.org", None),  # *@example.org is not its subdomains
    ("", None),
])
def test_the_highest_matching_role_wins(email, role):
    assert ACCESS.role_of(email) == role


@pytest.mark.parametrize(("role", "action", "ok"), [
    (Role.VIEWER, "view", True), (Role.VIEWER, "export", True), (Role.VIEWER, "import", False),
    (Role.VIEWER, "add report", False), (Role.EDITOR, "add report", True), (Role.EDITOR, "correct", True),
    (Role.EDITOR, "retract", False), (Role.EDITOR, "undo", False), (Role.ADMIN, "undo", True),
    (Role.ADMIN, "merge sources", True), (None, "view", False),
])
def test_each_action_needs_its_role_and_the_server_refuses_otherwise(role, action, ok):
    assert allowed(role, action) is ok
    if ok:
        Access.require(role, action)
    else:
        with pytest.raises(AccessError, match=f"you may not {action}"):
            Access.require(role, action)


def test_every_action_has_a_role():
    assert set(ACTIONS.values()) <= set(Role) and {"import", "add report", "undo", "retract"} <= set(ACTIONS)


@pytest.mark.parametrize("section", [
    {"viewers": "*@example.org"},  # not a list
    {"viewers": ["example.org"]},
    {"viewers": ["a*b@example.org"]},
    {"viewers": ["a@b@example.org"]},
    {"owners": ["a@example.org"]},
])
def test_a_bad_access_setting_is_named(tmp_path, section):
    lines = ["[access]", *(f"{key} = {value!r}".replace("'", '"') for key, value in section.items())]
    (tmp_path / "deploymap.toml").write_text("\n".join(lines) + "\n")
    with pytest.raises(ConfigError, match="access"):
        load_settings(tmp_path / "deploymap.toml")


@pytest.mark.parametrize(("address", "local"), [
    ("127.0.0.1", True), ("::1", True), ("127.3.4.5", True), ("10.0.0.7", False), ("192.168.1.2", False),
    ("2001:db8::1", False), ("not an address", False), (None, True),
])
def test_which_addresses_are_this_machine(address, local):
    assert is_local_address(address) is local


def test_a_change_names_the_signed_in_person_and_their_subject():
    assert Identity("alice@example.org", "sub-123").actor == "alice@example.org (sign-in sub-123)"
    assert Identity("alice (command line)", local=True).actor == "alice (command line)"


@pytest.mark.parametrize(("email", "role"), [
    ("\u212aim@example.org", None),  # the Kelvin sign folds to "k" in Unicode: another account, no role
    ("lead@example.org\u200b", None),
    ("lead @example.org", None),
])
def test_an_address_outside_printable_ascii_matches_nothing(email, role):
    access = Access.from_settings({"admins": ["kim@example.org", "lead@example.org"]})
    assert access.role_of(email) == role


@pytest.mark.parametrize("pattern", ["*@*", "a b@example.org", "*@localhost", "k\u212a@example.org", "*@*.org"])
def test_a_pattern_that_could_match_anyone_or_no_one_is_refused(pattern):
    with pytest.raises(AccessError, match="expected an email address"):
        Access.from_settings({"viewers": [pattern]})


@pytest.mark.parametrize(("host", "local"), [
    ("localhost:8501", True), ("127.0.0.1:8501", True), ("[::1]:8501", True), ("localhost", True),
    ("app.localhost:8501", True), ("rebind.example:8501", False), ("127.0.0.1.nip.io:8501", False),
    ("10.0.0.7:8501", False), (None, True), ("localhost.:8501", True), ("LOCALHOST:8501", True),
    ("localhost:8501@evil.example", False), ("[::1]evil.example", False), ("localhost:", False),
])
def test_which_host_names_are_this_machine(host, local):
    assert is_local_host(host) is local


def test_a_dual_stack_servers_mapped_loopback_is_this_machine():
    assert is_local_address("::ffff:127.0.0.1") and not is_local_address("::ffff:10.0.0.7")


SECRETS = {"auth": {"redirect_uri": "http://localhost:9/oauth2callback", "cookie_secret": "x" * 32, "client_id": "c",
                    "client_secret": "s", "server_metadata_url": "http://localhost:9/.well-known/openid-configuration"}}
FORGED = (
    "import sys\n"
    "sys.path.insert(0, {root!r})\n"
    "import streamlit as st\n"
    "from deploymap.access import Identity, Role\n"
    "from deploymap.errors import DeploymapError\n"
    "from deploymap.pages.signin import SESSION_KEY, require\n"
    "# what an earlier run drew: an admin (the role a callback would find if it trusted the session)\n"
    "st.session_state[SESSION_KEY] = (Identity('ada@example.org', 'ada'), Role.ADMIN)\n"
    "try:\n"
    "    require('undo')\n"
    "    st.write('allowed')\n"
    "except DeploymapError as exc:\n"
    "    st.write(f'refused: {{exc}}')\n"
)


@pytest.mark.parametrize(("user", "admins", "said"), [
    ({"email": "ada@example.org"}, ["ada@example.org"], "allowed"),
    ({"email": "ada@example.org"}, [], "refused"),  # demoted since the page was drawn: the next action is refused
    ({"email": "ada@example.org", "email_verified": False}, ["ada@example.org"], "refused"),  # unverified address
    ({"email": "\u212ada@example.org"}, ["kada@example.org"], "refused"),
])
def test_every_action_reads_the_role_afresh(tmp_path, monkeypatch, user, admins, said):
    from streamlit.testing.v1 import AppTest

    from .conftest import ROOT

    config = tmp_path / "deploymap.toml"
    config.write_text("[access]\nviewers = [\"*@example.org\"]\nadmins = [" + ", ".join(f'"{a}"' for a in admins) + "]\n")
    monkeypatch.setenv("DEPLOYMAP_CONFIG", str(config))
    script = tmp_path / "forged.py"
    script.write_text(FORGED.format(root=str(ROOT)))
    at = AppTest.from_file(str(script))
    at.secrets.update(SECRETS)
    at.user = {"is_logged_in": True, "sub": "ada", **user}
    at.run()
    assert not at.exception and at.markdown[0].value.startswith(said), at.markdown[0].value
