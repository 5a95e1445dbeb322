"""discover_sections: the configured order, extras after, and unknown --sections named with the choices."""

import pytest

from onapage.runner import UnknownSections, discover_sections, output_path


@pytest.fixture
def notebooks(tmp_path):
    for name in ("front_door", "cover", "zeta", "adoption", "_template", ".scratch", "cover.failed",
                 "adoption.executed"):
        (tmp_path / f"{name}.ipynb").write_text("{}")
    (tmp_path / "notes.md").write_text("")
    return tmp_path


def test_sections_follow_the_configured_order_then_the_rest_alphabetically(notebooks):
    order = ["cover", "scorecard", "front_door", "adoption"]
    assert discover_sections(notebooks, order) == ["cover", "front_door", "adoption", "zeta"]
    assert discover_sections(notebooks) == ["adoption", "cover", "front_door", "zeta"]


def test_only_keeps_the_named_sections_in_booklet_order(notebooks):
    order = ["cover", "front_door", "adoption"]
    assert discover_sections(notebooks, order, only=["adoption", "cover"]) == ["cover", "adoption"]
    assert discover_sections(notebooks, order, only=["adoption,front_door"]) == ["front_door", "adoption"]


def test_an_unknown_section_is_an_error_listing_the_available_ones(notebooks):
    with pytest.raises(UnknownSections) as caught:
        discover_sections(notebooks, ["cover"], only=["cover", "front-door", "youth"])
    message = str(caught.value)
    assert "front-door, youth" in message
    assert "available: cover, adoption, front_door, zeta" in message


def test_a_missing_notebooks_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="notebooks folder not found"):
        discover_sections(tmp_path / "nope")


def test_a_run_takes_its_sections_in_the_products_order_from_params_booklet_yml():
    from onapage.config import load_booklet, load_settings
    from onapage.run import Run

    run = Run(load_settings(), "params/demo.yml")
    assert run.sections()[:3] == ["cover", "scorecard", "front_door"]
    assert run.sections() == list(load_booklet().product(run.product).sections)
    assert Run(load_settings(), "params/demo.yml", only=["uasc,cover"]).sections() == ["cover", "uasc"]


def test_output_paths(tmp_path):
    assert output_path(tmp_path, "2026-10", "cover") == tmp_path / "2026-10" / "notebooks" / "cover.ipynb"
