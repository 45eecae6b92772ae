"""facts/schema.py: the JSON Schema editors use, from the same dispatcher as the loader."""

from __future__ import annotations

import yaml
from jsonschema import Draft202012Validator

from briefing.facts.schema import json_schema
from conftest import FIXTURES, FLAGSHIP

SCHEMA = json_schema()


class AsEditorsRead(yaml.SafeLoader):
    """YAML as an editor's schema check sees it: a date is text, not a timestamp."""


AsEditorsRead.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def test_every_field_has_a_description():
    for name, definition in SCHEMA["$defs"].items():
        for field, prop in definition.get("properties", {}).items():
            assert prop.get("description"), f"{name}.{field} has no description"


def test_the_schema_names_the_chart_kinds_qualifiers_and_relations():
    claim = SCHEMA["$defs"]["Claim"]["properties"]
    assert claim["qualifier"]["enum"] == ["exact", "about", "nearly", "at_least",
                                          "more_than", "up_to", "at_most", "less_than"]
    assert "alternative" in claim["quantity"]["description"]
    assert "same claimant" in claim["revises"]["description"]
    kind = SCHEMA["$defs"]["Chart"]["properties"]["kind"]
    assert "casualties" in kind["enum"]
    assert " casualties: killed or wounded, counts of people (no unit); one row per claim." \
        in kind["description"]


def test_good_briefs_validate_and_a_misspelt_field_does_not():
    validator = Draft202012Validator(SCHEMA)
    for path in [FLAGSHIP, *sorted((FIXTURES / "subjects").glob("*.yaml"))]:
        errors = list(validator.iter_errors(yaml.load(path.read_text("utf-8"), AsEditorsRead)))
        assert errors == [], f"{path.name}: {errors[0].message if errors else ''}"
    bad = yaml.load((FIXTURES / "minimal.yaml").read_text("utf-8"), AsEditorsRead)
    bad["claims"][0]["qualifer"] = "about"
    assert not validator.is_valid(bad)
