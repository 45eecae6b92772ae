"""The shape of the package, as a maintainer reads it: short modules, no import
cycles, an architecture page whose layout section names every module, and a README
whose example facts file is the starter brief `briefing new` writes."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "briefing"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Modules of the package that ``path`` imports, at any depth of its code."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            candidates = [target] + [f"{target}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            candidates = [a.name for a in node.names]
        else:
            continue
        known = {module_name(p) for p in MODULES}
        found |= {c for c in candidates if c in known and c != name}
    return found


def test_no_module_is_longer_than_four_hundred_lines():
    long = {module_name(p): n for p in MODULES
            if (n := len(p.read_text("utf-8").splitlines())) > 400}
    assert long == {}


def test_no_import_cycle():
    graph = {module_name(p): imports(p) for p in MODULES}
    # "from . import prose" names the enclosing package too; that edge is not a cycle.
    for name in graph:
        graph[name] = {m for m in graph[name] if not name.startswith(m + ".")}
    state: dict[str, int] = {}

    def visit(node, path):
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " → ".join(path + [node, nxt]))
            if nxt not in state:
                visit(nxt, path + [node])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [])


def test_the_architecture_layout_names_every_module():
    page = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    layout = page[page.index("\n## Layout\n"):]
    layout = layout[:layout.index("\n## ", 1)] if "\n## " in layout[1:] else layout
    missing = [p.relative_to(PACKAGE).as_posix() for p in MODULES
               if p.name != "__init__.py" and p.name not in layout]
    assert missing == [], "name them under '## Layout' in docs/architecture.md"


def test_the_readme_shows_the_starter_brief_in_full():
    """The README's facts file is the one `briefing new` writes, to the byte."""
    starters = sorted(PACKAGE.glob("*/facts/first-brief.yaml"))
    assert len(starters) == 1, starters
    readme = (ROOT / "README.md").read_text("utf-8")
    shown = readme[readme.index("\n## A facts file\n"):]
    shown = shown[shown.index("```yaml\n") + len("```yaml\n"):]
    shown = shown[:shown.index("```\n")]
    assert shown == starters[0].read_text("utf-8"), \
        f"copy {starters[0].relative_to(ROOT)} into the README's '## A facts file'"
