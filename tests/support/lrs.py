"""A real Learning Record Store for the tests: Ralph's LRS server with its file-system
backend, on a free port of 127.0.0.1, with one user made by `ralph auth`."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from support.site import BIN, free_port

USER, PASSWORD = "trainer", "secret-for-tests"
AUTH = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode("ascii")


class Ralph:
    """`start()`, `stop()` and `start()` again keep the same port and the same stored
    statements, as an LRS that goes away and comes back."""

    def __init__(self, folder: Path, allow_origin: str) -> None:
        self.folder = folder
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}/xAPI/"
        self.process: subprocess.Popen[bytes] | None = None
        data = folder / "data"
        data.mkdir(parents=True, exist_ok=True)
        self.env = dict(
            os.environ,
            RALPH_APP_DIR=str(folder / "app"),
            RALPH_AUTH_FILE=str(folder / "auth.json"),
            RALPH_RUNSERVER_BACKEND="fs",
            RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH=str(data),
            RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=str(data),
            RALPH_RUNSERVER_CORS_ALLOW_ORIGINS=json.dumps([allow_origin.rstrip("/")]),
            PYTHONPATH=str(Path(__file__).resolve().parents[1]),
        )
        subprocess.run(
            [
                *(str(BIN / "ralph"), "auth", "-u", USER, "-p", PASSWORD, "-s", "all"),
                *("-M", "mailto:trainer@example.com", "-w"),
            ],
            env=self.env,
            cwd=folder,
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        log = (self.folder / "server.log").open("ab")
        self.process = subprocess.Popen(
            [
                *(str(BIN / "python"), "-m", "uvicorn", "support.ralph_app:app"),
                *("--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"),
            ],
            env=self.env,
            cwd=self.folder,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self.statements()
                return
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None:
                    raise RuntimeError((self.folder / "server.log").read_text()) from None
                time.sleep(0.2)
        raise RuntimeError("Ralph did not start within a minute")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None

    def statements(self) -> list[dict]:
        """Every statement stored, read through the xAPI API (following `more`)."""
        found: list[dict] = []
        url: str | None = self.endpoint + "statements?limit=100"
        while url:
            request = urllib.request.Request(
                url, headers={"Authorization": AUTH, "X-Experience-API-Version": "1.0.3"}
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                page = json.loads(response.read())
            found += page["statements"]
            more = page.get("more")
            url = f"http://127.0.0.1:{self.port}{more}" if more else None
        return found
