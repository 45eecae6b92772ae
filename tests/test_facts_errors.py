"""Bad facts files: every error of a file, each with its exact message and place."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES

BAD = sorted((FIXTURES / "bad").glob("*.yaml"))


def expectations(path: Path) -> list[str]:
    """The '# expect:' lines of a fixture (or of its .expect file, for binary ones)."""
    source = path.with_suffix(".expect") if path.with_suffix(".expect").exists() else path
    lines = source.read_text("utf-8").splitlines()
    return [line.split("# expect: ", 1)[1] for line in lines if line.startswith("# expect: ")]


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_each_bad_file_reports_all_its_errors_with_their_lines(cli, path):
    result = cli("check", path, cwd=path.parent)
    assert result.code == 2
    got = result.err.splitlines()
    want = [f"{path.name}:{line}" for line in expectations(path)]
    assert sorted(got) == sorted(want)
    assert "Traceback" not in result.err
    assert result.out == ""


def test_every_bad_fixture_declares_its_expectations():
    for path in BAD:
        assert expectations(path), f"{path.name} has no '# expect:' line"


def test_errors_of_several_files_are_all_reported(cli):
    result = cli("check", FIXTURES / "bad" / "empty.yaml", FIXTURES / "bad" / "binary.yaml",
                 cwd=FIXTURES)
    assert result.code == 2
    assert result.err.splitlines() == [
        "bad/binary.yaml:1:1: error: file is binary, not YAML text",
        "bad/empty.yaml:1:1: error: file is empty; expected a brief (see 'briefing schema')",
    ]


def test_missing_file_is_bad_input(cli, tmp_path):
    result = cli("check", tmp_path / "nope.yaml", cwd=tmp_path)
    assert result.code == 2
    assert result.err == "nope.yaml:1:1: error: cannot read file: No such file or directory\n"


def test_oversized_file_is_refused_before_parsing(cli, tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("brief:\n  title: '" + "x" * (50 * 1024 * 1024) + "'\n")
    result = cli("check", big, cwd=tmp_path)
    assert result.code == 2
    assert "file is too large" in result.err and result.err.startswith("big.yaml:1:1: error:")


def test_alias_bomb_is_refused_quickly(cli, tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 12):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\n")
    result = cli("check", bomb, cwd=tmp_path)
    assert result.code == 2
    errors = result.err.splitlines()
    assert errors[0] == ("bomb.yaml:2:10: error: YAML aliases are not supported in facts "
                         "files; write the value out")
    assert len(errors) == 11 * 10  # each alias once, nothing expanded


def test_minimal_brief_is_valid(cli):
    result = cli("check", FIXTURES / "minimal.yaml")
    assert (result.code, result.err) == (0, "")


def test_a_timeline_out_of_order_warns_and_fails_with_strict(cli, tmp_path):
    brief = tmp_path / "brief.yaml"
    brief.write_text((FIXTURES / "minimal.yaml").read_text("utf-8") +
                     '  - {date: 1987, text: "Earlier.", sources: [report]}\n', "utf-8")
    lines = brief.read_text("utf-8").count("\n")
    message = (f"brief.yaml:{lines}:5: {{}}: timeline entry of 1987 comes after one of "
               "1988-02; keep the timeline in date order\n")
    relaxed = cli("check", brief, cwd=tmp_path)
    assert (relaxed.code, relaxed.err) == (0, message.format("warning"))
    strict = cli("check", "--strict", brief, cwd=tmp_path)
    assert (strict.code, strict.err) == (2, message.format("error"))


@pytest.mark.parametrize("old, new, message", [
    ("as_of: 2023-09-19", "as_of: 0000",
     "brief.yaml:4:10: error: brief.as_of: '0000' has no year 0; the calendar starts at 0001"),
    ("    date: 2023-09\n    language: en", "    date: 2023-09\n    language: zz",
     "brief.yaml:12:15: error: 'zz' is not a language CLDR knows; give a code such as en or vi"),
    ("locales: [en]", "locales: []",
     "brief.yaml:5:12: error: brief lists no locales; give at least one, such as [en], or "
     "the project's [build] locales in briefing.toml"),
    # 100,000 nested brackets crashed YAML's composer (a segmentation fault)
    ("locales: [en]", "locales: " + "[" * 100_000 + "en" + "]" * 100_000,
     "brief.yaml:5:50: error: YAML nested more than 40 levels deep; a brief needs a few"),
    # printed "19–18 Sept 2023", "2023" and "September and September 2023"
    ("{date:1988-02-20}", "{date:1988-02-20/1988-02-19}",
     "brief.yaml:56:9: error: {date:1988-02-20/1988-02-19}: a period must go forward in "
     "time, but 1988-02-20 does not come before 1988-02-19"),
    ("{date:1988-02-20}", "{date:1988/1988-02-20}",
     "brief.yaml:56:9: error: {date:1988/1988-02-20}: a period must go forward in time, but "
     "1988 does not come before 1988-02-20"),
    ("{date:1988-02-20}", "{date:1988-02,1988-02}",
     "brief.yaml:56:9: error: {date:1988-02,1988-02}: two dates said together must go "
     "forward in time, but 1988-02 does not come before 1988-02"),
    # a paragraph written as plain text is prose like one written {text: ...}: its
    # figure printed with no claim and no source
    ("and <b>tags</b> & ampersands print as typed.", "prices rose 60%.",
     "brief.yaml:56:58: error: figure '60' typed into prose; every figure must be a "
     "claim, referenced as {claim-id} (a name with digits goes between backticks: "
     "`Nam Theun 2`)"),
    # three identical cards printed; a source cited twice
    ("key_figures: [killed-war]", "key_figures: [killed-war, killed-war]",
     "brief.yaml:51:27: error: 'killed-war' is listed twice in 'key_figures'; name it once"),
    ("    sources: [unnamed]\nkey_figures", "    sources: [unnamed, unnamed]\nkey_figures",
     "brief.yaml:50:24: error: 'unnamed' is listed twice in 'sources'; name it once"),
    # 50,000 authors printed 219 pages
    ('handling: "For testing"', 'handling: "For testing"\n  authors: [' +
     ", ".join(f"A{n}" for n in range(201)) + "]",
     "brief.yaml:7:12: error: 'authors' has 201 items; at most 200 may be given"),
    # a list as a field's name was "unknown field 'None'"
    ("parties:", "? [a, b]\n: 1\nparties:",
     "brief.yaml:16:3: error: a field name that is a list in the brief file; expected one "
     "of: brief, sources, claims, quotes, key_points, key_figures, parties, events, "
     "sections, timeline, charts, abbreviations"),
    # "about about 30,000": the claim's qualifier prints with it
    ('"The war killed {killed-war} people."', '"The war killed about {killed-war} people."',
     "brief.yaml:49:11: error: 'about {killed-war}' prints 'about' twice: the claim is "
     "'about' already; write {killed-war} alone"),
    # not prose: a placeholder there printed raw
    ("publisher: Example Press", 'publisher: "Press {killed-war}"',
     "brief.yaml:10:16: error: publisher 'Press {killed-war}' holds '{'; a publisher prints "
     "as written, with no placeholders or `names`"),
])
def test_values_no_formatter_could_print_are_located_errors(cli, tmp_path, old, new, message):
    brief = tmp_path / "brief.yaml"
    text = (FIXTURES / "minimal.yaml").read_text("utf-8")
    assert old in text
    brief.write_text(text.replace(old, new, 1), "utf-8")
    result = cli("build", brief, "--out", tmp_path / "out", cwd=tmp_path)
    assert (result.code, result.err) == (2, message + "\n")
    assert not (tmp_path / "out").exists()


def test_an_event_ending_in_the_last_month_of_year_9999_is_a_date_like_any_other(cli, tmp_path):
    brief = tmp_path / "brief.yaml"
    brief.write_text((FIXTURES / "minimal.yaml").read_text("utf-8").replace(
        "end: 1994", "end: 9999-12"), "utf-8")
    assert cli("check", brief, cwd=tmp_path).code == 0


def test_a_brief_too_long_to_lay_out_in_bounded_time_is_refused(cli, tmp_path):
    """1,000 figures for one quantity printed 57 MB of HTML (each beside all the
    others) before layout began; a brief's lists are bounded too."""
    text = (FIXTURES / "minimal.yaml").read_text("utf-8")
    head, tail = text.split("claims:\n", 1)
    parties = "".join(f"  - {{id: p{i}, name: \"Party {chr(97 + i % 26) * (1 + i // 26)}\"}}\n"
                      for i in range(41))
    figures = "".join(f"  - {{id: q{i}, label: \"Q\", metric: killed, value: {i + 1}, "
                      f"claimed_by: p{i}, quantity: q, sources: [report]}}\n" for i in range(41))
    head = head.replace("parties:\n", "parties:\n" + parties)
    brief = tmp_path / "brief.yaml"
    brief.write_text(head + "claims:\n" + figures + tail, "utf-8")
    line = (head + "claims:\n").count("\n") + 41
    col = figures.splitlines()[-1].index("quantity: q") + len("quantity: ") + 1
    result = cli("check", brief, cwd=tmp_path)
    assert (result.code, result.err) == (2, f"brief.yaml:{line}:{col}: error: quantity 'q' "
                                            "is given by 41 claims; at most 40 figures may "
                                            "give one quantity, since each prints beside all "
                                            "the others (a table reads better)\n")
    entries = "".join("  - {date: 1980, text: \"An entry.\", sources: [report]}\n"
                      for _ in range(1001))
    brief.write_text(text.replace("timeline:\n", "timeline:\n" + entries), "utf-8")
    line = text.split("timeline:\n")[0].count("\n") + 2
    result = cli("check", brief, cwd=tmp_path)
    assert (result.code, result.err) == (2, f"brief.yaml:{line}:3: error: 'timeline' has 1002 "
                                            "items; a brief may have at most 1000 (layout "
                                            "time grows faster than a brief's length: split "
                                            "it into several briefs)\n")


