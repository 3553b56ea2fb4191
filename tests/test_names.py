"""Finding a factor by the name a person types (kg.names)."""

from __future__ import annotations

import pytest

from kg import AmbiguousFactor, FactorName, KgError, UnknownFactor, factor_names, resolve_factor
from kg.errors import EXIT_ERROR
from kg.names import normalise_name, suggest_factors

BASE = "https://w3id.org/briefkg/factor/"
FACTORS = [
    FactorName(
        BASE + "return-migration", "Return migration", ("reverse urbanisation", "returnee flows")
    ),
    FactorName(
        BASE + "rural-urban-migration", "Rural-to-urban migration", ("village-to-city migration",)
    ),
    FactorName(BASE + "coastal-costs", "Rising coastal costs", ("coastal push factors",)),
    FactorName(BASE + "gfc", "2008 global financial crisis", ("GFC",)),
]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("return-migration", "return-migration"),  # id
        ("Return migration", "return-migration"),  # label
        ("reverse urbanisation", "return-migration"),  # alternative label
        (BASE + "return-migration", "return-migration"),  # IRI
        (f"<{BASE}return-migration>", "return-migration"),  # IRI in angle brackets
        ("factor:return-migration", "return-migration"),  # prefixed name
        ("FACTOR:Return-Migration", "return-migration"),
        ("RETURN MIGRATION", "return-migration"),  # case
        ("return_migration", "return-migration"),  # underscore
        ("  return   migration  ", "return-migration"),  # extra spaces
        ("Reverse-Urbanisation", "return-migration"),  # hyphen for space in an alt label
        ("rural to urban migration", "rural-urban-migration"),  # space for hyphens in a label
        ("Rural-To-Urban-Migration", "rural-urban-migration"),
        ("rural urban migration", "rural-urban-migration"),  # the id, spaced
        ("gfc", "gfc"),  # id and alt label of the same factor: not ambiguous
        ("2008 Global Financial Crisis", "gfc"),
    ],
)
def test_resolve_factor_by_every_name(name, expected):
    assert resolve_factor(name, FACTORS).id == expected


@pytest.mark.parametrize("name", ["return", "migration", "coastal", "factor:", "", BASE])
def test_partial_names_do_not_match(name):
    with pytest.raises(UnknownFactor):
        resolve_factor(name, FACTORS)


def test_unknown_factor_suggests_the_closest_names():
    with pytest.raises(UnknownFactor) as info:
        resolve_factor("return migraton", FACTORS)
    error = info.value
    assert error.suggestions[0] == "Return migration"
    assert len(error.suggestions) <= 3
    assert len(set(error.suggestions)) == len(error.suggestions)
    assert "did you mean 'Return migration'" in str(error)
    assert isinstance(error, KgError) and error.exit_code == EXIT_ERROR


def test_suggestions_come_from_alt_labels_too_but_name_the_label():
    assert suggest_factors("reverse urbanization", FACTORS)[0] == "Return migration"


def test_unknown_factor_without_a_close_name_points_to_the_factor_list():
    with pytest.raises(UnknownFactor) as info:
        resolve_factor("zzzz qqqq", FACTORS)
    assert info.value.suggestions == []
    assert "kg query factors" in str(info.value)


def test_ambiguous_factor_lists_candidates():
    factors = FACTORS + [FactorName(BASE + "other", "Coastal costs", ())]
    # `coastal-costs` is the id of one factor and, normalised, the label of another.
    with pytest.raises(AmbiguousFactor) as info:
        resolve_factor("coastal costs", factors)
    error = info.value
    assert error.candidates == ["Coastal costs (other)", "Rising coastal costs (coastal-costs)"]
    assert "names several factors" in str(error)
    assert error.exit_code == EXIT_ERROR
    # The full IRI still picks one.
    assert resolve_factor(BASE + "coastal-costs", factors).label == "Rising coastal costs"


def test_normalise_name():
    assert normalise_name(" Rural-to-urban\tMigration_x ") == "rural to urban migration x"


def test_factor_names_from_a_built_graph(write_data):
    import kg

    dataset = kg.build_dataset(write_data()).dataset
    names = {f.id: f for f in factor_names(dataset)}
    assert set(names) == {"input-costs", "relocation", "local-growth", "homecoming"}
    assert names["input-costs"].label == "Input costs"
    assert names["input-costs"].alt_labels == ("production costs",)
    assert names["local-growth"].alt_labels == ()
    assert resolve_factor("firm relocation", names.values()).id == "relocation"


def test_an_exact_id_wins_over_another_factors_label():
    factors = [
        FactorName(BASE + "local-growth", "Local growth"),
        FactorName(BASE + "homecoming", "Homecoming", ("local growth",)),
    ]
    assert resolve_factor("local-growth", factors).id == "local-growth"
    with pytest.raises(AmbiguousFactor):
        resolve_factor("Local Growth", factors)
