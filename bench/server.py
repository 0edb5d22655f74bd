"""A Streamlit server on a free local port, for the browser tests and the browser benchmark."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RunningApp:
    """``streamlit run SCRIPT`` (the dashboard by default) on a free local port, until ``stop``."""

    def __init__(self, env: dict[str, str], log: Path, address: bool = True, script: Path = ROOT / "app.py",
                 start_timeout: float = 60, port: int | None = None, options: tuple[str, ...] = ()) -> None:
        self.port = port or free_port()
        self.log_path = log
        self.log = log.open("w")
        # Without ``address``, the server binds where .streamlit/config.toml says, as for a user.
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
             "--server.port", str(self.port), "--browser.gatherUsageStats", "false",
             *(["--server.address", "127.0.0.1"] if address else []), *options],
            cwd=ROOT, env={**os.environ, **env}, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + start_timeout
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1).read() == b"ok":
                    return
            except OSError:
                time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"the app did not start; see {log}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def resident_mb(self) -> float:
        """The server's resident memory now (its process and any children), in MB."""
        total = 0
        pending = [self.process.pid]
        while pending:
            pid = pending.pop()
            try:
                status = Path(f"/proc/{pid}/status").read_text()
                children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            except OSError:
                continue
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            pending += [int(child) for child in children]
        return total / 1024

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
