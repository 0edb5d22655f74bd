"""Roles from [access], each action's least role, and which addresses count as this machine."""

from __future__ import annotations

import pytest

from deploymap.access import ACTIONS, Access, AccessError, Identity, Role, allowed, is_local_address
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
