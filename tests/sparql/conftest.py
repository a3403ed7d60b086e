"""Fixtures of the SPARQL tests: Debian's Apache Jena, required when CI is set."""

from __future__ import annotations

import os
import shutil

import pytest

from jena import jena_classpath, jena_installed


@pytest.fixture(scope="session")
def jena(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The classpath that runs Jena's tools; skipped with a reason without Jena, a failure when CI is set."""
    if jena_installed() and shutil.which("java"):
        return jena_classpath(tmp_path_factory.mktemp("jena"))
    if os.environ.get("CI"):
        pytest.fail("CI is set but Jena is missing: .ci/run must install the Debian package 'libapache-jena-java'")
    pytest.skip("Apache Jena not installed (apt-get install libapache-jena-java)")
