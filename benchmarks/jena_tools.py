"""Apache Jena from Debian (`libapache-jena-java`): its strict SPARQL 1.1 parser, ARQ engine and TDB2 store.

One definition of how Jena is run, used by the tests (``tests/query/``) and ``benchmarks/engines.py``.

Each call starts one JVM (about 0.4 s for `arq.qparse`, 1.4 s for `arq.sparql` over the curated graph),
tuned for start-up rather than long runs. The classpath names Jena's jars and the jars of the Debian
packages it depends on (not all of /usr/share/java, whose slf4j bindings clash), plus a small jar of
message bundles built here: Debian's 4.5.0-2 moves Jena's shaded Xerces classes to the package `xerces`
but leaves their message bundles under `org/apache/jena/ext/xerces`, so Jena fails at start-up
("Couldn't load messages: Can't find bundle for base name xerces.impl.xpath.regex.message").
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

JAVA_DIR = Path("/usr/share/java")
JENA_CORE = JAVA_DIR / "jena-core.jar"
DEPENDENCIES = ("commons-cli", "commons-codec", "commons-compress", "commons-csv", "commons-io", "commons-lang3",
                "dexx.collection", "gson", "guava", "httpclient", "httpcore", "jackson-core", "jackson-databind",
                "jackson-annotations", "jsonld-java", "jakarta.json-api", "protobuf", "thrift", "titanium-json-ld",
                "slf4j-api", "slf4j-nop")
"""The jars of the Debian packages libapache-jena-java depends on, with slf4j's silent binding."""
JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m")
"""Quick start-up (the client compiler only) for one short query per JVM."""
SHADED_BUNDLES = "org/apache/jena/ext/"


def jena_installed() -> bool:
    """Whether Debian's Jena jars are where the package puts them."""
    return JENA_CORE.is_file() and (JAVA_DIR / "jena-arq.jar").is_file() and (JAVA_DIR / "jena-cmds.jar").is_file()


def message_bundles_jar(work_dir: Path) -> Path:
    """A jar holding Jena's shaded Xerces message bundles under the package its Debian build moved them to."""
    jar = work_dir / "jena-xerces-messages.jar"
    with zipfile.ZipFile(JENA_CORE) as core, zipfile.ZipFile(jar, "w") as out:
        for name in core.namelist():
            if name.startswith(SHADED_BUNDLES + "xerces/") and name.endswith(".properties"):
                out.writestr(name.removeprefix(SHADED_BUNDLES), core.read(name))
    return jar


def jena_classpath(work_dir: Path) -> str:
    """The classpath that runs Jena's command-line tools (arq.qparse, arq.sparql)."""
    jars = [message_bundles_jar(work_dir), *sorted(JAVA_DIR.glob("jena-*.jar"))]
    jars += [JAVA_DIR / f"{name}.jar" for name in DEPENDENCIES if (JAVA_DIR / f"{name}.jar").is_file()]
    return ":".join(str(jar) for jar in jars)


def run_jena(classpath: str, tool: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run one of Jena's command-line tools (e.g. ``arq.qparse``) in its own JVM; never raises on failure."""
    command = ["java", *JVM_OPTIONS, "-cp", classpath, tool, *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)


def parse_strictly(classpath: str, query_file: Path) -> str | None:
    """Jena's message when ``query_file`` is not strict SPARQL 1.1 (no ARQ extensions), else None."""
    result = run_jena(classpath, "arq.qparse", "--syntax=SPARQL_11", "--query", str(query_file))
    return None if result.returncode == 0 else (result.stderr or result.stdout).strip()


def select_json(classpath: str, data_file: Path, query_file: Path) -> str:
    """ARQ's answer to ``query_file`` over ``data_file`` as W3C SPARQL JSON results (raises on failure)."""
    result = run_jena(classpath, "arq.sparql", "--syntax=SPARQL_11", "--data", str(data_file),
                      "--query", str(query_file), "--results", "json")
    if result.returncode != 0:
        raise RuntimeError(f"arq.sparql failed on {query_file.name}: {(result.stderr or result.stdout).strip()}")
    return result.stdout


def jena_version() -> str:
    """The version of Debian's Jena ARQ jar (from its file name, e.g. ``4.5.0``)."""
    versioned = sorted(JAVA_DIR.glob("jena-arq-*.jar"))
    return versioned[-1].stem.removeprefix("jena-arq-") if versioned else "unknown"


def tdb2_load(classpath: str, location: Path, data_file: Path) -> None:
    """Load ``data_file`` into a TDB2 database at ``location`` with ``tdb2.tdbloader`` (raises on failure)."""
    command = ["java", *JVM_OPTIONS, "-cp", classpath, "tdb2.tdbloader", "--loc", str(location), str(data_file)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"tdb2.tdbloader failed: {(result.stderr or result.stdout).strip()}")


def tdb2_select_json(classpath: str, location: Path, query_file: Path) -> str:
    """ARQ's answer to ``query_file`` over the TDB2 database at ``location`` as W3C SPARQL JSON results."""
    result = run_jena(classpath, "tdb2.tdbquery", "--syntax=SPARQL_11", "--loc", str(location),
                      "--query", str(query_file), "--results", "json", timeout=3600)
    if result.returncode != 0:
        raise RuntimeError(f"tdb2.tdbquery failed on {query_file.name}: {(result.stderr or result.stdout).strip()}")
    return result.stdout
