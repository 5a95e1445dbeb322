"""An authority's workspace: its own folder, kept in its own repository, with the project as a dependency.

    settings.yml                    the authority's settings (`onapage.config.Settings`)
    targets.yml                     its targets and amber tolerances (named by `targets_file`)
    booklet.yml                     its products and their sections (a copy of the project's, to edit)
    indicators/<section>.yml        its own catalogue entries, laid out as the catalogue is,
    indicators/<section>/<id>.sql   each with its query beside it
    notebooks/[<pages>/]<x>.ipynb   its own pages, and any project page it overrides
    outputs/                        stores, executed pages, booklets (git-ignored)

A command run in the workspace (or anywhere with ONAPAGE_HOME naming it) needs no --params: the
workspace is found from the working folder upwards, as git finds a repository. Whatever settings file a
command uses decides the workspace in force (a `settings.yml` is its folder's workspace), so a notebook's
kernel, given only the settings file, sees the same catalogue, booklet and pages as the command.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SETTINGS_NAME = "settings.yml"
PAGES_FOLDER = "notebooks"  # the workspace's page templates (not executed pages: those are outputs)
HOME_VARIABLE = "ONAPAGE_HOME"


class WorkspaceError(Exception):
    """ONAPAGE_HOME names a folder that is not a workspace."""


@dataclass(frozen=True)
class Workspace:
    root: Path

    @property
    def settings_file(self) -> Path:
        return self.root / SETTINGS_NAME

    @property
    def indicators_dir(self) -> Path:
        return self.root / "indicators"

    @property
    def notebooks_dir(self) -> Path:
        return self.root / PAGES_FOLDER

    def own(self, name: str) -> Path | None:
        """The workspace's own copy of a project file (booklet.yml, improvement_plan.yml), if it has one."""
        path = self.root / name
        return path if path.exists() else None


def find(cwd: Path | None = None, env: dict | None = None) -> Workspace | None:
    """The workspace named by ONAPAGE_HOME, else the nearest folder from `cwd` upwards holding settings.yml."""
    env = os.environ if env is None else env
    if env.get(HOME_VARIABLE):
        root = Path(env[HOME_VARIABLE]).expanduser().resolve()
        if not (root / SETTINGS_NAME).is_file():
            raise WorkspaceError(f"{HOME_VARIABLE}={env[HOME_VARIABLE]}: no {SETTINGS_NAME} there; it should name "
                                 "an authority's workspace (made by `onapage init`)")
        return Workspace(root)
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / SETTINGS_NAME).is_file():
            return Workspace(folder)
    return None


def of_settings(settings_file: Path | str | None) -> Workspace | None:
    """The workspace a settings file belongs to: a `settings.yml` is its folder's; any other file, none."""
    if settings_file is None:
        return None
    path = Path(settings_file).expanduser().resolve()
    return Workspace(path.parent) if path.name == SETTINGS_NAME else None


def _from_environment() -> Workspace | None:
    """A process started by a command in a workspace (a notebook's kernel, the lab's server) inherits it."""
    try:
        return find(env=os.environ) if os.environ.get(HOME_VARIABLE) else None
    except WorkspaceError:
        return None


_active: Workspace | None = _from_environment()


def active() -> Workspace | None:
    """The workspace in force: its catalogue entries, booklet and pages join the project's."""
    return _active


def activate(workspace: Workspace | None) -> None:
    """Put `workspace` in force (None: the project's own files alone), for this process and the kernels it
    starts."""
    global _active
    if workspace == _active:
        return
    _active = workspace
    if workspace is None:
        os.environ.pop(HOME_VARIABLE, None)
    else:
        os.environ[HOME_VARIABLE] = str(workspace.root)
    _forget_what_was_read()


def activate_for(settings_file: Path | str | None, *, afresh: bool = False) -> Workspace | None:
    """Put in force the workspace of the settings file a command or a page reads; returns it. `afresh`: its
    files are read again even when it was already in force (a command starting: they may have changed)."""
    workspace = of_settings(settings_file)
    activate(workspace)
    if afresh:
        _forget_what_was_read()
    return workspace


@contextmanager
def using(workspace: Workspace | None) -> Iterator[Workspace | None]:
    """`workspace` in force for a block, the one before restored after."""
    before = _active
    activate(workspace)
    try:
        yield workspace
    finally:
        activate(before)


_forgetters: list[Callable[[], None]] = []


def when_changed(forget: Callable[[], None]) -> None:
    """`forget()` is called whenever another workspace comes into force (or one is read afresh): a module
    that keeps what it read from the workspace registers here, so this module imports none of them."""
    _forgetters.append(forget)


def _forget_what_was_read() -> None:
    """Files read for one workspace are read again for another."""
    for forget in _forgetters:
        forget()


# --- commands printed as hints --------------------------------------------------------------------

_named_settings: Path | None = None


def name_settings(settings_file: Path | None) -> None:
    """The settings file a command was given with --params when the tool would not find it by itself: every
    command it prints as a hint names it too, so the hint works as printed."""
    global _named_settings
    _named_settings = Path(settings_file).resolve() if settings_file is not None else None


def command(text: str) -> str:
    """`onapage <text>`, with the --params the running command was given when it is needed again."""
    return f"onapage {text}" + (f" --params {_named_settings}" if _named_settings else "")
