"""Two clean builds of the same commit produce byte-identical site trees, handout PDFs included."""

from __future__ import annotations

import datetime
import gzip
import os
import re
import shutil
import subprocess
from pathlib import Path

from conftest import MKDOCS, ROOT
from scripts import handouts

# Everything that is not an input of the build: tools, caches and earlier output.
NOT_INPUTS = shutil.ignore_patterns(
    ".git",
    ".venv",
    "node_modules",
    "site",
    ".cache",
    ".pytest_cache",
    ".hypothesis",
    "__pycache__",
    "bench-results",
    "stress-results",
)


def source_date_epoch() -> str:
    """The last commit's time, as the Makefile and the deploy workflow export it."""
    run = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True)
    return run.stdout.strip()


def clean_build(project: Path, site: Path, epoch: str, hash_seed: str, tz: str, site_url: str | None = None) -> None:
    """Build `project` into `site` from scratch; the hash seed and time zone vary to expose hidden state."""
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=epoch, PYTHONHASHSEED=hash_seed, TZ=tz)
    if site_url:
        env["SITE_URL"] = site_url
    run = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def tree(site: Path) -> dict[str, bytes]:
    """Every file of a built site by relative path, with its bytes."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def render_handouts(site: Path, epoch: str, browser) -> None:
    """Render every handout PDF into site/handouts/, as `make handouts` does."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        handouts.render(site, browser=browser)
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def test_two_clean_builds_are_byte_identical(tmp_path, browser):
    epoch = source_date_epoch()
    public = "https://getting-closer.example.org/"
    # Different project and output paths, hash seeds and time zones: none of them may reach the output.
    first_project, second_project = tmp_path / "a" / "getting-closer", tmp_path / "b" / "clone"
    shutil.copytree(ROOT, first_project, ignore=NOT_INPUTS)
    shutil.copytree(ROOT, second_project, ignore=NOT_INPUTS)
    clean_build(first_project, tmp_path / "site-one", epoch, "1", "UTC", public)
    clean_build(second_project, tmp_path / "out" / "site-two", epoch, "2", "Pacific/Auckland", public)
    render_handouts(tmp_path / "site-one", epoch, browser)
    render_handouts(tmp_path / "out" / "site-two", epoch, browser)
    one, two = tree(tmp_path / "site-one"), tree(tmp_path / "out" / "site-two")

    assert len(one) > 20, sorted(one)
    assert len([name for name in one if name.endswith(".pdf")]) >= 12
    only_one = sorted(set(one) - set(two))
    only_two = sorted(set(two) - set(one))
    differing = sorted(name for name in set(one) & set(two) if one[name] != two[name])
    assert not (only_one or only_two or differing), (
        f"only in the first build: {only_one}\nonly in the second build: {only_two}\ndiffering: {differing}"
    )


def test_build_dates_come_from_the_last_commit(tmp_path):
    epoch = source_date_epoch()
    clean_build(ROOT, tmp_path / "site", epoch, "0", "America/Los_Angeles")
    commit_day = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    lastmods = set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap))
    assert lastmods == {commit_day.isoformat()}
    compressed = (tmp_path / "site" / "sitemap.xml.gz").read_bytes()
    # Bytes 4-7 of a gzip header are the modification time (RFC 1952).
    header_time = int.from_bytes(compressed[4:8], "little")
    assert datetime.datetime.fromtimestamp(header_time, datetime.UTC).date() == commit_day
    assert gzip.decompress(compressed).decode("utf-8") == sitemap
