import pytest
from commentary_support import template


@pytest.fixture
def env(tmp_path):
    """A notebooks folder with two tiny section templates, and an output root."""
    notebooks, out = tmp_path / "notebooks", tmp_path / "outputs"
    template(notebooks / "tiny.ipynb")
    template(notebooks / "other.ipynb")
    return notebooks, out
