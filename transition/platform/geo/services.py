"""Writes of the geo platform: address imports (for the local geocoder) and the communes referential.

Each import reads and checks its whole input first, then writes in one transaction, and can be
run again: rows are upserted on their identifier (nothing is removed).
"""

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from transition.platform.core.models import data_version_bump
from transition.platform.geo import address_load
from transition.platform.geo.ban_files import (
    BanData,
    BanFileError,
    BanReader,
    NumberData,
    PlaceData,
    check_ban_files,
)
from transition.platform.geo.domain.referential import (
    DEPARTEMENTS,
    REGIONS,
    departement_code,
    departement_of_commune,
    is_arrondissement,
    is_commune_code,
)
from transition.platform.geo.models import (
    AddressPlace,
    Commune,
    CommuneKind,
    Departement,
    Epci,
    Region,
)
from transition.platform.geo.selectors import ADDRESSES, commune_search_key

BATCH = 900  # rows per INSERT: under SQLite's bound-variable limit at every column count used here


class GeoImportError(Exception):
    """The input is wrong; `errors` holds one French sentence per problem (with its line), the
    first ones if there are very many: `total` counts them all."""

    def __init__(self, errors: list[str], total: int | None = None):
        self.errors = errors
        self.total = len(errors) if total is None else total
        super().__init__("\n".join(errors))


@dataclass(frozen=True)
class AddressImportReport:
    places: int
    numbers: int
    version: int


@dataclass(frozen=True)
class CommuneImportReport:
    regions: int
    departements: int
    epcis: int
    communes: int


def addresses_import(*, paths: list[Path]) -> AddressImportReport:
    """Load BAN files (CSV or addok ndjson, gzipped or not) into the local geocoder's tables.

    Every file is read and checked first, keeping nothing but the errors: one wrong line, even
    the last one, and nothing is written. Then the files are read again and written as they are
    read (address_load): the memory holds a chunk of numbers and the places, never the file."""
    paths = [Path(p) for p in paths]
    try:
        check_ban_files(paths)
        reader = BanReader(paths)
        return addresses_write(places=reader.places, numbers=reader.numbers())
    except BanFileError as exc:  # the second reading finds one only if a file changed in between
        raise GeoImportError(exc.errors, exc.total) from exc


def addresses_save(*, data: BanData) -> AddressImportReport:
    """Write places and numbers held in memory (the demos'), as an import does."""
    return addresses_write(places=data.places, numbers=data.numbers.values())


def addresses_write(*, places: dict[str, PlaceData], numbers: Iterable[NumberData]) -> AddressImportReport:
    """Upsert places then house numbers, bump the addresses' version; one transaction. `places`
    may fill while `numbers` is read (a BanReader's): it is complete once they are exhausted."""
    unknown: set[str] = set()

    def known(numbers: Iterable[NumberData]) -> Iterator[NumberData]:
        for number in numbers:
            if number.place_ban_id not in places:
                unknown.add(number.place_ban_id)
            yield number

    with transaction.atomic():
        address_load.numbers_stage(known(numbers))
        missing = sorted(unknown)
        stored: set[str] = set()
        for start in range(0, len(missing), BATCH):  # a place may come from an earlier import
            chunk = missing[start : start + BATCH]
            stored.update(AddressPlace.objects.filter(ban_id__in=chunk).values_list("ban_id", flat=True))
        missing = [ban_id for ban_id in missing if ban_id not in stored]
        if missing:
            raise GeoImportError([f"Numéros rattachés à une voie inconnue : {', '.join(missing[:10])}."])
        address_load.places_upsert(places.values())
        written = address_load.numbers_merge()
        # The local geocoder's index in this process expires at once (data_version_changed); other
        # processes see the new version within GEO_LOCAL_INDEX_CHECK_S.
        version = data_version_bump(ADDRESSES)
    return AddressImportReport(places=len(places), numbers=written, version=version)


# -- communes ------------------------------------------------------------------------------------

COMMUNE_COLUMNS = ("city_code", "name", "department", "region", "epci")


@dataclass(frozen=True)
class _CommuneRow:
    code: str
    name: str
    departement: str
    region: str
    epci: str


