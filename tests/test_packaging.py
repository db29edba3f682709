"""kinerja as a user gets it: a built wheel installed outside the source tree.

The reference tables must travel inside the wheel and the user's catalog additions must land
in the user data directory, never in the installed package. The slow tests build the wheel
from a copy of only what the wheel is made of (so nothing in data/ or tests/ can stand in for
package data), install it into a fresh virtual environment and run the installed `kinerja`
console script from a directory outside the source tree.

Dependencies of the fresh environment: by default the wheel is installed with `--no-deps`
and a `.pth` file appends this interpreter's site-packages to the new environment's path.
The wheel's own files come first on that path, so `pipeline` is imported from the install,
while duckdb, pandas, OpenCV and the rest resolve offline in seconds; a `.pth` line only
adds a directory, so the running environment's editable install of kinerja (itself a `.pth`
or finder) is not activated. Set KINERJA_WHEEL_TEST_FROM_PYPI=1 to install the wheel with
its declared dependencies from the package index instead (minutes, needs the network), which
also proves the dependency list complete. Building the wheel fetches the build backend
(setuptools>=77.0.3) into pip's isolated build environment, from its cache when it has one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from conftest import report_path

from pipeline.cli import main
from pipeline.reference import reference_file

ROOT = Path(__file__).resolve().parents[1]
WHEEL_SOURCES = ("pyproject.toml", "README.md", "pipeline", "extractors", "schemas")
REFERENCE = ("indicators.csv", "nomenclature.csv")
SAMPLE = "003"  # the smallest sample report


@dataclass
class Installed:
    """A fresh environment with the kinerja wheel installed, and the wheel itself."""

    wheel: Path
    python: Path
    bin: Path
    home: Path  # working directory and XDG_DATA_HOME for its commands

    def run(self, *args: str) -> subprocess.CompletedProcess:
        """Run a command of the environment as a user would: outside the source tree, with no
        PYTHONPATH (the test run's own would put the source tree first), a private user
        data directory and no catalog override."""
        env = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONPATH", "PYTHONHOME", "KINERJA_CATALOG", "VIRTUAL_ENV")}
        env["XDG_DATA_HOME"] = str(self.home / "xdg")
        return subprocess.run(args, cwd=self.home, env=env, capture_output=True, text=True,
                              timeout=300)

    def python_says(self, code: str) -> str:
        """Standard output of `code` run by the environment's interpreter."""
        done = self.run(str(self.python), "-c", code)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()


def _build_wheel(tmp: Path) -> Path:
    """Build the wheel from a copy of the files it is made of; returns its path."""
    src = tmp / "src"
    src.mkdir()
    for name in WHEEL_SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, src / name)
    dist = tmp / "dist"
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q",
                           "-w", str(dist)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"wheel build failed:\n{done.stdout}\n{done.stderr}"
    (wheel,) = dist.glob("kinerja-*.whl")
    return wheel


def _site_packages(venv: Path) -> Path:
    """The fresh environment's site-packages directory."""
    found = list(venv.glob("lib/python3*/site-packages")) + list(venv.glob("Lib/site-packages"))
    assert found, f"no site-packages under {venv}"
    return found[0]


def _install(wheel: Path, venv: Path) -> None:
    """Install the wheel into `venv`, dependencies borrowed or from the index (see above)."""
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q"]
    if os.environ.get("KINERJA_WHEEL_TEST_FROM_PYPI") == "1":
        done = subprocess.run([*pip, str(wheel)], capture_output=True, text=True, timeout=1800)
    else:
        done = subprocess.run([*pip, "--no-deps", "--no-index", str(wheel)],
                              capture_output=True, text=True, timeout=300)
        here = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
        (_site_packages(venv) / "_kinerja_test_deps.pth").write_text(
            "\n".join(sorted(here)) + "\n", encoding="utf-8")
    assert done.returncode == 0, f"install failed:\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    """kinerja built and installed once for this module's slow tests."""
    tmp = tmp_path_factory.mktemp("wheel")
    wheel = _build_wheel(tmp)
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)
    _install(wheel, venv)
    home = tmp / "home"
    home.mkdir()
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    return Installed(wheel, bin_dir / "python", bin_dir, home)


