"""Two builds of the same inputs with the same SOURCE_DATE_EPOCH are byte-identical."""

from __future__ import annotations

from conftest import FIXTURES, FLAGSHIP, run_process


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
