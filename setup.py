"""The package carries the project's own params/ and notebooks/ (the demo's settings, the stock booklet, its
targets and pages) as onapage/_project/, so an authority's workspace can depend on an installed onapage."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).parent
PROJECT_FILES = ("params", "notebooks")


class WithProjectFiles(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "onapage" / "_project"
        for folder in PROJECT_FILES:
            shutil.copytree(HERE / folder, target / folder, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.executed.ipynb"))


setup(cmdclass={"build_py": WithProjectFiles})
