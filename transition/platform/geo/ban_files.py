"""Readers of the BAN's files: the CSV exports `adresses-XX.csv[.gz]` and the addok line-delimited
JSON exports `*.ndjson[.gz]`.

The national BAN holds about 26 million house numbers: nothing here keeps one object per number.
`BanReader.numbers()` reads the files in one streaming pass and yields each house number as it
reads it; the places (municipalities, streets, lieux-dits: about one for 17 numbers) gather in
`BanReader.places`, complete once the numbers are exhausted. `check_ban_files` is the same pass
keeping nothing but the errors: an import runs it over every file before it writes anything, and
it says which line of which file is wrong.
"""

import csv
import gzip
import io
import json
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from transition.platform.geo.domain.referential import context_of, is_commune_code

CSV_REQUIRED = ("id", "numero", "rep", "nom_voie", "code_postal", "code_insee", "nom_commune", "lon", "lat")
# In the BAN CSV, a "number" 99999 marks a place without house numbers (a lieu-dit).
NO_NUMBER = "99999"
NDJSON_TYPES = ("municipality", "street", "locality")
# A wholly wrong national file would give 26 million sentences: the first ones are kept, all are counted.
MAX_ERRORS = 1000


class BanFileError(Exception):
    """Every problem found in the files, one French sentence per line (the first MAX_ERRORS of
    them; `total` counts them all)."""

    def __init__(self, errors: list[str], total: int | None = None):
        self.errors = errors
        self.total = len(errors) if total is None else total
        super().__init__("\n".join(errors))


@dataclass(slots=True)
class PlaceData:
    ban_id: str
    kind: str
    name: str
    postcode: str
    citycode: str
    city: str
    context: str
    lon: float
    lat: float
    importance: float = 0.0


@dataclass(slots=True)
class NumberData:
    place_ban_id: str
    ban_id: str
    housenumber: str
    lon: float
    lat: float


@dataclass
class BanData:
    """Places and numbers held in memory: small sets only (the demos, the index's tests)."""

    places: dict[str, PlaceData] = field(default_factory=dict)
    numbers: dict[str, NumberData] = field(default_factory=dict)


class _Errors:
    def __init__(self):
        self.messages: list[str] = []
        self.total = 0

    def add(self, message: str) -> None:
        self.total += 1
        if len(self.messages) < MAX_ERRORS:
            self.messages.append(message)

    def raise_if_any(self) -> None:
        if self.total:
            raise BanFileError(list(self.messages), self.total)


def _open_text(path: Path):
    raw = gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")  # noqa: SIM115
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def _coordinate(value, low: float, high: float) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if math.isnan(number) or not low <= number <= high:
        return None
    return number


def _first(value) -> str:
    if isinstance(value, list):
        return str(value[0]) if value else ""
    return "" if value is None else str(value)


@dataclass(slots=True)
class _CsvRow:
    """A checked line of a BAN CSV."""

    ban_id: str
    street_id: str
    numero: str
    rep: str
    street_name: str
    postcode: str
    citycode: str
    city: str
    lon: float
    lat: float


class _CsvColumns:
    """Where each column the reader needs sits in the file's header."""

    def __init__(self, header: list[str]):
        columns = {name.strip(): index for index, name in enumerate(header)}
        self.missing = [name for name in CSV_REQUIRED if name not in columns]
        self.width = len(header)
        if not self.missing:
            self.id, self.numero, self.rep, self.nom_voie = (columns[c] for c in CSV_REQUIRED[:4])
            self.code_postal, self.code_insee, self.nom_commune = (columns[c] for c in CSV_REQUIRED[4:7])
            self.lon, self.lat = columns["lon"], columns["lat"]
            self.nom_ld = columns.get("nom_ld")

    def check(self, row: list[str]) -> _CsvRow | str:
        """The line's values, or what is wrong with it (a French sentence without its place)."""
        if len(row) != self.width:
            return f"{len(row)} champs au lieu de {self.width}."
        ban_id = row[self.id].strip()
        numero = row[self.numero].strip()
        citycode = row[self.code_insee].strip()
        postcode = row[self.code_postal].strip()
        street_name = row[self.nom_voie].strip() or (row[self.nom_ld].strip() if self.nom_ld is not None else "")
        city = row[self.nom_commune].strip()
        raw_lon, raw_lat = row[self.lon].strip(), row[self.lat].strip()
        problems = []
        parts = ban_id.split("_", 2)
        if len(parts) < 3 or not parts[0] or not parts[1]:
            problems.append(f"identifiant « {ban_id} » illisible (attendu : commune_voie_numéro)")
        if not is_commune_code(citycode):
            problems.append(f"code INSEE « {citycode} » invalide")
        if postcode and not (len(postcode) == 5 and postcode.isdigit()):
            problems.append(f"code postal « {postcode} » invalide")
        if not numero.isdigit():
            problems.append(f"numéro « {numero} » invalide")
        if not street_name:
            problems.append("nom de voie vide")
        if not city:
            problems.append("nom de commune vide")
        lon = _coordinate(raw_lon, -180, 180)
        lat = _coordinate(raw_lat, -90, 90)
        if lon is None or lat is None:
            problems.append(f"coordonnées invalides (lon « {raw_lon} », lat « {raw_lat} »)")
        if problems:
            return f"{' ; '.join(problems)}."
        street_id = f"{parts[0]}_{parts[1]}"
        rep = row[self.rep].strip()
        return _CsvRow(ban_id, street_id, numero, rep, street_name, postcode, citycode, city, lon, lat)


