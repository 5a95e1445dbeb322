"""Executed notebooks signed as trusted by this user, so JupyterLab shows their pages as the run made them.

A notebook whose outputs JupyterLab does not trust is shown sanitised: its charts' SVG and its tables'
styles are dropped. The notebooks a run writes are this user's own, so the runner signs each one as it is
written, and `onapage lab` signs the month's folder again on starting. The signature goes into the same
database with the same secret JupyterLab checks against: nbformat's `NotebookNotary` defaults, under the
Jupyter data folder (`jupyter --data-dir`, `$JUPYTER_DATA_DIR`: `nbsignatures.db` and `notebook_secret`).
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)


def kernelspec_as_installed(nb) -> bool:
    """Give the notebook the kernel spec's own display name, as JupyterLab would on opening it (which would
    mark it unsaved at once); True when it changed."""
    spec = nb.metadata.get("kernelspec") or {}
    if not spec.get("name"):
        return False
    try:
        from jupyter_client.kernelspec import KernelSpecManager

        installed = KernelSpecManager().get_kernel_spec(spec["name"])
    except Exception:  # noqa: BLE001 - a kernel not installed here: JupyterLab will ask which to use
        return False
    wanted = {**spec, "display_name": installed.display_name, "language": installed.language}
    if wanted == spec:
        return False
    nb.metadata["kernelspec"] = wanted
    return True


PARAMETER_TAGS = {"parameters", "injected-parameters"}


def hide_parameters(nb) -> bool:
    """Collapse the parameter cells' code (the one papermill injects too), as the page's other code cells are;
    True when any changed."""
    changed = False
    for cell in nb.cells:
        if cell.cell_type == "code" and PARAMETER_TAGS & set(cell.metadata.get("tags", [])):
            jupyter = cell.metadata.setdefault("jupyter", {})
            changed |= not jupyter.get("source_hidden")
            jupyter["source_hidden"] = True
    return changed


def sign_notebook(path: Path, notary=None) -> bool:
    """Sign the notebook at `path` as trusted, its kernel spec made the installed one's first (so JupyterLab
    opens it unchanged, not marked unsaved) and its parameter cells collapsed; False (logged) when it cannot be
    read or signed."""
    import nbformat
    from nbformat.sign import NotebookNotary

    from onapage.atomic import write_atomically

    try:
        notary = notary or NotebookNotary()
        nb = nbformat.read(str(path), as_version=4)
        if kernelspec_as_installed(nb) | hide_parameters(nb):
            def _write(tmp: Path) -> None:
                with open(tmp, "w", encoding="utf-8") as fh:
                    nbformat.write(nb, fh)

            write_atomically(Path(path), _write)
        notary.sign(nb)
        return True
    except Exception as exc:  # noqa: BLE001 - an unsigned notebook still opens, only less styled
        log.warning("%s: could not be signed as trusted (%s); JupyterLab will show it without styles", path, exc)
        return False


def trust_notebooks(folder: Path, notary=None) -> int:
    """Sign every notebook in `folder` as trusted; returns how many were signed."""
    from nbformat.sign import NotebookNotary

    notary = notary or NotebookNotary()
    return sum(sign_notebook(path, notary) for path in sorted(Path(folder).glob("*.ipynb")))
