"""A real re-run through run_sections (a kernel per run, ~1-2 s): the analyst's commentary survives."""

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from onapage import commentary as cm
from onapage.periods import Period
from onapage.runner import OK, run_sections

TEXT = "## Commentary\n\nRe-referrals fell to 18% – the lowest since 2019; £2.1m saved (café model, résumé)."


@pytest.fixture(scope="module", autouse=True)
def python3_kernel():
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        pytest.skip("no python3 Jupyter kernel")


def test_commentary_written_in_the_executed_notebook_survives_a_real_rerun(tmp_path):
    notebooks, out = tmp_path / "notebooks", tmp_path / "outputs"
    notebooks.mkdir()
    nbformat.write(new_notebook(cells=[
        new_code_cell("period = None\nsection = None", metadata={"tags": ["parameters"]}),
        new_code_cell("print(period)"),
        new_markdown_cell("## Commentary\n\n_Analyst: commentary._", metadata={"tags": ["commentary"]}),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                 "language_info": {"name": "python"}}), str(notebooks / "tiny.ipynb"))
    period = Period(2026, 3)
    prepare = cm.Preparer(notebooks, out)

    def run():
        [result] = run_sections(["tiny"], [period], notebooks_dir=notebooks, output_root=out, workers=1,
                                reuse_kernels=False, prepare_input=prepare)
        assert result.status == OK, result.error
        return result

    result = run()
    assert result.section == "tiny" and result.output == out / "2026-03" / "notebooks" / "tiny.ipynb"
    nb = nbformat.read(str(result.output), as_version=4)
    assert "2026-03" in "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    for cell in nb.cells:  # the analyst writes in the executed notebook
        if cm.is_commentary(cell):
            cell.source = TEXT
    nbformat.write(nb, str(result.output))

    result = run()
    assert cm.harvest(result.output)["commentary"] == TEXT
    assert cm.read_file(cm.commentary_path(out, period, "tiny"))["commentary"].text == TEXT
