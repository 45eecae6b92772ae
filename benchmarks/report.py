"""The benchmark's report: the machine and versions, the targets, the printed table,
and the results file (docs/benchmark-results.md).

Everything here works on the results dictionary that ``bench.main`` gathers (and
writes as JSON), so the table can be checked on made-up figures without measuring.
"""

from __future__ import annotations

import os
import platform
import subprocess
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Optional

VERSIONS_OF = ("weasyprint", "matplotlib", "babel", "jinja2", "fonttools")
# The stages of a build that are WeasyPrint's own work (marked * in the table).
# The rest of the "lay out" stage after its PDFs are written: the laid-out documents
# freed (the collection of their cycles that the paused collector leaves to then).
FREEING = "freeing the laid-out documents"
WEASYPRINT_STAGES = ("import weasyprint", "layout", "PDF write", FREEING)


def machine() -> dict:
    return {"platform": platform.platform(), "cpus": os.cpu_count(),
            "memory_bytes": os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"),
            "load_average_at_start": os.getloadavg()[0]}


def run_date() -> str:
    """Today in UTC, as an ISO date: the date the results file gives the run."""
    return datetime.now(timezone.utc).date().isoformat()


def commit(root: Path) -> Optional[str]:
    """The short hash of the checkout's HEAD, marked when the working tree differs from
    it (the benchmark measures the tree as it is); None outside a git checkout."""
    def git(*args) -> Optional[str]:
        try:
            done = subprocess.run(["git", *args], cwd=root, capture_output=True,
                                  text=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 else None
    head = git("rev-parse", "--short", "HEAD")
    if not head:
        return None
    return head + (" with uncommitted changes"
                   if git("status", "--porcelain", "--untracked-files=no") else "")


def versions() -> dict:
    return {"python": platform.python_version(),
            **{name: metadata.version(name) for name in VERSIONS_OF}}


def targets(r: dict) -> list[dict]:
    """Each target: its issue, what, the value measured, the limit, whether it holds
    (None when the run did not measure it). Issue 16's goals come first."""
    one, fl, st, sc, pp = (r[k] for k in ("one_edition", "flagship", "stages", "scale",
                                          "per_page"))
    growth = sc.get("growth_160_vs_40", {}).get("seconds")
    memory = f"peak memory / weasyprint command ({sc['peer']['pages']} pages)"
    rows = [
        (16, "one edition, one core / weasyprint command", one["vs_peer"], "<=", 0.9),
        (16, "both editions, warm / weasyprint commands", fl["warm_vs_peer"], "<=", 0.45),
        (16, "layout + PDF write per page / plain text", pp["vs_plain_text"], "<=", 2.0),
        (16, "the same, largest synthetic brief", sc.get("per_page", {}).get("vs_plain_text"),
         "<=", 2.0),
        (16, "time of 160 pages / time of 40 pages", growth, "<=", 4.2),
        (16, memory, sc["memory_vs_peer"], "<=", 1.1),
        (16, f"{many_label(r)}: make -j2 speed-up over -j1", r["many"]["speedup"],
         ">=", 1.8),
        (16, f"{many_label(r)}: no-change make briefs, seconds",
         r["many"]["no_change"]["seconds"], "<", 0.5),
        (16, f"{many_label(r)}: one briefing build / make -j2",
         r["many"]["one_process"]["vs_make_j2"], "<", 1.0),
        (7, "warm build / weasyprint command", fl["warm_vs_peer"], "<=", 0.9),
        (7, "cold build / weasyprint command", fl["cold_vs_peer"], "<=", 1.1),
        (7, "share of a warm build that is not WeasyPrint", st["not_weasyprint_share"],
         "<=", 0.15),
        (7, "time of 160 pages / time of 40 pages", growth, "<=", 4.4),
        (7, memory, sc["memory_vs_peer"], "<=", 1.2),
        (7, "no-change make briefs, seconds", r["make"]["no_change"]["seconds"], "<", 0.5),
        (7, "make -j2 speed-up over -j1", r["throughput"]["speedup"], ">=", 1.6),
        (7, "flagship per page / its naive equivalent", pp["vs_naive"], "<", 1.0),
        (13, "warm build's extra time for a cached map / the engine drawing its SVG",
         r["map"]["extra_vs_draw"] if "map" in r else None, "<=", 1.0),
    ]
    holds = {"<=": lambda v, t: v <= t, "<": lambda v, t: v < t, ">=": lambda v, t: v >= t}
    return [{"issue": issue, "target": name, "value": value, "op": op, "limit": limit,
             "pass": None if value is None else holds[op](value, limit)}
            for issue, name, value, op, limit in rows]


def many_label(r: dict) -> str:
    return f"{r['many']['briefs']} briefs × {r['many']['locales']} locales"


def _many(r: dict) -> list[tuple[str, str, str, str]]:
    """Section 10: many small briefs, an edition a process, and all in one process."""
    many, one = r["many"], r["many"]["one_process"]
    rows = [(f"10 Many briefs: {many_label(r)} from an empty dist (charts cached)",
             "seconds", "cores busy", "editions")]
    rows += [(f"  make -{jobs} briefs (an edition a process)", _s(many[jobs]["seconds"]),
              f"{many[jobs]['cores_busy']:.2f}", str(many[jobs]["editions"]))
             for jobs in ("j1", "j2")]
    return rows + [
        ("  speed-up of -j2 over -j1", _x(many["speedup"]), "", ""),
        ("  no-change make briefs", f"{many['no_change']['seconds'] * 1000:.0f} ms", "",
         str(many["no_change"]["rebuilt"])),
        ("  one briefing build, every brief in one process", _s(one["seconds"]),
         f"{one['cores_busy']:.2f}", str(one["editions"])),
        ("  one briefing build / make -j2", _x(one["vs_make_j2"]), "", ""),
        ("  in it: charts drawn, font fingerprints computed", "", "",
         f"{one['charts_drawn']}, {one['font_fingerprints']}"),
        ("  its PDFs = make's PDFs", "", "", "yes" if many["same_pdfs"] else "NO")]


def _s(value: float) -> str:
    return f"{value:.2f} s"


def _mb(value: int) -> str:
    return f"{value / 2 ** 20:.0f} MB"


def _x(value: float) -> str:
    return f"{value:.2f}×"


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def table(r: dict) -> list[tuple[str, str, str, str]]:
    """The rows of the printed table: a label and three columns; section headings
    name their columns."""
    one, fl, st, sc, mk, tp, pp = (r[k] for k in (
        "one_edition", "flagship", "stages", "scale", "make", "throughput", "per_page"))
    pages = " + ".join(f"{lang} {n}" for lang, n in st["pages"].items())
    rows = [(f"1 One edition ({one['locale']}, {one['pages']} pages), one core, warm, "
             "whole process", "ours", "peer", "ours/peer"),
            ("  briefing build --jobs 1 / weasyprint on its HTML", _s(one["ours"]),
             _s(one["peer"]), _x(one["vs_peer"])),
            (f"2 Flagship, both editions ({pages} pages), whole process",
             "ours", "peer", "ours/peer"),
            ("  cold: chart and subset caches empty", _s(fl["seconds"]["cold"]),
             _s(fl["seconds"]["peer"]), _x(fl["cold_vs_peer"])),
            ("  warm: charts and font subsets cached", _s(fl["seconds"]["warm"]),
             _s(fl["seconds"]["peer"]), _x(fl["warm_vs_peer"])),
            ("3 Stages of one warm build --jobs 1, fresh process (build's own report)",
             "seconds", "share", "")]
    rows += [(f"  {name}{' *' if name in WEASYPRINT_STAGES else ''}", _s(seconds),
              f"{st['shares'][name]:.1%}", "") for name, seconds in st["seconds"].items()]
    rows += [("  total (* WeasyPrint's part)", _s(st["total"]),
              f"{1 - st['not_weasyprint_share']:.1%} *", ""),
             ("  saved by laying out editions in parallel (total - warm build)",
              _s(st["total"] - fl["seconds"]["warm"]), "", ""),
             ("4 Scale: synthetic briefs, warm build", "seconds", "peak RSS", "pages")]
    rows += [(f"  about {c['target']} pages ({c['chapters']} chapters)", _s(c["seconds"]),
              _mb(c["max_rss"]), str(c["pages"])) for c in sc["cases"]]
    rows += [("  peer on the HTML of the largest", _s(sc["peer"]["seconds"]),
              _mb(sc["peer"]["max_rss"]), str(sc["peer"]["pages"])),
             ("  peak memory ours/peer, largest", "", _x(sc["memory_vs_peer"]), "")]
    if "growth_160_vs_40" in sc:
        growth = sc["growth_160_vs_40"]
        rows.append(("  growth from 40 to 160 pages", _x(growth["seconds"]),
                     _x(growth["max_rss"]), _x(growth["pages"])))
    if "per_page" in sc:
        largest = sc["per_page"]
        rows += [(f"  largest, per page ({largest['pages']}): layout + PDF write",
                  f"{largest['layout_and_write']:.3f} s", "", _x(largest["vs_plain_text"])),
                 ("  then freeing the laid-out document (not in the ratio)",
                  f"{largest['freeing']:.3f} s", "", ""),
                 ("  plain text, same pages and fonts: layout + PDF write",
                  f"{largest['plain_text']:.3f} s", "", _x(1.0))]
    rows += [("5 Make", "seconds", "", "rebuilt"),
             ("  first make briefs (an edition a process)", _s(mk["first"]["seconds"]), "",
              str(mk["first"]["rebuilt"])),
             ("  no-change make briefs", f"{mk['no_change']['seconds'] * 1000:.0f} ms", "",
              str(mk["no_change"]["rebuilt"])),
             (f"  after editing {mk['catalog_edit']['file']}",
              _s(mk["catalog_edit"]["seconds"]), "", str(mk["catalog_edit"]["rebuilt"])),
             (f"6 Throughput: {tp['briefs']} briefs × 2 locales from an empty dist",
              "seconds", "cores busy", "editions")]
    rows += [(f"  make -{jobs} briefs", _s(tp[jobs]["seconds"]),
              f"{tp[jobs]['cores_busy']:.2f}", str(tp[jobs]["editions"]))
             for jobs in ("j1", "j2")]
    rows += [("  speed-up of -j2 over -j1", _x(tp["speedup"]), "", ""),
             (f"7 Per page, flagship ({pp['pages']} pages)", "s/page", "", "vs plain"),
             ("  warm build, whole process", f"{pp['warm_build']:.3f}", "", ""),
             ("  layout + PDF write (ratios: the median round's)",
              f"{pp['layout_and_write']:.3f}", "",
              _x(pp["vs_plain_text"])),
             ("  then freeing the laid-out documents (not in the ratio)",
              f"{pp['freeing']:.3f}", "", ""),
             ("  plain text, same pages and fonts: layout + PDF write",
              f"{pp['plain_text']:.3f}", "", _x(1.0)),
             ("  naive equivalent (full variable fonts, inline SVG charts)",
              f"{pp['naive']:.3f}", "", _x(pp["naive"] / pp["plain_text"])),
             (f"8 Identical PDFs, SOURCE_DATE_EPOCH={r['settings']['source_date_epoch']}",
              "", "", "")]
    rows += [(f"  {name}", "", "", "yes" if same else "NO")
             for name, same in r["identical"].items()]
    if "map" in r:
        mp = r["map"]["seconds"]
        rows += [(f"9 Locator map, flagship ({r['map']['locale']}), warm, --jobs 1, "
                  "whole process (medians)", "CPU s", "", ""),
                 ("  warm build, map cached", _s(mp["with_map"]), "", ""),
                 ("  the same brief without its map", _s(mp["without_map"]), "", ""),
                 ("  extra time for the cached map (each round's difference)",
                  _s(r["map"]["extra"]), "", ""),
                 ("  weasyprint on the edition's HTML", _s(mp["engine_with_map"]), "", ""),
                 ("  the same HTML without the map's figure", _s(mp["engine_without_map"]),
                  "", ""),
                 ("  the engine drawing the map's SVG (each round's difference)",
                  _s(mp["engine_draw"]), "", ""),
                 ("  matplotlib drawing it, not paid when cached", _s(mp["draw"]), "", ""),
                 ("  importing matplotlib.pyplot, fresh process", _s(mp["import"]), "", "")]
    return rows + _many(r)


def format_report(r: dict) -> str:
    """The header, the table and one PASS/FAIL line per target, as printed."""
    m, v, settings = r["machine"], r["versions"], r["settings"]
    hb = settings["harfbuzz_subset"]
    lines = [f"briefing benchmark on {m['platform']}, {m['cpus']} CPUs, "
             f"{m['memory_bytes'] / 2 ** 30:.1f} GiB; load average "
             f"{m['load_average_at_start']:.2f} at start, "
             f"{m['load_average_at_end']:.2f} at end",
             f"Python {v['python']}, " + ", ".join(f"{name} {v[name]}"
                                                   for name in VERSIONS_OF),
             f"Medians of {settings['repeats']} alternating runs "
             f"({settings['scale_repeats']} for scale); peer: {settings['peer']} on the "
             "HTML that briefing emits",
             f"Fonts subset by HarfBuzz (libharfbuzz-subset): ours {_yes(hb['ours'])}, "
             f"peer {_yes(hb['peer'])}; otherwise by fontTools; ours keeps its subsets",
             ""]
    lines += table_lines(r)
    lines.append("")
    for t in r["targets"]:
        if t["value"] is None:  # --quick, or a difference within the machine's scatter
            lines.append(f"{_verdict(t)}  #{t['issue']:<3} {t['target']}: not measured")
        else:
            lines.append(f"{_verdict(t)}  #{t['issue']:<3} {t['target']}: "
                         f"{t['value']:.3f} {t['op']} {t['limit']}")
    return "\n".join(lines)


def table_lines(r: dict) -> list[str]:
    """The printed table, a line per row, its columns aligned."""
    rows = table(r)
    width = max(len(label) for label, *_ in rows)
    return [(label.ljust(width) + "".join(f"{cell:>12}" for cell in cells)).rstrip()
            for label, *cells in rows]


def _verdict(target: dict) -> str:
    return {True: "PASS", False: "FAIL", None: "SKIP"}[target["pass"]]


def results_markdown(r: dict) -> str:
    """docs/benchmark-results.md: the run's date, commit and machine, a row per target
    with its value and verdict, then the printed table. Written by every run, to be
    committed after a full one; nothing in it but what the run measured."""
    m, v, settings = r["machine"], r["versions"], r["settings"]
    lines = ["# Benchmark results", "",
             "Written by `make bench` (`python -m benchmarks.bench`); what it measures, "
             "how, and the goals: [performance.md](performance.md).", "",
             f"- Date: {r['date']} (UTC)",
             f"- Commit: {r.get('commit') or 'unknown'}",
             f"- Machine: {m['cpus']} cores, {m['memory_bytes'] / 2 ** 30:.1f} GiB, "
             f"{m['platform']}; load average {m['load_average_at_start']:.2f} at start, "
             f"{m['load_average_at_end']:.2f} at end",
             f"- Python {v['python']}, " + ", ".join(f"{name} {v[name]}"
                                                     for name in VERSIONS_OF),
             f"- Medians of {settings['repeats']} alternating runs "
             f"({settings['scale_repeats']} for scale)"
             + ("; --quick: some targets not measured" if settings.get("quick") else ""),
             "", "| target | value | limit | result |", "| --- | ---: | --- | --- |"]
    for t in r["targets"]:
        value = "not measured" if t["value"] is None else f"{t['value']:.3f}"
        lines.append(f"| {t['target']} | {value} | {t['op']} {t['limit']} "
                     f"| {_verdict(t)} |")
    lines += ["", "Every figure, as `make bench` prints them:", "", "```",
              *table_lines(r), "```"]
    return "\n".join(lines) + "\n"
