"""A team behind a sign-in, in headless Chromium against a real OpenID Connect provider on this machine
(``oidc-provider-mock``): a viewer, an editor and an admin, each with what their role allows, and the
server refusing what it does not, whatever the page is asked."""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from bench.server import RunningApp, free_port

from .conftest import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI needs Debian's chromium at {CHROMIUM}", pytrace=False)
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
provider_mock = pytest.importorskip("oidc_provider_mock")

PEOPLE = {"viewer": "vera@example.org", "editor": "eddie@example.org", "admin": "ada@example.org"}
TIMEOUT = 45_000
REPORT = ("SEOUL, Dec. 19, 2024 -- At least 100 North Korean soldiers have been killed in Russia's Kursk region, "
          "the National Intelligence Service said on Thursday.\n")


@pytest.fixture(scope="module")
def provider():
    users = [provider_mock.User(sub=role, claims={"email": email, "name": role}) for role, email in PEOPLE.items()]
    users.append(provider_mock.User(sub="stranger", claims={"email": "sam@elsewhere.example"}))
    with provider_mock.run_server_in_thread(user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def team_app(tmp_path_factory, cache_dir, provider):
    folder = tmp_path_factory.mktemp("team")
    port = free_port()
    (folder / "secrets.toml").write_text(
        "[auth]\n"
        f'redirect_uri = "http://localhost:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(16)}"\n'
        'client_id = "deploymap"\nclient_secret = "not-a-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n')
    (folder / "deploymap.toml").write_text(
        "[access]\n"
        'viewers = ["*@example.org"]\n'
        f'editors = ["{PEOPLE["editor"]}"]\n'
        f'admins = ["{PEOPLE["admin"]}"]\n')
    running = RunningApp({"DEPLOYMAP_CACHE_DIR": str(cache_dir), "DEPLOYMAP_CONFIG": str(folder / "deploymap.toml"),
                          "DEPLOYMAP_DATABASE": f"sqlite:///{folder / 'store.sqlite'}"}, folder / "streamlit.log",
                         port=port, options=("--secrets.files", str(folder / "secrets.toml")))
    running.public = f"http://localhost:{port}"
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


def signed_in(browser, app, who: str):
    """A fresh browser profile signed in as ``who`` (a sub the provider knows); outside requests are refused."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    outside: list[str] = []

    def local_only(route):
        if urlparse(route.request.url).hostname in ("localhost", "127.0.0.1"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", local_only)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(app.public, wait_until="domcontentloaded")
    page.get_by_text("Sign in with your organisation").first.wait_for()
    assert page.locator('[data-testid="stDataFrame"]').count() == 0  # nothing of the data before sign-in
    page.get_by_role("button", name="Sign in").click()
    page.locator("input[name=sub]").fill(who)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{app.public}/**")
    # Only the provider's own page asks for something outside (its stylesheet): refused, and never ours.
    assert all("pico" in url for url in outside), outside
    return page


def wait_rows(page) -> None:
    page.locator('[data-testid="stDataFrame"]').first.wait_for()


def test_without_a_role_there_is_no_access(browser, team_app):
    page = signed_in(browser, team_app, "stranger")
    page.get_by_text("which has no access to this dashboard").wait_for()
    assert page.locator('[data-testid="stDataFrame"]').count() == 0
    page.context.close()


def test_a_viewer_reads_and_exports_but_may_not_import_or_add_reports(browser, team_app):
    page = signed_in(browser, team_app, "viewer")
    wait_rows(page)
    page.get_by_text(f"Signed in as {PEOPLE['viewer']}").first.wait_for()
    assert page.get_by_text("Import events").count() == 0
    assert page.get_by_role("link", name="Add a report").count() == 0
    assert page.get_by_role("button", name="Retract", exact=True).count() == 0
    page.goto(f"{team_app.public}/add-report", wait_until="domcontentloaded")  # asked for anyway
    page.get_by_text("CSV of").first.wait_for()  # the dashboard, not the page
    assert page.get_by_label("Report text").count() == 0
    page.context.close()


def test_an_editor_saves_a_report_attributed_to_them(browser, team_app):
    page = signed_in(browser, team_app, "editor")
    wait_rows(page)
    page.get_by_role("link", name="Add a report").click()
    page.get_by_label("Report text").fill(REPORT)
    page.get_by_label("Publication (name or URL)").fill("Yonhap")
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Propose rows").click()
    page.get_by_text("Proposed rows:").first.wait_for()
    page.get_by_role("button", name="Save to the store").click()
    page.get_by_text("added").first.wait_for()
    page.get_by_role("link", name="Changes").click()
    page.get_by_text(f"{PEOPLE['editor']} (sign-in editor)").first.wait_for()
    assert page.get_by_role("button", name="Undo change").count() == 0  # an editor may not undo
    page.context.close()


def test_an_admin_undoes_a_change(browser, team_app):
    page = signed_in(browser, team_app, "admin")
    page.goto(f"{team_app.public}/changes", wait_until="domcontentloaded")
    entry = page.get_by_text(f"{PEOPLE['editor']} (sign-in editor)").first
    entry.wait_for()
    entry.click()  # opens the change: its differences and the undo
    page.get_by_label("Why undo it?").fill("saved twice by mistake")
    page.get_by_role("button", name="Undo change").first.click()
    page.get_by_text("undone by change").first.wait_for()
    page.get_by_text(f"{PEOPLE['admin']} (sign-in admin)").first.wait_for()
    page.context.close()


def test_the_server_refuses_an_action_the_role_does_not_allow(team_app, monkeypatch):
    """The role check runs on the server: the same actions asked for by a signed-in viewer's run are refused, even
    with an admin's role forged into the session (AppTest stands for a forged request; the browser never offers the
    control)."""
    from streamlit.testing.v1 import AppTest

    script = (
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "import streamlit as st\n"
        "from deploymap.access import Identity, Role\n"
        "from deploymap.errors import DeploymapError\n"
        "from deploymap.pages.signin import SESSION_KEY, require\n"
        "st.session_state[SESSION_KEY] = (Identity('vera@example.org', 'viewer'), Role.ADMIN)\n"
        "for action in ('import', 'add report', 'undo', 'retract'):\n"
        "    try:\n"
        "        require(action)\n"
        "        st.write(f'allowed {action}')\n"
        "    except DeploymapError as exc:\n"
        "        st.write(f'refused {action}: {exc}')\n"
    )
    folder = Path(team_app.log_path).parent
    path = folder / "forged.py"
    path.write_text(script)
    monkeypatch.setenv("DEPLOYMAP_CONFIG", str(folder / "deploymap.toml"))
    at = AppTest.from_file(str(path))
    at.secrets.update({"auth": {"redirect_uri": "http://localhost:9/oauth2callback", "cookie_secret": "x" * 32,
                                "client_id": "c", "client_secret": "s",
                                "server_metadata_url": "http://localhost:9/.well-known/openid-configuration"}})
    at.user = {"is_logged_in": True, "sub": "viewer", "email": PEOPLE["viewer"]}
    at.run()
    said = [m.value for m in at.markdown]
    assert len(said) == 4 and all(line.startswith("refused") for line in said), said


def this_machines_address() -> str | None:
    """An IPv4 address of this machine other than loopback (None when it has none), from ``hostname -I``
    (the tests' network guard forbids even the connect that would ask the kernel)."""
    import subprocess

    try:
        found = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=10).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return None
    return next((a for a in found if a.count(".") == 3 and not a.startswith("127.")), None)


