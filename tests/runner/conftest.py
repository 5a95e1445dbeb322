"""Tiny fixture notebooks (fixtures/*.ipynb) executed for real: each execution starts a kernel (~1 s)."""

import pytest


@pytest.fixture(scope="session", autouse=True)
def python3_kernel():
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        pytest.skip("no python3 Jupyter kernel: `.venv/bin/python -m ipykernel install --sys-prefix --name python3`")
