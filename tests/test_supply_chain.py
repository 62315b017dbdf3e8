"""The supply chain is locked: hashed Python pins, an npm lock file, SHA-pinned actions, Dependabot, zizmor."""

from __future__ import annotations

import importlib.metadata
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ZIZMOR = Path(sys.executable).parent / "zizmor"
_PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)")
_HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")
_SHA_PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def normalise(name: str) -> str:
    """A package name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_lines(path: Path) -> list[str]:
    """The logical requirement lines of a requirements file: continuations joined, comments dropped."""
    joined = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    lines = [re.sub(r"(^|\s)#.*$", "", line).strip() for line in joined.splitlines()]
    return [line for line in lines if line]


def pins(path: Path) -> dict[str, str]:
    """Package -> pinned version of a requirements file (options such as -c skipped)."""
    found = {}
    for line in requirement_lines(path):
        if line.startswith("-"):
            continue
        match = _PIN.match(line)
        assert match, f"{path.name}: not pinned with ==: {line[:80]}"
        found[normalise(match["name"])] = match["version"]
    return found


def workflow(path: Path) -> dict:
    """A workflow file as data."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-test.txt"])
def test_every_requirement_is_pinned_and_hashed(name):
    lines = [line for line in requirement_lines(ROOT / name) if not line.startswith("-")]
    assert len(lines) >= 5
    for line in lines:
        assert _PIN.match(line), f"{name}: not pinned with ==: {line[:80]}"
        assert _HASH.search(line), f"{name}: no --hash for {line.split()[0]}"


@pytest.mark.parametrize(
    "source,lock", [("requirements.in", "requirements.txt"), ("requirements-test.in", "requirements-test.txt")]
)
def test_locked_versions_match_the_input_file(source, lock):
    wanted, locked = pins(ROOT / source), pins(ROOT / lock)
    assert wanted
    mismatched = {name: (version, locked.get(name)) for name, version in wanted.items() if locked.get(name) != version}
    assert mismatched == {}, f"{source} -> {lock}: (wanted, locked) {mismatched}"


def test_site_and_test_locks_agree():
    site, tests = pins(ROOT / "requirements.txt"), pins(ROOT / "requirements-test.txt")
    clashes = {name: (site[name], tests[name]) for name in site.keys() & tests.keys() if site[name] != tests[name]}
    assert clashes == {}


def test_the_running_environment_is_the_locked_one():
    locked = pins(ROOT / "requirements.txt") | pins(ROOT / "requirements-test.txt")
    drift = {}
    for name, version in locked.items():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            drift[name] = (version, installed)
    assert drift == {}, f"(locked, installed): {drift}; run `make test` to reinstall"


def test_npm_tools_are_locked():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["lockfileVersion"] >= 2
    wanted = package["devDependencies"]
    assert wanted
    for name, version in wanted.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"package.json: {name} is not an exact version: {version}"
        assert lock["packages"][""]["devDependencies"].get(name) == version, f"package-lock.json is stale for {name}"
        assert lock["packages"].get(f"node_modules/{name}", {}).get("version") == version, f"{name} not locked"
    unverified = [
        key
        for key, entry in lock["packages"].items()
        if key and not entry.get("link") and not entry.get("integrity", "").startswith("sha512-")
    ]
    assert unverified == []