class _Commune:
    """What a CSV file says of a commune: its points, postcodes and first name."""

    __slots__ = ("lon", "lat", "count", "postcodes", "name")

    def __init__(self, name: str):
        self.lon = self.lat = 0
        self.count = 0
        self.postcodes: Counter = Counter()
        self.name = name


class BanReader:
    """One streaming pass over BAN files. `numbers()` yields each house number as it is read; the
    places gather in `places` (complete once `numbers()` is exhausted) and the problems in
    `errors`. With `check_only`, nothing is gathered or yielded: the lines are only checked."""

    def __init__(self, paths: list[Path], *, check_only: bool = False):
        self.paths = [Path(p) for p in paths]
        self.check_only = check_only
        self.places: dict[str, PlaceData] = {}
        self.errors = _Errors()
        self._contexts: dict[str, str] = {}
        # A commune's code, name and postcodes, once for all its streets (1.5 million nationally).
        self._strings: dict[str, str] = {}

    def numbers(self) -> Iterator[NumberData]:
        """Every house number of every file, in order; BanFileError at the end if a line was wrong."""
        for path in self.paths:
            if not path.is_file():
                self.errors.add(f"{path} : fichier introuvable.")
                continue
            name = path.name.removesuffix(".gz")
            try:
                if name.endswith(".csv"):
                    yield from self._read_csv(path)
                elif name.endswith((".ndjson", ".json", ".jsonl")):
                    yield from self._read_ndjson(path)
                else:
                    self.errors.add(f"{path} : format inconnu (attendu : .csv, .csv.gz, .ndjson ou .ndjson.gz).")
            except (OSError, UnicodeDecodeError, EOFError, csv.Error) as exc:
                self.errors.add(f"{path} : fichier illisible ({exc}).")
        self.errors.raise_if_any()
        if not self.check_only:
            self._fill_street_postcodes()

    def _context(self, citycode: str) -> str:
        context = self._contexts.get(citycode)
        if context is None:
            context = self._contexts[citycode] = context_of(citycode)
        return context

    def _read_csv(self, path: Path) -> Iterator[NumberData]:
        with _open_text(path) as handle:
            reader = csv.reader(handle, delimiter=";")
            header = next(reader, None)
            if header is None:
                self.errors.add(f"{path} : fichier vide.")
                return
            columns = _CsvColumns(header)
            if columns.missing:
                self.errors.add(f"{path}, ligne 1 : colonnes manquantes : {', '.join(columns.missing)}.")
                return
            # Per street: the sum of its points and their count (its place is at their mean).
            streets: dict[str, list] = {}
            communes: dict[str, _Commune] = {}
            places = self.places
            for row in reader:
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue
                checked = columns.check(row)
                if isinstance(checked, str):
                    self.errors.add(f"{path}, ligne {reader.line_num} : {checked}")
                    continue
                if self.check_only:
                    continue
                street_id, citycode, lon, lat = checked.street_id, checked.citycode, checked.lon, checked.lat
                is_locality = checked.numero == NO_NUMBER
                street = streets.get(street_id)
                if street is None:
                    street = streets[street_id] = [0, 0, 0]
                    if street_id not in places:
                        strings = self._strings
                        places[street_id] = PlaceData(
                            ban_id=street_id,
                            kind="locality" if is_locality else "street",
                            name=checked.street_name,
                            postcode=strings.setdefault(checked.postcode, checked.postcode),
                            citycode=strings.setdefault(citycode, citycode),
                            city=strings.setdefault(checked.city, checked.city),
                            context=self._context(citycode),
                            lon=lon,
                            lat=lat,
                        )
                street[0] += lon
                street[1] += lat
                street[2] += 1
                commune = communes.get(citycode)
                if commune is None:
                    commune = communes[citycode] = _Commune(checked.city)
                commune.lon += lon
                commune.lat += lat
                commune.count += 1
                if checked.postcode:
                    commune.postcodes[checked.postcode] += 1
                if not is_locality:
                    number = str(int(checked.numero)) + checked.rep.replace(" ", "").lower()
                    yield NumberData(street_id, checked.ban_id, number, lon, lat)
            for street_id, (sum_lon, sum_lat, count) in streets.items():
                place = places[street_id]
                place.lon = round(sum_lon / count, 6)
                place.lat = round(sum_lat / count, 6)
            for citycode, commune in communes.items():
                known = places.get(citycode)
                if known is not None and known.kind == "municipality":
                    continue
                places[citycode] = PlaceData(
                    ban_id=citycode,
                    kind="municipality",
                    name=commune.name,
                    postcode=commune.postcodes.most_common(1)[0][0] if commune.postcodes else "",
                    citycode=citycode,
                    city=commune.name,
                    context=self._context(citycode),
                    lon=round(commune.lon / commune.count, 6),
                    lat=round(commune.lat / commune.count, 6),
                    # More addresses, more important (as the BAN weighs municipalities by population).
                    importance=min(1.0, math.log10(1 + commune.count) / 6),
                )

    def _read_ndjson(self, path: Path) -> Iterator[NumberData]:
        with _open_text(path) as handle:
            for line, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                checked = _check_ndjson(text)
                if isinstance(checked, str):
                    self.errors.add(f"{path}, ligne {line} : {checked}")
                    continue
                if self.check_only:
                    continue
                place, numbers = checked
                self.places[place.ban_id] = place
                yield from numbers

    def _fill_street_postcodes(self) -> None:
        """Streets of some exports carry no postcode: take their municipality's."""
        places = self.places.values()
        municipal = {p.citycode: p.postcode for p in places if p.kind == "municipality" and p.postcode}
        for place in places:
            if not place.postcode and place.kind != "municipality":
                place.postcode = municipal.get(place.citycode, "")


