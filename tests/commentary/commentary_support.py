"""Helpers for the commentary tests: a tiny section template, a kernel-free 'run', edits on either side.

"Executing" a section here is copying the prepared papermill input into place as the executed notebook,
which is what papermill does to markdown cells.
"""

import shutil
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from onapage import commentary as cm
from onapage.periods import Period

JAN, FEB = Period(2026, 1), Period(2026, 2)

SERVICE = ("## Service analysis\n\n**Why does the data look the way it does?**\n\n_Analyst: explain the figures._\n\n"
           "**What are you going to do about it?**\n\n_Analyst: the actions._")
DATA_NOTE = "_Data comments: drafted from the figures each time `onapage run` runs this section._"
DIRECTOR = "### Early help, children in need of help and protection\n\n_Director: commentary on early help._"
RICH = ("## Commentary\n\nSpend was £1,250 per child – the authority’s lowest; café-style drop-ins résumé.\n\n"
        "| Measure | Value |\n|---|---:|\n| Visits | 95% |\n\nSee [the plan](https://example.org/plan?a=1&b=2).\n"
        "Trailing  spaces  \n")


def template(path: Path, charts: tuple[str, ...] = ()) -> Path:
    """A section template with three commentary cells and, after its code, a data-comments cell for each
    indicator in `charts`."""
    nb = new_notebook(cells=[
        new_markdown_cell("# Tiny section\n\nA note for analysts."),
        new_code_cell("period = None\nsection = None", metadata={"tags": ["parameters"]}),
        new_code_cell("print(1)"),
        *[new_markdown_cell(DATA_NOTE, metadata={"tags": ["commentary", "data-comments"], "onapage": {"indicator": i}})
          for i in charts],
        new_markdown_cell("## Commentary\n\n_Analyst: commentary for the month._", metadata={"tags": ["commentary"]}),
        new_markdown_cell(SERVICE, metadata={"tags": ["commentary", "service-analysis"]}),
        new_markdown_cell(DIRECTOR, metadata={"tags": ["commentary", "director"]}),
    ])
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


def run(env, period=JAN, section="tiny", drafts=None) -> Path:
    """Prepare and 'execute' (copy the input into place); returns the executed notebook."""
    notebooks, out = env
    src = cm.prepare(section, period, notebooks_dir=notebooks, output_root=out, drafts=drafts)
    executed = out / str(period) / "notebooks" / f"{section}.ipynb"
    executed.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(src, executed)
    return executed


def edit_notebook(path: Path, key: str, text: str) -> None:
    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        if cm.is_commentary(cell) and cell.metadata["onapage"]["commentary_key"] == key:
            cell.source = text
    nbformat.write(nb, str(path))


def edit_file(path: Path, key: str, text: str) -> None:
    blocks = cm.read_file(path)
    blocks[key] = cm.Block(text, blocks[key].status)
    cm.write_file(path, blocks)


def md(env, period=JAN, section="tiny") -> Path:
    return cm.commentary_path(env[1], period, section)
