"""What the browser tests drive: a JupyterLab server of the project's venv on a
free loopback port, and Debian's chromium driven by Playwright.

The server runs from the venv's ``bin/jupyter`` (so it finds the venv's
``python3`` kernelspec and the prebuilt ipywidgets lab extension under the
venv's ``share/jupyter``), with its config, data, runtime and IPython folders
in a temporary folder, a random token, and ``root_dir`` a temporary folder
holding the notebook under test. Both the server (with its kernels) and the
browser are stopped by the test's fixtures at teardown, whatever the test does.

Without ``/usr/bin/chromium`` (or Playwright) the tests are skipped with the
reason, unless ``CORPUS_UTILS_REQUIRE_BROWSER=1``: then they fail (CI sets it
after installing chromium).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SERVER_START_SECONDS = 60
REQUIRE_BROWSER = "CORPUS_UTILS_REQUIRE_BROWSER"
#: User settings of the isolated JupyterLab: no news or update checks, no prompts about them.
LAB_SETTINGS = {"@jupyterlab/apputils-extension/notification.jupyterlab-settings":
                {"fetchNews": "false", "checkForUpdates": False}}


def unavailable(reason: str) -> None:
    if os.environ.get(REQUIRE_BROWSER) == "1":
        pytest.fail(f"{reason}, and {REQUIRE_BROWSER}=1 requires the browser test to run")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_notebook_file(path: Path, sources: list[str]) -> Path:
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)
    return path


def isolated_env(home: Path) -> dict[str, str]:
    folders = {name: home / name for name in ("config", "data", "runtime", "ipython")}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    settings = folders["config"] / "lab" / "user-settings"
    for name, value in LAB_SETTINGS.items():
        target = settings / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(value), encoding="utf-8")
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "JUPYTER_CONFIG_DIR": str(folders["config"]), "JUPYTER_DATA_DIR": str(folders["data"]),
            "JUPYTER_RUNTIME_DIR": str(folders["runtime"]), "IPYTHONDIR": str(folders["ipython"]),
            "JUPYTERLAB_SETTINGS_DIR": str(settings), "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
            "JUPYTER_PREFER_ENV_PATH": "1", "JUPYTER_PLATFORM_DIRS": "0", "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}


class LabServer:
    """A running ``jupyter lab``: its ``url``, ``token``, ``root`` folder and log."""

    def __init__(self, root: Path, home: Path) -> None:
        self.root, self.port, self.token = root, free_port(), secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = home / "jupyter.log"
        jupyter = Path(sys.executable).parent / "jupyter"
        command = [str(jupyter), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={self.port}", "--port-retries=0",
                   f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={root}",
                   "--ServerApp.terminals_enabled=False", "--LabApp.extension_manager=readonly"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # CI machines run as root
            command.append("--allow-root")
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(command, cwd=root, env=isolated_env(home), stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)

    def api(self, path: str, *, method: str = "GET") -> dict | list:
        request = urllib.request.Request(f"{self.url}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=5) as response:
            body = response.read()
        return json.loads(body) if body else {}

    def log_tail(self, chars: int = 3000) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]

    def wait_until_ready(self, timeout: float = SERVER_START_SECONDS) -> dict:
        """``/api/status`` once the server answers; fails with the log if it exits or times out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"jupyter lab exited with code {self.process.returncode}:\n{self.log_tail()}")
            with contextlib.suppress(OSError, urllib.error.URLError, ValueError):
                return self.api("/api/status")
            time.sleep(0.25)
        pytest.fail(f"jupyter lab did not answer on {self.url} within {timeout} s:\n{self.log_tail()}")

    def wait_for_connected_kernel(self, timeout: float) -> dict:
        """The first kernel once a browser is connected to it and it is idle
        (``/api/kernels``); fails with the log on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError, urllib.error.URLError, ValueError):
                ready = [k for k in self.api("/api/kernels") if k.get("connections", 0) > 0
                         and k.get("execution_state") == "idle"]
                if ready:
                    return ready[0]
            time.sleep(0.25)
        pytest.fail(f"no kernel was started and connected within {timeout} s:\n{self.log_tail()}")

    def notebook_url(self, name: str) -> str:
        return f"{self.url}/lab/tree/{name}?token={self.token}"

    def stop(self) -> None:
        """Shut the server down (kernels included) through its API, then end its process group."""
        if self.process.poll() is None:
            with contextlib.suppress(OSError, urllib.error.URLError, ValueError):
                self.api("/api/shutdown", method="POST")
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)  # a kernel left behind by a crashed server


class FolderServer:
    """A folder served over HTTP on a free loopback port (Python's ``http.server``
    in a thread, request log discarded): its ``url``; ``stop()`` shuts it down."""

    def __init__(self, folder: Path) -> None:
        import functools
        import http.server
        import threading

        class QuietHandler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, format: str, *args) -> None:
                pass

        class QuietServer(http.server.ThreadingHTTPServer):
            def handle_error(self, request, client_address) -> None:
                if not isinstance(sys.exc_info()[1], ConnectionError):  # the browser left: nothing to report
                    super().handle_error(request, client_address)

        handler = functools.partial(QuietHandler, directory=str(folder))
        self.httpd = QuietServer(("127.0.0.1", free_port()), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def status(self, path: str) -> int:
        """The HTTP status of ``GET path`` (a path below the served folder, or a full URL)."""
        url = path if path.startswith("http") else f"{self.url}/{path.lstrip('/')}"
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as err:
            return err.code

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


def chromium_or_skip() -> Path:
    """Debian's chromium, or a skip (a failure under CORPUS_UTILS_REQUIRE_BROWSER=1)."""
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing (install Debian's chromium: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("the Python package playwright is not installed")
    return CHROMIUM
