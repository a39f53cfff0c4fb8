"""Readers of the BAN's files: the CSV exports `adresses-XX.csv[.gz]` and the addok line-delimited
JSON exports `*.ndjson[.gz]`. They read and check everything, and say which line of which file is
wrong, before anything is written."""

import csv
import gzip
import io
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from transition.platform.geo.domain.referential import context_of, is_commune_code

CSV_REQUIRED = ("id", "numero", "rep", "nom_voie", "code_postal", "code_insee", "nom_commune", "lon", "lat")
# In the BAN CSV, a "number" 99999 marks a place without house numbers (a lieu-dit).
NO_NUMBER = "99999"
NDJSON_TYPES = ("municipality", "street", "locality")


class BanFileError(Exception):
    """Every problem found in the files, one French sentence per line."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
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


@dataclass
class NumberData:
    place_ban_id: str
    ban_id: str
    housenumber: str
    lon: float
    lat: float


@dataclass
class BanData:
    places: dict[str, PlaceData] = field(default_factory=dict)
    numbers: dict[str, NumberData] = field(default_factory=dict)


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


def read_ban_files(paths: list[Path]) -> BanData:
    """Read every file; raise BanFileError listing every wrong line (file and line number)."""
    data = BanData()
    errors: list[str] = []
    for path in paths:
        if not path.is_file():
            errors.append(f"{path} : fichier introuvable.")
            continue
        name = path.name.removesuffix(".gz")
        try:
            if name.endswith(".csv"):
                _read_csv(path, data, errors)
            elif name.endswith((".ndjson", ".json", ".jsonl")):
                _read_ndjson(path, data, errors)
            else:
                errors.append(f"{path} : format inconnu (attendu : .csv, .csv.gz, .ndjson ou .ndjson.gz).")
        except (OSError, UnicodeDecodeError, EOFError, csv.Error) as exc:
            errors.append(f"{path} : fichier illisible ({exc}).")
    if errors:
        raise BanFileError(errors)
    _fill_street_postcodes(data)
    return data


def _read_csv(path: Path, data: BanData, errors: list[str]) -> None:
    with _open_text(path) as handle:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader, None)
        if header is None:
            errors.append(f"{path} : fichier vide.")
            return
        columns = {name.strip(): index for index, name in enumerate(header)}
        missing = [name for name in CSV_REQUIRED if name not in columns]
        if missing:
            errors.append(f"{path}, ligne 1 : colonnes manquantes : {', '.join(missing)}.")
            return
        width = len(header)
        street_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
        city_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
        city_postcodes: dict[str, Counter] = defaultdict(Counter)
        city_names: dict[str, str] = {}
        for row in reader:
            line = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            where = f"{path}, ligne {line}"
            if len(row) != width:
                errors.append(f"{where} : {len(row)} champs au lieu de {width}.")
                continue
            value = {name: row[index].strip() for name, index in columns.items()}
            problems = []
            parts = value["id"].split("_")
            if len(parts) < 3 or not parts[0] or not parts[1]:
                problems.append(f"identifiant « {value['id']} » illisible (attendu : commune_voie_numéro)")
            if not is_commune_code(value["code_insee"]):
                problems.append(f"code INSEE « {value['code_insee']} » invalide")
            postcode = value["code_postal"]
            if postcode and not (len(postcode) == 5 and postcode.isdigit()):
                problems.append(f"code postal « {postcode} » invalide")
            if not value["numero"].isdigit():
                problems.append(f"numéro « {value['numero']} » invalide")
            if not value["nom_voie"] and not value.get("nom_ld"):
                problems.append("nom de voie vide")
            if not value["nom_commune"]:
                problems.append("nom de commune vide")
            lon = _coordinate(value["lon"], -180, 180)
            lat = _coordinate(value["lat"], -90, 90)
            if lon is None or lat is None:
                problems.append(f"coordonnées invalides (lon « {value['lon']} », lat « {value['lat']} »)")
            if problems:
                errors.append(f"{where} : {' ; '.join(problems)}.")
                continue
            citycode = value["code_insee"]
            street_id = f"{parts[0]}_{parts[1]}"
            is_locality = value["numero"] == NO_NUMBER
            street_name = value["nom_voie"] or value.get("nom_ld", "")
            place = data.places.get(street_id)
            if place is None:
                data.places[street_id] = PlaceData(
                    ban_id=street_id,
                    kind="locality" if is_locality else "street",
                    name=street_name,
                    postcode=postcode,
                    citycode=citycode,
                    city=value["nom_commune"],
                    context=context_of(citycode),
                    lon=lon,
                    lat=lat,
                )
            street_points[street_id].append((lon, lat))
            city_points[citycode].append((lon, lat))
            if postcode:
                city_postcodes[citycode][postcode] += 1
            city_names.setdefault(citycode, value["nom_commune"])
            if not is_locality:
                number = str(int(value["numero"])) + value["rep"].replace(" ", "").lower()
                data.numbers[value["id"]] = NumberData(
                    place_ban_id=street_id, ban_id=value["id"], housenumber=number, lon=lon, lat=lat
                )
        for street_id, points in street_points.items():
            place = data.places[street_id]
            place.lon = round(sum(p[0] for p in points) / len(points), 6)
            place.lat = round(sum(p[1] for p in points) / len(points), 6)
        for citycode, points in city_points.items():
            if citycode in data.places and data.places[citycode].kind == "municipality":
                continue
            postcodes = city_postcodes.get(citycode)
            data.places[citycode] = PlaceData(
                ban_id=citycode,
                kind="municipality",
                name=city_names[citycode],
                postcode=postcodes.most_common(1)[0][0] if postcodes else "",
                citycode=citycode,
                city=city_names[citycode],
                context=context_of(citycode),
                lon=round(sum(p[0] for p in points) / len(points), 6),
                lat=round(sum(p[1] for p in points) / len(points), 6),
                # More addresses, more important (as the BAN weighs municipalities by population).
                importance=min(1.0, math.log10(1 + len(points)) / 6),
            )


def _read_ndjson(path: Path, data: BanData, errors: list[str]) -> None:
    with _open_text(path) as handle:
        for line, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            where = f"{path}, ligne {line}"
            try:
                doc = json.loads(text)
            except json.JSONDecodeError as exc:
                errors.append(f"{where} : JSON invalide ({exc.msg}).")
                continue
            if not isinstance(doc, dict):
                errors.append(f"{where} : un objet JSON est attendu.")
                continue
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
                errors.append(f"{where} : {' ; '.join(problems)}.")
                continue
            postcode = _first(doc.get("postcode")).strip()
            city = _first(doc.get("city")).strip() or (name if kind == "municipality" else "")
            data.places[ban_id] = PlaceData(
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
            for number in numbers:
                data.numbers[number.ban_id] = number


def _fill_street_postcodes(data: BanData) -> None:
    """Streets of some exports carry no postcode: take their municipality's."""
    municipal = {p.citycode: p.postcode for p in data.places.values() if p.kind == "municipality" and p.postcode}
    for place in data.places.values():
        if not place.postcode and place.kind != "municipality":
            place.postcode = municipal.get(place.citycode, "")