def _check_ndjson(text: str) -> tuple[PlaceData, list[NumberData]] | str:
    """A line of an addok export: its place and numbers, or what is wrong with it."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        return f"JSON invalide ({exc.msg})."
    if not isinstance(doc, dict):
        return "un objet JSON est attendu."
    problems = []
    kind = doc.get("type")
    if kind not in NDJSON_TYPES:
        problems.append(f"type « {kind} » inconnu (attendu : {', '.join(NDJSON_TYPES)})")
    ban_id = str(doc.get("id") or "")
    if not ban_id:
        problems.append("identifiant manquant")
    name = _first(doc.get("name")).strip()
    if not name:
        problems.append("nom manquant")
    citycode = _first(doc.get("citycode")).strip()
    if not is_commune_code(citycode):
        problems.append(f"code INSEE « {citycode} » invalide")
    lon = _coordinate(doc.get("lon"), -180, 180)
    lat = _coordinate(doc.get("lat"), -90, 90)
    if lon is None or lat is None:
        problems.append("coordonnées invalides")
    try:
        importance = float(doc.get("importance") or 0.0)
    except (TypeError, ValueError):
        problems.append("importance invalide")
        importance = 0.0
    housenumbers = doc.get("housenumbers") or {}
    if not isinstance(housenumbers, dict):
        problems.append("numéros illisibles")
        housenumbers = {}
    numbers = []
    for number, point in housenumbers.items():
        if not isinstance(point, dict):
            problems.append(f"numéro « {number} » illisible")
            continue
        number_lon = _coordinate(point.get("lon"), -180, 180)
        number_lat = _coordinate(point.get("lat"), -90, 90)
        if number_lon is None or number_lat is None or not str(number).strip():
            problems.append(f"numéro « {number} » : coordonnées invalides")
            continue
        number_id = str(point.get("id") or f"{ban_id}_{number}")
        numbers.append(NumberData(ban_id, number_id, str(number).strip(), number_lon, number_lat))
    if problems:
        return f"{' ; '.join(problems)}."
    postcode = _first(doc.get("postcode")).strip()
    city = _first(doc.get("city")).strip() or (name if kind == "municipality" else "")
    place = PlaceData(
        ban_id=ban_id,
        kind=kind,
        name=name,
        postcode=postcode if len(postcode) == 5 and postcode.isdigit() else "",
        citycode=citycode,
        city=city,
        context=str(doc.get("context") or context_of(citycode)),
        lon=lon,
        lat=lat,
        importance=importance,
    )
    return place, numbers


def check_ban_files(paths: list[Path]) -> None:
    """Read every file, keeping nothing but the errors; BanFileError lists the wrong lines."""
    for _ in BanReader(paths, check_only=True).numbers():
        pass


def read_ban_files(paths: list[Path]) -> BanData:
    """Every place and number in memory (small files: tests, tools); BanFileError as above."""
    reader = BanReader(paths)
    data = BanData()
    for number in reader.numbers():
        data.numbers[number.ban_id] = number
    data.places = reader.places
    return data
