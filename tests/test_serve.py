"""`make serve` follows a maintainer's edits: data, theme overrides and the build's own Python."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import urllib.request

import pytest
import yaml

from conftest import ROOT, copy_project, free_port


def fetch(url: str) -> str:
    """The page at `url`, or '' while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 90) -> str:
    """Poll the served page until it shows `text` (the server rebuilds in the background)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if text in page:
            return page
        time.sleep(0.25)
    pytest.fail(f"{url} did not show {text!r} within {seconds} s")


@pytest.fixture
def served(tmp_path):
    """`make serve` on a copy of the project at an address of its own, with the project's virtualenv."""
    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "requirements.txt", "requirements-test.txt", "pyproject.toml"):
        shutil.copy2(ROOT / name, project / name)  # dates kept: the virtualenv counts as up to date
    address = f"127.0.0.1:{free_port()}"  # mkdocs serve binds it itself and reports no port of its own choosing
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"ADDR={address}", f"VENV={ROOT / '.venv'}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    yield project, f"http://{address}/"
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def test_make_serve_rebuilds_on_data_overrides_and_package_edits(served):
    project, url = served
    wait_for(url + "house/", "Your house, your doors")
    # A page edit first: once it shows, the server's file watchers are running.
    # Before the page's last line, its questions: the build checks that a guide page ends with them.
    page = project / "docs" / "house.md"
    lines = page.read_text(encoding="utf-8").rstrip("\n").split("\n")
    lines[-1:-1] = ["", "A line added while serving.", ""]
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    house = wait_for(url + "house/", "A line added while serving.")

    data = project / "data" / "house.yml"
    room = yaml.safe_load(data.read_text(encoding="utf-8"))["rooms"][0]["name"]
    assert room in house and "Porch of edits" not in house
    data.write_text(data.read_text(encoding="utf-8").replace(room, "Porch of edits", 1), encoding="utf-8")
    wait_for(url + "house/", "Porch of edits")

    partial = project / "overrides" / "partials" / "exit.html"
    partial.write_text(
        partial.read_text(encoding="utf-8") + "<span hidden>gc-edited-override</span>\n", encoding="utf-8"
    )
    wait_for(url + "house/", "gc-edited-override")

    hook = project / "sitebuild" / "hooks" / "unseal.py"
    hook.write_text(
        hook.read_text(encoding="utf-8")
        + '''

def on_post_page(output, page, config):
    """A change to the package's Python, seen after the restart."""
    return output.replace("</body>", "<i hidden>gc-edited-package</i></body>")
''',
        encoding="utf-8",
    )
    wait_for(url + "house/", "gc-edited-package")
