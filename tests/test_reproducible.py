"""Two builds of the same inputs with the same SOURCE_DATE_EPOCH are byte-identical."""

from __future__ import annotations

import shutil

from conftest import FIXTURES, FLAGSHIP, run_process
import pytest

pytestmark = pytest.mark.slow  # whole builds, Make runs or installs: the second tier


def test_two_builds_are_byte_identical(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for out, seed in ((first, "1"), (second, "2")):
        result = run_process("build", FIXTURES / "minimal.yaml", "--out", out,
                             env={"PYTHONHASHSEED": seed})
        assert result.code == 0, result.err
    assert (first / "minimal.en.pdf").read_bytes() == (second / "minimal.en.pdf").read_bytes()
    assert str(FIXTURES).encode() not in (first / "minimal.en.pdf").read_bytes()


def test_editions_laid_out_in_parallel_match_a_serial_build(flagship_dist, tmp_path):
    result = run_process("build", FLAGSHIP, "--out", tmp_path, "--jobs", "1")
    assert result.code == 0, result.err
    for locale in ("en", "vi"):
        name = f"nagorno-karabakh.{locale}.pdf"
        assert (tmp_path / name).read_bytes() == (flagship_dist / name).read_bytes()


def test_a_pdf_from_cached_font_subsets_is_the_pdf_made_without(tmp_path, monkeypatch):
    from briefing.pdf.writer import write_pdf

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    html = "<p>Xin chào, Nagorno-Karabakh: khoảng 30.000 người</p>"
    cache = tmp_path / "subsets"
    without = write_pdf(html, [tmp_path], "pdf/ua-1").data
    filled = write_pdf(html, [tmp_path], "pdf/ua-1", cache).data
    stored = sorted(cache.iterdir())
    from_cache = write_pdf(html, [tmp_path], "pdf/ua-1", cache).data
    assert stored and sorted(cache.iterdir()) == stored  # the second run only read
    assert without == filled == from_cache


def test_without_an_epoch_no_font_subset_is_kept(tmp_path, monkeypatch):
    from briefing.pdf.writer import write_pdf

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    write_pdf("<p>x</p>", [tmp_path], None, tmp_path / "subsets")
    assert not (tmp_path / "subsets").exists()


def test_fonts_are_subset_by_fonttools_even_where_harfbuzz_could(tmp_path, monkeypatch):
    """libharfbuzz-subset on one machine must not change that machine's bytes."""
    from weasyprint.pdf import fonts

    from briefing.pdf.writer import write_pdf

    def harfbuzz(*args):
        raise AssertionError("subset with HarfBuzz")

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    html = "<p>Xin chào</p>"
    expected = write_pdf(html, [tmp_path], None).data
    monkeypatch.setattr(fonts, "harfbuzz_subset", object())
    monkeypatch.setattr(fonts.Font, "_harfbuzz_subset", harfbuzz)
    assert write_pdf(html, [tmp_path], None).data == expected


def test_compiled_templates_are_kept_and_a_broken_cache_changes_nothing(tmp_path):
    """The templates' bytecode cache (templates/ in the user's cache) is read when it
    is sound and compiled past when an entry is garbage or the folder cannot be
    written."""
    from conftest import copy_project, private_cache

    project = copy_project(tmp_path / "project")
    env = private_cache(tmp_path / "cache")
    out = {}
    for step in ("first", "cached", "garbage", "unwritable"):
        cache = tmp_path / "cache" / "templates"
        if step == "garbage":
            for entry in cache.iterdir():
                entry.write_bytes(b"\x00not bytecode")
        if step == "unwritable":
            shutil.rmtree(cache)
            cache.write_text("a file where the cache folder goes")
        result = run_process("build", FIXTURES / "minimal.yaml", "--out", tmp_path / step,
                             "--format", "html", cwd=project, env=env)
        assert result.code == 0, result.err
        out[step] = (tmp_path / step / "minimal.en.html").read_text("utf-8")
        if step == "first":
            assert any(cache.iterdir())
    assert out["first"] == out["cached"] == out["garbage"] == out["unwritable"]
