"""What editors read about the data files is current: schemas/*.json, each data file's pointer to its
schema, and the table of keys in CONTRIBUTING.md, all generated from sitebuild/schema.py."""

from __future__ import annotations

import json

from conftest import ROOT
from scripts import schemas
from sitebuild.schema import SCHEMAS


def test_the_schemas_the_pointers_and_the_table_of_keys_are_current():
    assert schemas.stale() == [], "run `make schemas`"


def test_each_data_file_opens_with_a_pointer_to_its_schema_and_the_schema_exists():
    for name in SCHEMAS:
        first = (ROOT / "data" / name).read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith("# yaml-language-server: $schema=../schemas/"), name
        target = (ROOT / "data" / first.split("=", 1)[1]).resolve()
        assert json.loads(target.read_text(encoding="utf-8"))["title"] == SCHEMAS[name].__name__


def test_a_pointer_is_added_once_and_an_old_one_replaced():
    fresh = schemas.with_pointer("title: x\n", "house.yml")
    assert fresh == "# yaml-language-server: $schema=../schemas/house.json\ntitle: x\n"
    assert schemas.with_pointer(fresh, "house.yml") == fresh
    moved = fresh.replace("house.json", "old.json")
    assert schemas.with_pointer(moved, "house.yml") == fresh


def test_the_table_names_every_key_of_every_data_file_and_whether_it_is_required():
    table = schemas.keys_table()
    for name, model in SCHEMAS.items():
        section = table.split(f"**data/{name}**", 1)[1].split("**data/", 1)[0]
        for key, field in model.model_fields.items():
            wanted = "required" if field.is_required() else "optional"
            assert f"| `{key}` | {wanted} |" in section, (name, key)
