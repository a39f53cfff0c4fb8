import gzip
import json
from pathlib import Path

import pytest

from tests.conftest import SHARED_DATA
from transition.platform.geo import local
from transition.platform.geo.addok_server import AddokServer, addok_available

DATA = Path(__file__).parent / "data"
TINY_NDJSON = DATA / "tiny.ndjson"
TINY_CSV = DATA / "tiny.csv"
TINY_COMMUNES = DATA / "communes-tiny.csv"
NC_EXTRACT = SHARED_DATA / "geo" / "adresses-addok-france-simplified.ndjson.gz"
# The slice of the New Caledonia extract the tests load: its first lines (municipalities and streets).
NC_SLICE_LINES = 120


def nc_slice_lines() -> list[str]:
    """The first lines of the real extract, read at test time (never copied into the repository)."""
    if not NC_EXTRACT.exists():
        return []
    lines = []
    with gzip.open(NC_EXTRACT, "rt", encoding="utf-8") as handle:
        for line in handle:
            lines.append(line.rstrip("\n"))
            if len(lines) >= NC_SLICE_LINES:
                break
    return lines


@pytest.fixture(autouse=True)
def _fresh_local_index():
    """The local index lives in the process: never let one test see another's addresses."""
    local.drop_index()
    yield
    local.drop_index()


@pytest.fixture
def nc_slice(tmp_path) -> Path:
    lines = nc_slice_lines()
    if not lines:
        pytest.skip(f"données partagées absentes : {NC_EXTRACT}")
    path = tmp_path / "nc-slice.ndjson"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def addok_tiny():
    """A real addok on loopback holding the hand-written fixture."""
    if not addok_available():
        pytest.skip("addok absent : lancez `make .venv-addok/.installed`")
    with AddokServer(TINY_NDJSON) as server:
        yield server


@pytest.fixture(scope="session")
def addok_nc():
    """A real addok on loopback holding the slice of the New Caledonia extract."""
    if not addok_available():
        pytest.skip("addok absent : lancez `make .venv-addok/.installed`")
    lines = nc_slice_lines()
    if not lines:
        pytest.skip(f"données partagées absentes : {NC_EXTRACT}")
    with AddokServer(lines) as server:
        yield server


def nc_docs() -> list[dict]:
    return [json.loads(line) for line in nc_slice_lines()]