@pytest.mark.slow
def test_wheel_ships_the_reference_tables(installed):
    names = zipfile.ZipFile(installed.wheel).namelist()
    for name in REFERENCE:
        assert f"pipeline/reference/{name}" in names
    where = installed.python_says(
        "import importlib.resources as r, pipeline; print(pipeline.__file__); "
        "print(*sorted(f.name for f in r.files('pipeline.reference').iterdir()))")
    module, files = where.splitlines()
    assert Path(module).is_relative_to(installed.python.parents[1])  # not the source tree
    assert set(REFERENCE) <= set(files.split())
    assert installed.python_says(
        "from pipeline.normalise.nomenclature import level_from_nomenclature as level; "
        "print(level('Penyediaan Gaji dan Tunjangan ASN'))") == "sub_kegiatan"


@pytest.mark.slow
def test_installed_extract_keys_indicators_and_levels_budget(installed, processed):
    db = installed.home / "kinerja.duckdb"
    done = installed.run(str(installed.bin / "kinerja"), "extract", str(report_path(SAMPLE)),
                         "--db", str(db))
    assert done.returncode == 0, done.stdout + done.stderr
    con = duckdb.connect(str(db), read_only=True)
    matches = Counter(how.split(":")[0] if how else None for (how,) in con.execute(
        "SELECT catalog_match FROM performance").fetchall())
    budget = Counter(con.execute("SELECT level, name_key FROM budget").fetchall())
    con.close()
    assert matches["alias"] + matches["exact"] > 0, matches  # not every indicator 'own'
    # the same keys and levels as the source tree gives, where the reference data is found
    expected = processed(SAMPLE).tables
    assert matches == Counter(
        r["catalog_match"].split(":")[0] if r["catalog_match"] else None
        for r in expected["performance"])
    assert budget == Counter((r["level"], r["name_key"]) for r in expected["budget"])
    assert budget.keys() & {("sub_kegiatan", "penyediaan gaji dan tunjangan asn")}


@pytest.mark.slow
def test_installed_add_alias_writes_to_the_user_data_dir(installed):
    package_csv = installed.python_says(
        "import importlib.resources as r; print(r.files('pipeline.reference') / 'indicators.csv')")
    before = hashlib.sha256(Path(package_csv).read_bytes()).hexdigest()
    done = installed.run(str(installed.bin / "kinerja"), "catalog", "--add-alias", "ikm",
                         "Indeks Kepuasan Warga Kelurahan")
    assert done.returncode == 0, done.stdout + done.stderr
    user_csv = installed.home / "xdg" / "kinerja" / "indicators.csv"
    assert "Indeks Kepuasan Warga Kelurahan" in user_csv.read_text(encoding="utf-8")
    assert hashlib.sha256(Path(package_csv).read_bytes()).hexdigest() == before
    assert installed.python_says(  # and loading merges it with the packaged catalog
        "from pipeline.normalise import catalog; "
        "print(*next(e for e in catalog.load() if e.key == 'ikm').aliases, sep='|')"
    ).endswith("|Indeks Kepuasan Warga Kelurahan")


def test_add_alias_writes_to_the_given_catalog_not_the_package(tmp_path, monkeypatch):
    packaged = reference_file("indicators.csv").read_bytes()
    user_csv = tmp_path / "mine" / "indicators.csv"
    monkeypatch.setenv("KINERJA_CATALOG", str(user_csv))
    result = CliRunner().invoke(main, ["catalog", "--add-alias", "ikm", "Indeks Kepuasan Warga"])
    assert result.exit_code == 0, result.output
    assert "Indeks Kepuasan Warga" in user_csv.read_text(encoding="utf-8")
    assert reference_file("indicators.csv").read_bytes() == packaged
    other = tmp_path / "other.csv"  # --catalog wins over the environment
    result = CliRunner().invoke(main, ["catalog", "--catalog", str(other),
                                       "--add-alias", "ikm", "Indeks Kepuasan Penduduk"])
    assert result.exit_code == 0, result.output
    assert "Indeks Kepuasan Penduduk" in other.read_text(encoding="utf-8")
    assert "Penduduk" not in user_csv.read_text(encoding="utf-8")