def test_zizmor_finds_nothing():
    run = subprocess.run(
        [str(ZIZMOR), "--offline", ".github/workflows", ".github/dependabot.yml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No findings to report" in run.stdout, run.stdout
    assert run.stderr.count("completed") == len(WORKFLOWS) + 1, run.stderr


def uses(data: dict) -> list[str]:
    """Every `uses:` of a workflow: step actions and reusable workflows."""
    found = []
    for job in data["jobs"].values():
        found += [job["uses"]] if "uses" in job else []
        found += [step["uses"] for step in job.get("steps", []) if "uses" in step]
    return found


def test_every_action_is_pinned_by_commit():
    assert {p.name for p in WORKFLOWS} >= {"ci.yml"}
    for path in WORKFLOWS:
        actions = uses(workflow(path))
        assert actions, path.name
        for action in actions:
            assert _SHA_PINNED.match(action), f"{path.name}: {action} is not pinned to a 40-hex commit"
        text = path.read_text(encoding="utf-8")
        for line in re.findall(r"uses:.*", text):
            assert re.search(r"@[0-9a-f]{40} # v\d+(\.\d+)*$", line), f"{path.name}: no version comment: {line}"


def test_checkouts_keep_no_credentials():
    for path in WORKFLOWS:
        for job in workflow(path)["jobs"].values():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, path.name


def test_ci_runs_make_test_on_every_push_and_pull_request():
    ci = workflow(ROOT / ".github" / "workflows" / "ci.yml")
    triggers = ci[True]  # YAML 1.1 reads the key `on` as true
    assert "push" in triggers and "pull_request" in triggers
    assert (triggers["push"] or {}).get("branches") is None
    assert ci["permissions"] == {"contents": "read"}
    runs = [step.get("run", "") for job in ci["jobs"].values() for step in job.get("steps", [])]
    assert not any("--deselect" in str(job) or "PYTEST_ADDOPTS" in str(job) for job in ci["jobs"].values())
    assert any("bash .ci/run" in run for run in runs)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_deploy_runs_only_after_the_tests_pass_on_the_default_branch():
    """The repository's default branch deploys (a fork's may not be main); no branch name is hard-coded."""
    ci = workflow(ROOT / ".github" / "workflows" / "ci.yml")
    jobs = ci["jobs"]
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    default = "github.ref_name == github.event.repository.default_branch"
    assert jobs["build"]["if"] == f"github.event_name == 'push' && {default}"
    assert ci["concurrency"]["cancel-in-progress"] == f"${{{{ {default.replace('==', '!=')} }}}}"  # never cut a deploy
    assert "refs/heads/main" not in (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert jobs["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_deploy_writes_only_from_the_deploy_job():
    ci = workflow(ROOT / ".github" / "workflows" / "ci.yml")
    assert ci["permissions"] == {"contents": "read"}
    writers = {name for name, job in ci["jobs"].items() if "write" in (job.get("permissions") or {}).values()}
    assert writers == {"deploy"}
    assert ci["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    build_steps = ci["jobs"]["build"]["steps"]
    actions = [step.get("uses", "").split("@")[0] for step in build_steps]
    assert "actions/configure-pages" in actions and "actions/upload-pages-artifact" in actions
    build_run = next(step for step in build_steps if "make handouts" in step.get("run", ""))
    # The site's address: the repository variable SITE_URL when set (a custom domain), else the Pages address.
    assert build_run["env"]["BASE_URL"] == "${{ vars.SITE_URL || steps.pages.outputs.base_url }}"
    assert build_run["env"]["EDITION"] == "${{ vars.EDITION }}" and 'EDITION="$EDITION"' in build_run["run"]
    assert 'PUBLIC_URL="${BASE_URL%/}/"' in build_run["run"] and "SOURCE_DATE_EPOCH=" in build_run["run"]
    assert [step["uses"].split("@")[0] for step in ci["jobs"]["deploy"]["steps"]] == ["actions/deploy-pages"]


def test_no_unpinned_download_in_setup_or_ci():
    """Chromium comes from the distribution (or the runner's image): never a browser download."""
    texts = [
        path.read_text(encoding="utf-8")
        for path in [*WORKFLOWS, ROOT / ".ci" / "run", ROOT / "Makefile", ROOT / "scripts" / "setup-system.sh"]
    ]
    for text in texts:
        assert "playwright install" not in text and "--upgrade pip" not in text


def test_dependabot_covers_every_ecosystem():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    ecosystems = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(ecosystems) == {"pip", "npm", "github-actions"}
    assert all(update["schedule"]["interval"] == "weekly" for update in ecosystems.values())
