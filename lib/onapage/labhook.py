"""What JupyterLab does when an analyst saves a section notebook: `onapage lab` sets `post_save` as the
server's `FileContentsManager.post_save_hook`.

Saving `<output_dir>/<period>/notebooks/<section>.ipynb` merges its commentary cells into
`<output_dir>/<period>/commentary/<section>.md` under the same rules as a run (`onapage.commentary.merge`):
the notebook wins over a text file changed since, whose version is kept beside it as a conflict copy. The
notebook itself is always saved first. Anything the analyst must know (a conflict, a commentary cell the
notebook has lost, a file that could not be written) is raised, so JupyterLab shows it in its "File Save
Error" dialog, which names the notebook: the words are saved all the same. JupyterLab keeps the tab marked
unsaved; saving again asks whether to overwrite the file "changed on disk" (it holds the same words), and
either answer clears the mark.

Other files (and notebooks elsewhere) are left alone.
"""

from __future__ import annotations

import logging
from pathlib import Path

from onapage import commentary
from onapage.layout import BadSectionName, section_name
from onapage.periods import Period

log = logging.getLogger(__name__)


class SavedWithWarning(Exception):
    """The notebook was saved and its commentary written; this says what the analyst should look at."""


def _template(section: str) -> Path:
    from onapage.registry import product_pages

    return product_pages().template(section)


def section_of(os_path: Path) -> tuple[str, Period] | None:
    """(section, period) of an executed section notebook's path; None for any other file."""
    path = Path(os_path)
    if path.suffix != ".ipynb" or path.parent.name != "notebooks":
        return None
    try:
        return section_name(path.stem), Period.parse(path.parent.parent.name)
    except (BadSectionName, ValueError):
        return None


def save_commentary(os_path: Path, template: Path | None = None) -> commentary.Prepared | None:
    """Merge the saved notebook's commentary into its text file; None when the file is no section notebook."""
    found = section_of(os_path)
    if found is None:
        return None
    section, period = found
    template = Path(template or _template(section))
    if not template.exists():
        return None
    output_root = Path(os_path).resolve().parent.parent.parent
    return commentary.merge(section, period, commentary.read_template(template), output_root=output_root,
                            executed=Path(os_path), drafted=None)


def post_save(model=None, os_path=None, contents_manager=None, **_):
    """jupyter_server's post-save hook (all arguments by keyword)."""
    if not os_path or (model and model.get("type") != "notebook"):
        return
    prepared = save_commentary(Path(os_path))
    if prepared is None:
        return
    notes = []
    if prepared.conflict is not None:
        notes.append(f"the commentary file was also changed since the last run; the notebook's words are kept "
                     f"and the file's version is saved as {prepared.conflict.name}, to compare")
    if prepared.missing:
        notes.append(f"this notebook has lost its commentary cell(s) {', '.join(prepared.missing)}; their words "
                     "are kept in the commentary file and the cells come back at the next `onapage run`")
    if notes:
        raise SavedWithWarning(f"nothing is lost. The notebook is saved and its commentary written to "
                               f"commentary/{Path(os_path).stem}.md, but " + "; ".join(notes)
                               + ". To clear the unsaved mark, save again and choose Overwrite (the notebook "
                               "on disk holds the same words).")
