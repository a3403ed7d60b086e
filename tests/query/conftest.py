"""Fixtures of the SPARQL tests: Debian's Apache Jena, required when CI is set."""

from __future__ import annotations

import shutil

import pytest

from helpers import required_in_ci
from jena_tools import jena_classpath, jena_installed


@pytest.fixture(scope="session")
def jena(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The classpath that runs Jena's tools; skipped with a reason without Jena, a failure when CI is set."""
    installed = jena_installed() and shutil.which("java") is not None
    required_in_ci(True if installed else None, "Apache Jena (or Java) is missing",
                   "apt-get install libapache-jena-java default-jre-headless; .ci/run installs them")
    return jena_classpath(tmp_path_factory.mktemp("jena"))