def test_without_sign_in_other_addresses_are_refused(browser, tmp_path, cache_dir):
    address = this_machines_address()
    if address is None:
        pytest.skip("this machine has no address other than loopback")
    running = RunningApp({"DEPLOYMAP_CACHE_DIR": str(cache_dir), "DEPLOYMAP_CONFIG": str(tmp_path / "none.toml"),
                          "DEPLOYMAP_DATABASE": f"sqlite:///{tmp_path / 'store.sqlite'}"}, tmp_path / "streamlit.log",
                         address=False, options=("--server.address", "0.0.0.0"))  # served beyond this machine
    try:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(TIMEOUT)
        page.goto(f"http://{address}:{running.port}/", wait_until="domcontentloaded")
        page.get_by_text("serves this machine only").first.wait_for()
        assert page.locator('[data-testid="stDataFrame"]').count() == 0
        page.goto(f"http://127.0.0.1:{running.port}/", wait_until="domcontentloaded")  # the analyst at the machine
        page.locator('[data-testid="stDataFrame"]').first.wait_for()
        context.close()
    finally:
        running.stop()


def test_without_sign_in_a_page_under_another_name_is_refused(browser, tmp_path, cache_dir):
    """DNS rebinding: a web page whose own name resolves to 127.0.0.1 reaches the dashboard from this machine, but
    under its own host name; without sign-in only localhost names are served."""
    running = RunningApp({"DEPLOYMAP_CACHE_DIR": str(cache_dir), "DEPLOYMAP_CONFIG": str(tmp_path / "none.toml"),
                          "DEPLOYMAP_DATABASE": f"sqlite:///{tmp_path / 'store.sqlite'}"}, tmp_path / "streamlit.log")
    try:
        rebinding = browser.browser_type.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP rebind.example 127.0.0.1"])
        try:
            page = rebinding.new_page()
            page.set_default_timeout(TIMEOUT)
            page.goto(f"http://rebind.example:{running.port}/", wait_until="domcontentloaded")
            page.get_by_text("serves this machine only").first.wait_for()
            assert page.locator('[data-testid="stDataFrame"]').count() == 0
            page.goto(f"http://localhost:{running.port}/", wait_until="domcontentloaded")
            page.locator('[data-testid="stDataFrame"]').first.wait_for()
        finally:
            rebinding.close()
    finally:
        running.stop()