def _read_communes(content: str, source: str) -> list[_CommuneRow]:
    reader = csv.reader(io.StringIO(content), delimiter=";")
    header = next(reader, None)
    if header is None:
        raise GeoImportError([f"{source} : fichier vide."])
    columns = {name.strip(): index for index, name in enumerate(header)}
    missing = [name for name in COMMUNE_COLUMNS if name not in columns]
    if missing:
        raise GeoImportError([f"{source}, ligne 1 : colonnes manquantes : {', '.join(missing)}."])
    rows: list[_CommuneRow] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    departement_regions: dict[str, tuple[str, int]] = {}
    for row in reader:
        line = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        where = f"{source}, ligne {line}"
        if len(row) < len(header):
            errors.append(f"{where} : {len(row)} champs au lieu de {len(header)}.")
            continue
        value = {name: row[columns[name]].strip() for name in COMMUNE_COLUMNS}
        problems = []
        code = value["city_code"].upper()
        if not is_commune_code(code):
            problems.append(f"code INSEE « {value['city_code']} » invalide")
        elif code in seen:
            problems.append(f"code INSEE {code} déjà présent ligne {seen[code]}")
        if not value["name"]:
            problems.append("nom vide")
        departement = departement_code(value["department"])
        if departement is None:
            problems.append(f"département « {value['department']} » invalide")
        elif is_commune_code(code) and departement_of_commune(code) != departement:
            problems.append(f"le code {code} n'est pas dans le département {departement}")
        region = value["region"]
        if not (region.isdigit() and 1 <= len(region) <= 2):
            problems.append(f"région « {region} » invalide")
        region = region.zfill(2)
        epci = value["epci"]
        if epci and not (epci.isdigit() and len(epci) == 9):
            problems.append(f"EPCI « {epci} » invalide (SIREN de 9 chiffres attendu)")
        if departement and not problems:
            known = departement_regions.setdefault(departement, (region, line))
            if known[0] != region:
                problems.append(
                    f"le département {departement} est en région {known[0]} ligne {known[1]}, ici en région {region}"
                )
        if problems:
            errors.append(f"{where} : {' ; '.join(problems)}.")
            continue
        seen[code] = line
        rows.append(_CommuneRow(code=code, name=value["name"], departement=departement, region=region, epci=epci))
    if errors:
        raise GeoImportError(errors)
    if not rows:
        raise GeoImportError([f"{source} : aucune commune."])
    return rows


def communes_import(*, path: Path) -> CommuneImportReport:
    """Load a `;`-separated file `city_code;name;department;region;epci` (other columns ignored)."""
    path = Path(path)
    try:
        content = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise GeoImportError([f"{path} : fichier introuvable."]) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise GeoImportError([f"{path} : fichier illisible ({exc})."]) from exc
    return communes_save(rows=_read_communes(content, str(path)))


def communes_save(*, rows: list[_CommuneRow]) -> CommuneImportReport:
    regions = {r.region for r in rows}
    departements = {r.departement: r.region for r in rows}
    epcis = {r.epci for r in rows if r.epci}
    with transaction.atomic():
        Region.objects.bulk_create(
            [Region(code=code, name=REGIONS.get(code, "")) for code in sorted(regions)],
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["name"],
        )
        region_pk = dict(Region.objects.filter(code__in=regions).values_list("code", "pk"))
        Departement.objects.bulk_create(
            [
                Departement(code=code, name=DEPARTEMENTS.get(code, ""), region_id=region_pk[region])
                for code, region in sorted(departements.items())
            ],
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["name", "region"],
        )
        departement_pk = dict(Departement.objects.filter(code__in=departements).values_list("code", "pk"))
        Epci.objects.bulk_create(
            [Epci(siren=siren) for siren in sorted(epcis)], batch_size=BATCH, ignore_conflicts=True
        )
        epci_pk: dict[str, int] = {}
        epci_list = sorted(epcis)
        for start in range(0, len(epci_list), BATCH):
            epci_pk.update(Epci.objects.filter(siren__in=epci_list[start : start + BATCH]).values_list("siren", "pk"))
        Commune.objects.bulk_create(
            [
                Commune(
                    code=r.code,
                    name=r.name,
                    search_name=commune_search_key(r.name)[:100],
                    kind=CommuneKind.ARRONDISSEMENT if is_arrondissement(r.code) else CommuneKind.COMMUNE,
                    departement_id=departement_pk[r.departement],
                    epci_id=epci_pk.get(r.epci),
                )
                for r in rows
            ],
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["name", "search_name", "kind", "departement", "epci"],
        )
    return CommuneImportReport(
        regions=len(regions), departements=len(departements), epcis=len(epcis), communes=len(rows)
    )


def communes_load_rows(*, rows: list[tuple[str, str, str, str, str]]) -> CommuneImportReport:
    """Load communes given as (code, name, département, région, epci) tuples (the demo's)."""
    content = "city_code;name;department;region;epci\n" + "\n".join(";".join(row) for row in rows) + "\n"
    return communes_save(rows=_read_communes(content, "démo"))
