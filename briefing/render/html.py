"""Templating: an edition through the Jinja2 templates into one HTML document."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from .. import __version__
from ..typeset import typeset_words
from .columns import figures_columns
from .fonts import font_face_css
from .view import EditionView

PAPER_SIZES = {"a4": "A4", "letter": "letter"}


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja2's cache of compiled templates (keyed by each template's source, written
    atomically), which never stops a build: a cache that cannot be written or read is
    compiled past. Compiling the templates took a tenth of a second per process."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            Path(self.directory).mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


@lru_cache(maxsize=None)
def environment(templates: tuple[Path, ...], cache: Path | None = None) -> jinja2.Environment:
    """One Jinja2 environment per chain of template folders (a project's overrides,
    then the shipped theme: the first that has a file gives it): autoescaped, strict,
    i18n; compiled templates are kept in ``cache`` when given."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in templates]),
        bytecode_cache=_BytecodeCache(str(cache)) if cache is not None else None,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.policies["ext.i18n.trimmed"] = True
    env.filters["css_string"] = css_string  # escaped again as an attribute value
    return env


def render_html(edition: EditionView, templates: tuple[Path, ...], charts: list, faces: list,
                paper: str = "a4", two_sided: bool = False,
                created: str | None = None, cache: Path | None = None) -> str:
    env = environment(templates, cache)
    loc = edition.loc
    env.install_gettext_callables(loc.gettext, loc.ngettext, newstyle=True,
                                  pgettext=loc.pgettext, npgettext=loc.npgettext)
    template = env.get_template("brief.html.j2")
    return typeset_words(template.render(
        e=edition, charts=charts, paper=paper, two_sided=two_sided, created=created,
        version=__version__, font_faces=Markup(font_face_css(faces)),
        columns=figures_columns(edition, faces),
        page_of_css=Markup(page_of_css(loc.translate("Page %(page)s of %(pages)s"))),
        page_size=PAPER_SIZES[paper],
    ), loc.typed_dates())


def page_of_css(pattern: str) -> str:
    """A CSS content value from a translated "Page %(page)s of %(pages)s"."""
    out = []
    rest = pattern
    while rest:
        head, sep, tail = rest.partition("%(")
        if head:
            out.append(css_string(head))
        if not sep:
            break
        name, _, rest = tail.partition(")s")
        out.append({"page": "counter(page)", "pages": "counter(pages)"}.get(name, '""'))
    return " ".join(out) or '""'


def css_string(text: str) -> str:
    """A CSS string literal that cannot end the string or the <style> element."""
    escaped = "".join(c if c.isalnum() or c in " .,:;-–/()" else f"\\{ord(c):x} "
                      for c in text)
    return f'"{escaped}"'
