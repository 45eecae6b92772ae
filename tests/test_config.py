"""A project's briefing.toml: found from any folder below it, every error located at
once, its defaults used by the build and its frame shared by every brief."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES

from briefing.config import Settings, load_settings
from briefing.diagnostics import Collector
from briefing.project import Project


def errors_of(path: Path, text: str) -> list[str]:
    path.write_text(text, "utf-8")
    problems = Collector()
    load_settings(path, problems)
    return [f"{d.location.line}: {d.message}" for d in problems.diagnostics]


def test_every_error_of_the_file_at_once_at_its_line(tmp_path):
    assert errors_of(tmp_path / "briefing.toml", (
        '[paths]\nfacts = "../elsewhere"\nout = "/tmp/out"\nfonts = "x"\n'
        '[build]\npaper = "a5"\ntwo_sided = "yes"\nlocales = ["en", "Vietnamese"]\n'
        '[frame]\ncontact = 3\n[theme]\n')) == [
        "2: 'paths.facts' must stay inside the project's folder (no '..')",
        "3: 'paths.out' must be relative to the project's folder",
        "4: unknown key 'paths.fonts'; expected one of facts, locales, templates, out",
        "6: 'build.paper' must be one of 'a4', 'letter'",
        "7: 'build.two_sided' must be true or false",
        "8: 'build.locales' must be a list of locale codes, such as [\"en\", \"vi\"]",
        "10: 'frame.contact' must be text",
        "11: unknown table [theme]; briefing.toml has [paths], [build], [frame]"]


def test_invalid_toml_is_located(tmp_path):
    assert errors_of(tmp_path / "briefing.toml", '[build]\npaper = "a4\n') == [
        "2: invalid TOML: Illegal character '\\n'"]


def test_an_empty_file_is_the_defaults(tmp_path):
    (tmp_path / "briefing.toml").write_text("# nothing yet\n", "utf-8")
    assert load_settings(tmp_path / "briefing.toml", Collector()) == Settings()


def test_the_project_is_found_from_a_folder_below_it(tmp_path, monkeypatch):
    (tmp_path / "briefing.toml").write_text('[paths]\nfacts = "briefs"\nout = "pdf"\n')
    below = tmp_path / "briefs" / "drafts"
    below.mkdir(parents=True)
    monkeypatch.chdir(below)
    project = Project.find()
    assert project.root == tmp_path.resolve()
    assert project.facts_dir == tmp_path.resolve() / "briefs"
    assert project.out == Path("../../pdf")
    assert project.default_facts() == [Path("..")]
    # Without a briefing.toml anywhere above, the folder itself, with the defaults.
    alone = tmp_path.parent / f"{tmp_path.name}-alone"
    alone.mkdir()
    assert Project.find(start=alone) == Project(alone.resolve(), Path("dist"))


def test_a_bad_project_file_stops_every_command_with_exit_2(cli, tmp_path):
    (tmp_path / "briefing.toml").write_text('[build]\npaper = "a5"\n')
    for command in (("build",), ("check",), ("info",), ("extract",)):
        result = cli(*command, cwd=tmp_path)
        assert result.code == 2
        assert result.err == ("briefing.toml:2:1: error: 'build.paper' must be one of "
                              "'a4', 'letter'\n")


def test_the_project_gives_defaults_frame_and_locales(cli, tmp_path):
    (tmp_path / "facts").mkdir()
    text = (FIXTURES / "minimal.yaml").read_text("utf-8")
    (tmp_path / "facts" / "minimal.yaml").write_text(
        text.replace("  locales: [en]\n", ""), "utf-8")
    (tmp_path / "briefing.toml").write_text(
        '[paths]\nout = "printed"\n\n[build]\nlocales = ["en", "vi"]\npaper = "letter"\n\n'
        '[frame]\ninstitution = "Example Institute"\ncontact = "desk@example.org"\n')
    result = cli("build", "--format", "html", cwd=tmp_path)
    assert result.code == 0, result.err
    html = (tmp_path / "printed" / "minimal.en.html").read_text("utf-8")
    assert "Example Institute" in html and "desk@example.org" in html
    assert "size: letter" in html
    assert (tmp_path / "printed" / "minimal.vi.html").is_file()
    # A figure typed into the shared frame is refused where it is written.
    (tmp_path / "briefing.toml").write_text('[build]\nlocales = ["en"]\n'
                                            '[frame]\ndisclaimer = "Read 3 times"\n')
    result = cli("check", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("briefing.toml:4:")
    assert "figure '3' typed into prose" in result.err
