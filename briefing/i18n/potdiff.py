"""Install a freshly extracted .pot only when more than its creation date changed.

Like Sphinx's gettext builder: translators and reviewers see no diff noise when the
strings themselves are unchanged. Usage: python -m briefing.potdiff NEW OLD
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

_DATE = re.compile(r'^"POT-Creation-Date: .*\\n"$', re.MULTILINE)


def same_strings(new: str, old: str) -> bool:
    return _DATE.sub("", new) == _DATE.sub("", old)


def main(argv: list[str]) -> int:
    new, old = map(Path, argv)
    if old.exists() and same_strings(new.read_text("utf-8"), old.read_text("utf-8")):
        print(f"{old}: unchanged")
        return 0
    old.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(new, old)
    print(f"{old}: updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
