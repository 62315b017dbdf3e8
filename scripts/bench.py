#!/usr/bin/env python3
"""Benchmark Getting Closer against a default MkDocs + Material site of the same pages, in one run.

For both sites: build time (whole process, median of N with min and max), every page's first-visit
bytes (raw and gzip, every request) and a second page's bytes, Lighthouse (mobile preset) scores,
LCP, TBT and CLS (median of N runs), and build time and output size of synthetic sites of 100, 500
and 1,000 pages with the log-log slope. Both sites are served gzip-compressed, as GitHub Pages does,
each at the address it was built for. A third project, the floor (see floor_project), is timed
beside them: the least a site with our pages costs on this stack. Figures, not pass/fail: this is
not a test.

    python scripts/bench.py [--runs 5] [--lighthouse-runs 5] [--sizes 100,500,1000] [--quick]

Prints a table and writes bench-results/bench.json.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from scripts.sitetools import (
    CHROMIUM_FLAGS,
    MKDOCS,
    ROOT,
    chromium_path,
    copy_project,
    free_port,
    read_config,
    serve,
)
from sitebuild.frontmatter import read_front_matter, read_page, split_front_matter

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\([^)]*\)")


# ---------------------------------------------------------------------------------------------
# The two projects
# ---------------------------------------------------------------------------------------------


def _plain_page(text: str, drop_links: bool) -> str:
    """A page for the baseline (no macros, no custom template) or a synthetic copy (no links)."""
    meta = read_front_matter(text)
    body = split_front_matter(text)[1]
    body = _MACRO.sub("", body)
    if drop_links:
        body = _LINK.sub(r"\1", body)
    keep = {k: v for k, v in (meta or {}).items() if k in ("title", "description")}
    return f"---\n{yaml.safe_dump(keep, allow_unicode=True)}---\n{body}"


def baseline_project(where: Path) -> Path:
    """Default Material (theme: material, plugins: [search]) with our pages, macro calls removed."""
    config = read_config(ROOT / "mkdocs.yml")
    for page in (ROOT / "docs").rglob("*.md"):
        target = where / "docs" / page.relative_to(ROOT / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_plain_page(page.read_text(encoding="utf-8"), drop_links=False), encoding="utf-8")
    # Fonts off, as our site: a Google Fonts request cannot be made here and is not what we compare.
    baseline = {
        "site_name": config["site_name"],
        "theme": {"name": "material", "font": False},
        "plugins": ["search"],
        "nav": config["nav"],
    }
    (where / "mkdocs.yml").write_text(yaml.safe_dump(baseline, sort_keys=False), encoding="utf-8")
    return where


def our_project(where: Path) -> Path:
    """Our project as it is, copied so builds stay apart."""
    return copy_project(where)


def floor_project(where: Path) -> Path:
    """The least a site with our pages can be on this stack: the floor under our figures.

    Default Material with navigation.prune (without it the nav makes builds quadratic), plus what
    our pages cannot exist without: mkdocs-macros with macros.py (data validated with pydantic,
    callouts rendered), the hook that places the callouts, the abbr extension for the glossary, and
    the `extra` variables the pages print.
    Nothing else of ours: no custom templates, page minifier, link check, CSP or other features.
    """
    copy_project(where)
    config = read_config(ROOT / "mkdocs.yml")
    floor = {
        "site_name": config["site_name"],
        "theme": {"name": "material", "font": False, "features": ["navigation.prune"]},
        "plugins": ["search", {"macros": {"module_name": "macros", "on_undefined": "strict", "on_error_fail": True}}],
        "hooks": ["sitebuild/hooks/unseal.py"],
        "markdown_extensions": ["abbr", "attr_list", {"toc": {"permalink": True}}],
        "extra": config["extra"],  # variables the pages print
        "nav": config["nav"],
    }
    (where / "mkdocs.yml").write_text(yaml.safe_dump(floor, sort_keys=False), encoding="utf-8")
    for page in (where / "docs").rglob("*.md"):  # our page templates (handouts) are ours: left out
        meta, body = read_page(page)
        if meta.pop("template", None):
            page.write_text(f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n{body}", encoding="utf-8")
    return where


PROJECTS = {"ours": our_project, "baseline": baseline_project, "floor": floor_project}


def synthetic(project: Path, pages: int, macros: bool) -> Path:
    """Grow a project to `pages` pages: copies of the guide pages under a four-level nav section.

    With `macros`, the copies keep their macro calls (our site, the floor); without, they are the
    baseline's plain pages.
    """
    guide = sorted((ROOT / "docs").glob("*.md"))
    existing = len(list((project / "docs").rglob("*.md")))
    tree: dict = {}
    for n in range(pages - existing):
        part, section, chapter = f"Part {n // 100 + 1}", f"Section {n // 20 % 5 + 1}", f"Chapter {n // 5 % 4 + 1}"
        source = guide[n % len(guide)].read_text(encoding="utf-8")
        text = _LINK.sub(r"\1", source) if macros else _plain_page(source, drop_links=True)
        rel = f"library/{part}/{section}/{chapter}/page-{n}.md".lower().replace(" ", "-")
        (project / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / rel).write_text(text, encoding="utf-8")
        tree.setdefault(part, {}).setdefault(section, {}).setdefault(chapter, []).append(rel)
    nav = [
        {
            "Library": [
                {p: [{s: [{c: files} for c, files in cs.items()]} for s, cs in ss.items()]} for p, ss in tree.items()
            ]
        }
    ]
    config = project / "mkdocs.yml"
    if "!ENV" in config.read_text(encoding="utf-8"):
        # Our config has YAML tags (!ENV, !relative) and ends with its nav: append the new section.
        extra = yaml.safe_dump(nav, sort_keys=False, allow_unicode=True)
        with open(config, "a", encoding="utf-8") as handle:
            handle.write("".join("  " + line + "\n" for line in extra.splitlines()))
    else:
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
        data["nav"] += nav
        config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return project


# ---------------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------------


def build(project: Path, site: Path, site_url: str) -> float:
    """Build once, whole process; return seconds (raises with the log on failure)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url)
    started = time.perf_counter()
    run = subprocess.run(
        [*MKDOCS, "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if run.returncode:
        raise SystemExit(f"build of {project} failed:\n{run.stdout}{run.stderr}")
    return seconds


def size_of(folder: Path) -> int:
    """Bytes of every file under a folder."""
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def page_urls(site: Path, base: str, config: Path) -> list[str]:
    """The URL of every nav page, in reading order."""
    nav = read_config(config)["nav"]
    found: list[str] = []

    def walk(items):
        for item in items:
            target = list(item.values())[0] if isinstance(item, dict) else item
            if isinstance(target, list):
                walk(target)
            else:
                stem = target[: -len(".md")]
                found.append(base + (stem[: -len("index")] if stem.endswith("index") else stem + "/"))

    walk(nav)
    return found


def weigh(browser, url: str, next_url: str | None, host: str) -> dict:
    """First-visit bytes of one page (every request, raw and gzip), and of the next page after it.

    The next page is reached the way a reader would: by the footer's "Next" link where the site has
    one (instant navigation on ours), otherwise by loading its address (the baseline has no footer).
    """
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    seen: list[dict] = []
    outside: list[str] = []

    def record(response):
        if not response.url.startswith(host):
            outside.append(response.url)
            return
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            return
        wire = int(response.headers.get("content-length", len(body)))
        seen.append({"url": response.url[len(host) :], "raw": len(body), "gzip": wire})

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    first = list(seen)
    seen.clear()
    nxt = page.locator("a.md-footer__link--next")
    if nxt.count():
        nxt.first.click()
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
    elif next_url:
        page.goto(next_url, wait_until="networkidle")
    context.close()
    return {
        "requests": first,
        "count": len(first),
        "raw": sum(r["raw"] for r in first),
        "gzip": sum(r["gzip"] for r in first),
        "next_gzip": sum(r["gzip"] for r in seen),
        "next_count": len(seen),
        "other_hosts": outside,
    }


def lighthouse(url: str, runs: int) -> dict:
    """Lighthouse mobile preset, `runs` times: median scores, LCP, TBT and CLS."""
    results = []
    env = dict(os.environ, CHROME_PATH=chromium_path() or "")
    flags = " ".join(CHROMIUM_FLAGS + [f"--user-data-dir={tempfile.mkdtemp(prefix='lh-')}"])
    for _ in range(runs):
        run = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--output=json",
                "--output-path=stdout",
                "--quiet",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={flags}",
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=180,
        )
        if run.returncode:
            raise SystemExit(f"lighthouse failed on {url}:\n{run.stderr[-2000:]}")
        report = json.loads(run.stdout)
        audits = report["audits"]
        results.append(
            {
                **{c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
                "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
                "tbt": audits["total-blocking-time"]["numericValue"],
                "cls": audits["cumulative-layout-shift"]["numericValue"],
            }
        )
    return {key: statistics.median(r[key] for r in results) for key in results[0]} | {
        "lcp_runs": [round(r["lcp"], 3) for r in results]
    }


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(seconds) against log(pages)."""
    xs = [math.log(p) for p, _ in points]
    ys = [math.log(s) for _, s in points]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


# ---------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="builds per site for build time (default 5)")
    parser.add_argument("--lighthouse-runs", type=int, default=5, help="Lighthouse runs per page (default 5)")
    parser.add_argument(
        "--baseline-lighthouse-runs",
        type=int,
        default=None,
        help="Lighthouse runs per baseline page (default: as --lighthouse-runs)",
    )
    parser.add_argument("--sizes", default="100,500,1000", help="synthetic site sizes (default 100,500,1000)")
    parser.add_argument("--quick", action="store_true", help="1 build, 1 Lighthouse run, 3 pages, sizes 100,200")
    parser.add_argument("--out", default=str(ROOT / "bench-results" / "bench.json"))
    args = parser.parse_args()
    if args.quick:
        args.runs, args.lighthouse_runs, args.baseline_lighthouse_runs, args.sizes = 1, 1, 1, "100,200"
    sizes = [int(s) for s in args.sizes.split(",")]
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="gc-bench-"))
    results: dict = {"sites": {}, "scaling": {}}
    built = {name: make(work / name) for name, make in PROJECTS.items()}
    sites = {name: built[name] for name in ("ours", "baseline")}  # the floor is timed, not browsed
    ports = {name: free_port() for name in built}

    print(f"build time, whole process, {args.runs} runs each (the first with no template cache) ...", flush=True)
    for name, project in built.items():
        url = f"http://127.0.0.1:{ports[name]}/"
        times = [build(project, work / f"{name}-site", url) for _ in range(args.runs)]
        results["sites"][name] = {
            "build": {
                "median": statistics.median(times),
                "min": min(times),
                "max": max(times),
                "first": times[0],
                "runs": times,
            },
            "pages": {},
        }

    print("page weight and Lighthouse, every page ...", flush=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        for name, project in sites.items():
            host = f"http://127.0.0.1:{ports[name]}"
            server = serve(work / f"{name}-site", ports[name])
            urls = page_urls(work / f"{name}-site", host + "/", project / "mkdocs.yml")
            if args.quick:
                urls = urls[:3]
            for index, url in enumerate(urls):
                path = url[len(host) :]
                entry = weigh(browser, url, urls[index + 1] if index + 1 < len(urls) else None, host)
                runs = (
                    args.lighthouse_runs if name == "ours" else (args.baseline_lighthouse_runs or args.lighthouse_runs)
                )
                entry["lighthouse"] = lighthouse(url, runs)
                results["sites"][name]["pages"][path] = entry
                lh = entry["lighthouse"]
                print(
                    f"  {name:8} {path:34} {entry['gzip'] / 1024:6.1f} KB gz {entry['count']:2d} req  "
                    f"LH {lh['performance']:.0f}/{lh['accessibility']:.0f}/{lh['best-practices']:.0f}/"
                    f"{lh['seo']:.0f} LCP {lh['lcp']:.2f}s",
                    flush=True,
                )
            server.stop()
        browser.close()

    print(f"scaling: {sizes} pages ...", flush=True)
    for name, make in PROJECTS.items():
        points = []
        for pages in sizes:
            project = make(work / f"{name}-{pages}")
            synthetic(project, pages, macros=name != "baseline")
            seconds = build(project, work / f"{name}-{pages}-site", "http://127.0.0.1:8000/")
            output = size_of(work / f"{name}-{pages}-site")
            points.append((pages, seconds))
            results["scaling"].setdefault(name, {})[pages] = {"seconds": seconds, "bytes": output}
            shutil.rmtree(work / f"{name}-{pages}-site")
        results["scaling"][name]["slope"] = slope(points) if len(points) > 1 else None

    report(results, sizes)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"\nwritten: {out}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


def print_documents() -> set[str]:
    """URL paths of pages that assemble the whole guide: print documents with no baseline equivalent."""
    found = set()
    for page in (ROOT / "docs").rglob("*.md"):
        if "assemble" in read_page(page)[0]:
            stem = page.relative_to(ROOT / "docs").as_posix()[: -len(".md")]
            found.add("/" + (stem[: -len("index")] if stem.endswith("index") else stem + "/"))
    return found


def report(results: dict, sizes: list[int]) -> None:
    """Print ours against the baseline, figure by figure."""
    ours, base = results["sites"]["ours"], results["sites"]["baseline"]
    printed = print_documents()
    print("\n== Build time (whole process) ==")
    for name in PROJECTS:
        b = results["sites"][name]["build"]
        print(
            f"{name:8} median {b['median']:.2f} s (min {b['min']:.2f}, max {b['max']:.2f}, first {b['first']:.2f})"
            f"  ratio to baseline {b['median'] / base['build']['median']:.2f}"
        )
    print("(floor: default Material + navigation.prune + what our pages need: macros.py, callouts hook, abbr)")
    print("\n== Every page: first visit (gzip KB, requests), next page, Lighthouse mobile ==")
    print(
        f"{'page':32} {'ours':>7} {'base':>7} {'ratio':>5} {'req':>7} {'next':>11} "
        f"{'LH ours':>15} {'LH base':>15} {'LCP ours/base':>14} {'TBT':>9} {'CLS':>11}"
    )
    for path, mine in ours["pages"].items():
        other = base["pages"].get(path)
        if not other:
            continue
        lo, lb = mine["lighthouse"], other["lighthouse"]
        scores = lambda lh: "/".join(f"{lh[c]:.0f}" for c in CATEGORIES)  # noqa: E731
        print(
            f"{path:32} {mine['gzip'] / 1024:7.1f} {other['gzip'] / 1024:7.1f} "
            f"{mine['gzip'] / other['gzip']:5.2f} {mine['count']:3d}/{other['count']:<3d} "
            f"{mine['next_gzip'] / 1024:5.1f}/{other['next_gzip'] / 1024:<5.1f} "
            f"{scores(lo):>15} {scores(lb):>15} {lo['lcp']:6.2f}/{lb['lcp']:<6.2f} "
            f"{lo['tbt']:4.0f}/{lb['tbt']:<4.0f} {lo['cls']:.3f}/{lb['cls']:.3f}"
            + ("  (print document: the whole guide on one page)" if path in printed else "")
        )
    reading = {p: v for p, v in ours["pages"].items() if p not in printed and p in base["pages"]}
    if reading:
        worst = max(reading, key=lambda p: reading[p]["gzip"])
        ratio = max(reading[p]["gzip"] / base["pages"][p]["gzip"] for p in reading)
        print(
            f"largest first visit (reading pages): {reading[worst]['gzip'] / 1024:.1f} KB gz ({worst}); "
            f"largest ratio to baseline: {ratio:.2f}"
        )
    other_hosts = sum(len(p["other_hosts"]) for s in results["sites"].values() for p in s["pages"].values())
    print(f"requests to any other host: {other_hosts}")
    print("\n== Scaling (synthetic sites, four-level nav) ==")
    print(
        f"{'pages':>6} {'ours s':>8} {'base s':>8} {'ratio':>6} {'floor s':>8} {'ratio':>6} "
        f"{'ours MB':>8} {'base MB':>8} {'floor MB':>8}"
    )
    for pages in sizes:
        o, b, f = (results["scaling"][name][pages] for name in ("ours", "baseline", "floor"))
        print(
            f"{pages:6d} {o['seconds']:8.2f} {b['seconds']:8.2f} {o['seconds'] / b['seconds']:6.2f} "
            f"{f['seconds']:8.2f} {f['seconds'] / b['seconds']:6.2f} "
            f"{o['bytes'] / 1e6:8.1f} {b['bytes'] / 1e6:8.1f} {f['bytes'] / 1e6:8.1f}"
        )
    slopes = {name: results["scaling"][name]["slope"] for name in PROJECTS}
    if slopes["ours"] is not None:
        print("log-log slope: " + ", ".join(f"{name} {value:.2f}" for name, value in slopes.items()))


if __name__ == "__main__":
    sys.exit(main())
