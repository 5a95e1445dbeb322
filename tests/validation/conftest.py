"""Small input folders built by hand in each test's tmp_path."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest


class Folder:
    def __init__(self, path: Path):
        self.path = path

    def csv(self, name: str, header: list[str] | None, rows: list[list], encoding: str = "utf-8") -> Path:
        path = self.path / name
        with path.open("w", newline="", encoding=encoding) as handle:
            writer = csv.writer(handle)
            if header is not None:
                writer.writerow(header)
            writer.writerows(rows)
        return path

    def workbook(self, name: str, sheets: dict[str, list[list]], write_only: bool = False) -> Path:
        book = openpyxl.Workbook(write_only=write_only)
        if not write_only:
            book.remove(book.active)
        for title, rows in sheets.items():
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
        path = self.path / name
        book.save(path)
        return path


@pytest.fixture
def folder(tmp_path) -> Folder:
    return Folder(tmp_path)
