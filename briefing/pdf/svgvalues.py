"""The charts' attribute values parsed once per value, not once per element drawn.

WeasyPrint 70 draws an SVG image element by element, and for each reads its values
again from their strings: the font size (``size("1em", ...)``, which first rewrites
the string with four regular expressions in ``normalize``), and the URLs of a filter,
a clip path, a mask and three markers (``parse_url``, mostly of no value at all).
For a chart of 150 elements that is about 600 parses of a handful of strings; the
167-page synthetic brief's 71 charts made 43,000 calls of ``size`` and 36,000 of
``parse_url``.

All three are functions of their arguments alone, and what they return (a number, a
string, a ``urllib.parse.ParseResult``) cannot be changed, so while
``parsed_once`` is active each answers from what it answered before for the same
arguments; the modules of ``weasyprint.svg`` that imported them by name see the
remembered versions. A call with arguments that cannot be hashed, or by keyword, goes
to WeasyPrint's function; so does ``normalize`` of a long string (a path's data, drawn
once). The drawing is the same (tested: the same bytes).
"""

from __future__ import annotations

from contextlib import ExitStack, contextmanager

from .engine import replaced

# The functions remembered, and the weasyprint.svg modules that import them by name.
NAMES = ("size", "parse_url", "normalize")
MODULES = ("utils", "__init__", "text", "defs", "css", "path", "shapes", "bounding_box")
SHORT = 64  # longer strings given to normalize are path data: not remembered


def _remembered(function, name: str):
    answers: dict = {}

    def remembered(*args, **kwargs):
        if kwargs or (name == "normalize" and args and isinstance(args[0], str)
                      and len(args[0]) > SHORT):
            return function(*args, **kwargs)
        try:
            return answers[args]
        except KeyError:
            found = answers[args] = function(*args)
            return found
        except TypeError:  # an argument that cannot be hashed
            return function(*args)

    remembered.__wrapped__ = function
    return remembered


@contextmanager
def parsed_once():
    """While active, weasyprint.svg parses each size and URL string once."""
    import importlib

    from weasyprint.svg import utils

    remembered = {name: _remembered(getattr(utils, name), name) for name in NAMES}
    with ExitStack() as stack:
        for module_name in MODULES:
            module = importlib.import_module(
                "weasyprint.svg" + ("" if module_name == "__init__" else f".{module_name}"))
            for name, function in remembered.items():
                if getattr(module, name, None) is function.__wrapped__:
                    stack.enter_context(replaced(module, name, function))
        yield
