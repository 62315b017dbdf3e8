#!/usr/bin/env python3
"""Run the whole test suite N times in a row, two workers, with every core kept busy beside it.

A test that passes only on a quiet machine fails here. Each run is the suite as `make test` runs it
(`pytest -n 2 tests`), with no retries; beside it, stress-ng keeps each core busy when the machine
has it, a `python -c` busy loop per core when not. Prints each run's time and every test that failed
(its first line of error), then a summary; exits 1 if any run was not green. Not part of `make test`.

    python scripts/stress.py [--runs 5]

Each run's full pytest output (with its fifteen slowest tests) and JUnit report go to
stress-results/run-<n>.log and .xml.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "stress-results"
BUSY_LOOP = "while True: pass"


def start_load() -> tuple[str, list[subprocess.Popen]]:
    """Keep every core busy: stress-ng if installed, else one Python busy loop per core."""
    cores = os.cpu_count() or 1
    stress_ng = shutil.which("stress-ng")
    if stress_ng:
        # Its own process group, so the workers it forks stop with it.
        procs = [subprocess.Popen([stress_ng, "--cpu", str(cores), "--quiet"], start_new_session=True)]
        return f"stress-ng --cpu {cores}", procs
    procs = [subprocess.Popen([sys.executable, "-c", BUSY_LOOP], start_new_session=True) for _ in range(cores)]
    return f"{cores} busy Python loop{'s' if cores != 1 else ''} (one per core)", procs


def stop_load(procs: list[subprocess.Popen]) -> None:
    """Stop the load processes this script started (each in its own process group), and nothing else."""
    for proc in procs:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def failures(report: Path) -> list[str]:
    """Every test that failed or errored in a JUnit report, as 'file::test: first line of the message'."""
    found = []
    for case in ET.parse(report).getroot().iter("testcase"):
        for problem in [*case.findall("failure"), *case.findall("error")]:
            name = f"{case.get('classname', '').replace('.', '/')}.py::{case.get('name')}"
            message = (problem.get("message") or problem.text or "").strip().splitlines()
            found.append(f"{name}: {message[0][:160] if message else problem.tag}")
    return found


def counts(report: Path) -> dict[str, int]:
    """Totals of a JUnit report: tests, failures, errors, skipped."""
    suites = ET.parse(report).getroot()
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in suites.iter("testsuite"):
        for key in totals:
            totals[key] += int(suite.get(key, 0))
    return totals


def run_suite(number: int) -> tuple[float, bool, dict[str, int], list[str]]:
    """One run of the whole suite; returns its time, whether it was green, its totals and its failures."""
    log, report = RESULTS / f"run-{number}.log", RESULTS / f"run-{number}.xml"
    report.unlink(missing_ok=True)
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-n",
                "2",
                "tests",
                "-q",
                "-rfE",
                "--durations=15",
                f"--junitxml={report}",
            ],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    elapsed = time.monotonic() - started
    if not report.is_file():
        return elapsed, False, {}, [f"pytest wrote no report (exit {run.returncode}); see {log}"]
    totals, failed = counts(report), failures(report)
    green = run.returncode == 0 and not failed and totals["skipped"] == 0
    if totals["skipped"]:
        failed.append(f"{totals['skipped']} test(s) skipped: this suite skips nothing")
    return elapsed, green, totals, failed


def minutes(seconds: float) -> str:
    """'3 min 05 s'."""
    return f"{int(seconds // 60)} min {int(seconds % 60):02d} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="how many times to run the suite (default 5)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    RESULTS.mkdir(exist_ok=True)
    load, procs = start_load()
    print(f"stress: {args.runs} run{'s' if args.runs != 1 else ''} of `pytest -n 2 tests`, beside {load}", flush=True)
    times, green_runs, flaky = [], 0, {}
    try:
        for number in range(1, args.runs + 1):
            elapsed, green, totals, failed = run_suite(number)
            times.append(elapsed)
            green_runs += green
            summary = ", ".join(f"{value} {key}" for key, value in totals.items()) or "no totals"
            print(
                f"run {number}/{args.runs}: {minutes(elapsed)} ({elapsed:.0f} s), "
                f"{'green' if green else 'RED'}: {summary}",
                flush=True,
            )
            for line in failed:
                print(f"    FAILED {line}", flush=True)
                flaky.setdefault(line.split(": ", 1)[0], []).append(number)
    finally:
        stop_load(procs)
    print(
        f"stress: {green_runs} of {args.runs} runs green; times {', '.join(f'{t:.0f} s' for t in times)}"
        f" (slowest {minutes(max(times))}); logs in {RESULTS.relative_to(ROOT)}/"
    )
    for name, runs in sorted(flaky.items()):
        print(f"    {name}: failed in run{'s' if len(runs) != 1 else ''} {', '.join(map(str, runs))}")
    return 0 if green_runs == args.runs else 1


if __name__ == "__main__":
    sys.exit(main())
