"""Reading the inputs: find the Annex A lists and extracts, match headings, type values.

from onapage.inputs import read_inputs
inputs = read_inputs(Path("input"))   # InputSet: frames, sources, findings
"""

from onapage.inputs.model import InputSet, Source
from onapage.inputs.reader import read_inputs

__all__ = ["InputSet", "Source", "read_inputs"]
