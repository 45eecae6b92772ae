"""The command line as release pipelines use it: outputs, exit codes, no tracebacks."""

from __future__ import annotations

import json

import jsonschema
import yaml

import pytest

from conftest import FIXTURES, FLAGSHIP, run_process


class _FactsLoader(yaml.SafeLoader):
    """YAML as an editor's schema checker sees it: dates stay text."""


_FactsLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def test_schema_is_json_schema_that_accepts_the_flagship_and_rejects_typos(cli):
    result = cli("schema")
    assert result.code == 0
    schema = json.loads(result.out)
    jsonschema.Draft202012Validator.check_schema(schema)
    facts = yaml.load(FLAGSHIP.read_text("utf-8"), Loader=_FactsLoader)
    jsonschema.validate(facts, schema)
    facts["claims"][0]["sorces"] = facts["claims"][0].pop("sources")
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(facts))
    assert errors


def test_check_of_the_flagship_passes(cli):
    result = cli("check", FLAGSHIP)
    assert result.code == 0, result.err


def test_build_writes_one_file_per_locale_and_a_summary_line(cli, tmp_path):
    result = cli("build", FIXTURES / "minimal.yaml", "--out", tmp_path, "--format", "html")
    assert result.code == 0, result.err
    assert [p.name for p in tmp_path.iterdir()] == ["minimal.en.html"]
    assert result.out.startswith(f"{tmp_path / 'minimal.en.html'}: ")
    html = (tmp_path / "minimal.en.html").read_text("utf-8")
    assert "&lt;b&gt;tags&lt;/b&gt; &amp; ampersands" in html


def test_a_locale_the_brief_does_not_list_is_bad_input(cli, tmp_path):
    result = cli("build", FIXTURES / "minimal.yaml", "--locale", "vi", "--out", tmp_path)
    assert result.code == 2
    assert "--locale vi: brief 'minimal' does not list this locale (it lists en)" in result.err
    assert list(tmp_path.iterdir()) == []


def test_a_locale_without_catalogs_is_located_in_the_facts(cli, tmp_path):
    brief = tmp_path / "brief.yaml"
    brief.write_text((FIXTURES / "minimal.yaml").read_text().replace(
        "locales: [en]", "locales: [en, xx]"))
    result = cli("check", brief, cwd=tmp_path)
    assert result.code == 2
    assert result.err == ("brief.yaml:5:17: error: brief lists locale 'xx', which CLDR "
                          "does not know; give a language code such as fr, or one with a "
                          "region, such as pt_BR\n")


def test_bad_options_exit_2_without_traceback():
    result = run_process("build", "--paper", "a5", FIXTURES / "minimal.yaml")
    assert result.code == 2
    assert "invalid choice: 'a5'" in result.err and "Traceback" not in result.err


def test_bad_facts_exit_2_as_a_process():
    result = run_process("check", FIXTURES / "bad" / "types.yaml")
    assert result.code == 2
    assert "Traceback" not in result.err
    assert len(result.err.splitlines()) == 10


def test_two_facts_files_with_one_brief_id_are_refused_by_build_too(cli, tmp_path):
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text((FIXTURES / "minimal.yaml").read_text("utf-8"), "utf-8")
    result = cli("build", tmp_path / "a.yaml", tmp_path / "b.yaml", "--out",
                 tmp_path / "out", cwd=tmp_path)
    assert result.code == 2
    assert result.err == ("b.yaml:2:7: error: brief id 'minimal' is also declared by "
                          "a.yaml:2:7; each brief needs an id of its own, since its PDFs "
                          "are named after it\n")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args, message", [
    (("--jobs", "-1"), "argument --jobs: '-1' is not a number of jobs; give 1 or more, "
                       "or 0 for one per core"),
    (("--out", ""), "argument --out: an empty name; give the folder to write in"),
])
def test_options_that_mean_nothing_are_refused(tmp_path, args, message):
    result = run_process("build", FIXTURES / "minimal.yaml", *args, cwd=tmp_path)
    assert result.code == 2
    assert result.err.splitlines()[-1] == f"briefing build: error: {message}"
    assert list(tmp_path.iterdir()) == []


def test_a_file_named_twice_is_one_file(cli, tmp_path):
    facts = FIXTURES / "minimal.yaml"
    result = cli("check", facts, facts, FIXTURES / "." / "minimal.yaml", cwd=tmp_path)
    assert (result.code, result.err) == (0, "")