def test_a_placeholder_in_the_words_of_a_quotation_is_an_error(cli, tmp_path):
    """A quotation prints as said: '{cases-ministry}' in its words printed its braces,
    with exit 0."""
    brief = tmp_path / "brief.yaml"
    text = (FIXTURES / "subjects" / "health.yaml").read_text("utf-8")
    old = 'text: "every child must be reached"'
    assert old in text
    brief.write_text(text.replace(old, 'text: "all {cases-ministry} cases by {date:2024}"'),
                     "utf-8")
    result = cli("check", brief, cwd=tmp_path)
    assert result.code == 2
    assert result.err.splitlines() == [
        f"brief.yaml:65:11: error: {{{name}}} in the words of a quotation, which print as "
        "said; give the figure or the date outside the quotation"
        for name in ("cases-ministry", "date:2024")]


def test_a_file_that_is_no_facts_file_is_never_echoed(cli, tmp_path):
    """'briefing check /etc/shadow' quoted the start of the file in its error."""
    secret = tmp_path / "secret"
    secret.write_text("root:$6$salt$hash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n")
    for command in (("check", secret), ("build", tmp_path / "brief.yaml", "--since", secret)):
        if command[0] == "build":
            (tmp_path / "brief.yaml").write_text((FIXTURES / "minimal.yaml").read_text())
        result = cli(*command, "--out" if command[0] == "build" else "--strict",
                     *([tmp_path / "out"] if command[0] == "build" else []), cwd=tmp_path)
        assert "root" not in result.err and "salt" not in result.err, result.err
        assert "secret:1:1: " in result.err
        assert "the brief file has none of the fields of a brief (brief, sources, " \
               "claims, quotes, key_points, key_figures, parties, events, sections, " \
               "timeline, charts, abbreviations); is it a facts file?" in result.err
    secret.write_text("root x 0 0 root\n")  # plain text: a YAML scalar
    assert cli("check", secret, cwd=tmp_path).err == (
        "secret:1:1: error: the brief file must be a mapping of fields, not text\n")


def test_check_finds_the_missing_glyphs_build_would_refuse(cli, tmp_path):
    brief = tmp_path / "brief.yaml"
    text = (FIXTURES / "minimal.yaml").read_text("utf-8")
    brief.write_text(text.replace('title: "A minimal brief"', 'title: "A brief ✈"'), "utf-8")
    message = ("brief.yaml:3:10: error: no glyph in the pinned fonts (Noto Serif, Noto "
               "Sans) for '✈' (U+2708 AIRPLANE); it would print as a box\n")
    for command in ("check", "build"):
        result = cli(command, brief, cwd=tmp_path)
        assert (result.code, result.err) == (2, message), command
