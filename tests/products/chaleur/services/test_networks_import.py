"""manage.py chaleur_import: validate everything, then one transaction; re-imports update in place."""

import json
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from transition.platform.core.imports import ImportRefused
from transition.platform.core.models import data_version_get
from transition.products.chaleur.enums import NETWORKS_DATA, NetworkKind
from transition.products.chaleur.models import Network, NetworkUnderConstruction, Pdp
from transition.products.chaleur.services.networks_import import networks_import

pytestmark = pytest.mark.django_db

CRS_L93 = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}}
X, Y = 915_000, 6_455_000  # Grenoble, in Lambert-93


def collection(features, crs=CRS_L93):
    data = {"type": "FeatureCollection", "features": features}
    if crs is not None:
        data["crs"] = crs
    return data


def line(props, *coords):
    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": "MultiLineString", "coordinates": [list(coords)]},
    }


def point(props, x, y):
    return {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [x, y]}}


def square(props, x, y, size):
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [ring]}}


HEAT = {
    "Identifiant reseau": "3801C",
    "nom_reseau": "Réseau de Grenoble",
    "communes": "Grenoble, Échirolles",
    "departement": "Isère",
    "region": "Auvergne-Rhône-Alpes",
    "MO": "Grenoble-Alpes Métropole",
    "Gestionnaire": "Compagnie de chauffage",
    "reseaux classes": "Oui",
    "annee_creation": 1960,
    "longueur_reseau": "180,5",
    "nb_pdl": 1200,
    "Taux EnR&R": 68.2,
    "contenu CO2": 0.081,
    "contenu CO2 ACV": 0.112,
    "PM": 92.4,
    "PV%": 62,
    "PF%": 38,
    "PM_L": 95.1,
    "PM_T": 88.0,
    "Rend%": 89.5,
    "Dev_reseau%": 3.1,
    "production_totale_MWh": 950000,
    "puissance_totale_MW": 780,
    "prod_MWh_biomasse": 400000,
    "prod_MWh_gaz_naturel": 250000,
    "prod_MWh_dechets_internes": 300000,
    "livraisons_residentiel_MWh": 500000,
    "livraisons_tertiaire_MWh": 300000,
    "eau_chaude": "oui",
    "eau_surchauffee": "non",
    "vapeur": None,
}


def write_folder(folder, **files):
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        (folder / f"{name}.geojson").write_text(json.dumps(data))
    return folder


@pytest.fixture
def full(tmp_path):
    return write_folder(
        tmp_path / "opendata",
        reseaux_de_chaleur=collection(
            [
                line(HEAT, [X, Y], [X + 500, Y], [X + 500, Y + 300]),
                line({"nom_reseau": "Réseau sans identifiant"}, [X + 5000, Y], [X + 5100, Y + 100]),
            ]
        ),
        reseaux_de_chaleur_sans_traces=collection(
            [
                point(
                    {
                        "Identifiant reseau": "3802C",
                        "nom_reseau": "Petit réseau",
                        "communes": "Voiron, Coublevie",
                        "departement": "38",
                    },
                    X - 20000,
                    Y + 20000,
                )
            ]
        ),
        reseaux_de_froid=collection(
            [line({"Identifiant reseau": "3801F", "nom_reseau": "Froid"}, [X, Y + 50], [X + 200, Y + 50])]
        ),
        reseaux_de_froid_sans_traces=collection([]),
        pdp=collection([square({"Identifiant reseau": "3801C"}, X - 100, Y - 100, 700)]),
        zones_et_reseaux_en_construction=collection(
            [
                line(
                    {
                        "nom_reseau": "Extension sud",
                        "gestionnaire": "Compagnie de chauffage",
                        "mise_en_service": "2027",
                    },
                    [X, Y - 2000],
                    [X + 800, Y - 2000],
                ),
                square(
                    {"nom_reseau": "Zone nord", "gestionnaire": "Régie", "mise_en_service": "2028"}, X, Y + 3000, 1000
                ),
            ]
        ),
    )


def resolver(name, departement):
    return {"Voiron": "38563", "Coublevie": "38133"}.get(name)


def test_first_import_creates_every_layer_with_its_properties(full):
    before = data_version_get(NETWORKS_DATA)
    report = networks_import(path=full, resolve_commune=resolver)
    assert report.counts["reseaux_de_chaleur.geojson"].created == 2
    assert report.counts["pdp.geojson"].created == 1
    assert report.counts["zones_et_reseaux_en_construction.geojson"].created == 2
    assert report.files_missing == []
    network = Network.objects.get(national_id="3801C")
    assert network.kind == NetworkKind.HEAT and network.has_trace and network.trace.srid == 2154
    assert network.classified is True and network.length_km == 180.5 and network.creation_year == 1960
    assert network.renewable_rate_pct == 68.2 and network.co2_lca_kg_per_kwh == 0.112
    assert network.maitre_ouvrage == "Grenoble-Alpes Métropole" and network.gestionnaire == "Compagnie de chauffage"
    assert network.production_mwh_by_energy == {"biomasse": 400000, "gaz_naturel": 250000, "dechets_internes": 300000}
    assert network.deliveries_mwh_by_sector == {"residentiel": 500000, "tertiaire": 300000}
    assert (network.hot_water, network.superheated_water, network.steam) == (True, False, None)
    assert network.open_to_connections is True
    assert network.source_properties["PM"] == 92.4
    no_trace = Network.objects.get(national_id="3802C")
    assert not no_trace.has_trace and no_trace.location is not None
    assert no_trace.communes == "Voiron, Coublevie" and no_trace.commune_insee_codes == ["38563", "38133"]
    assert Network.objects.get(national_id="3801F").kind == NetworkKind.COLD
    assert Network.objects.get(name="Réseau sans identifiant").import_key.startswith("geom:")
    assert Pdp.objects.get().network == network
    zone = NetworkUnderConstruction.objects.get(is_zone=True)
    assert zone.zone is not None and zone.trace is None and zone.mise_en_service == "2028"
    assert data_version_get(NETWORKS_DATA) != before


def test_reimport_updates_in_place_and_keeps_staff_settings(full):
    networks_import(path=full, resolve_commune=resolver)
    network = Network.objects.get(national_id="3801C")
    network.open_to_connections = False
    network.save()
    unnamed_pk = Network.objects.get(name="Réseau sans identifiant").pk

    again = networks_import(path=full, resolve_commune=resolver)
    assert again.counts["reseaux_de_chaleur.geojson"].unchanged == 2
    assert again.counts["reseaux_de_chaleur.geojson"].created == 0

    data = json.loads((full / "reseaux_de_chaleur.geojson").read_text())
    data["features"][0]["properties"]["Taux EnR&R"] = 71.0
    data["features"].pop(1)
    (full / "reseaux_de_chaleur.geojson").write_text(json.dumps(data))
    third = networks_import(path=full, resolve_commune=resolver, allow_removals=True)
    counts = third.counts["reseaux_de_chaleur.geojson"]
    assert (counts.created, counts.updated, counts.removed) == (0, 1, 1)
    updated = Network.objects.get(national_id="3801C")
    assert updated.pk == network.pk and updated.renewable_rate_pct == 71.0
    assert updated.open_to_connections is False
    assert not Network.objects.filter(pk=unnamed_pk).exists()


def test_a_network_that_gains_a_trace_is_the_same_row(full, tmp_path):
    networks_import(path=full, resolve_commune=resolver)
    before = Network.objects.get(national_id="3802C")
    data = json.loads((full / "reseaux_de_chaleur.geojson").read_text())
    data["features"].append(
        line(
            {"Identifiant reseau": "3802C", "nom_reseau": "Petit réseau"},
            [X - 20000, Y + 20000],
            [X - 19900, Y + 20000],
        )
    )
    (full / "reseaux_de_chaleur.geojson").write_text(json.dumps(data))
    (full / "reseaux_de_chaleur_sans_traces.geojson").write_text(json.dumps(collection([])))
    networks_import(path=full, resolve_commune=resolver)
    after = Network.objects.get(national_id="3802C")
    assert after.pk == before.pk and after.has_trace and after.location is None


def test_missing_files_are_skipped_and_said(full):
    (full / "pdp.geojson").unlink()
    networks_import(path=full, resolve_commune=resolver)
    out = StringIO()
    call_command("chaleur_import", str(full), stdout=out)
    assert "Fichier absent, ignoré : pdp.geojson" in out.getvalue()
    assert "reseaux_de_chaleur.geojson : 0 créé(s), 0 mis à jour, 2 inchangé(s), 0 retiré(s)" in out.getvalue()


def test_a_zip_archive_reads_like_the_folder(full, tmp_path):
    archive = tmp_path / "opendata-fcu.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in full.iterdir():
            zipped.write(path, f"opendata-fcu/{path.name}")
    report = networks_import(path=archive, resolve_commune=resolver)
    assert sum(c.created for c in report.counts.values()) == 7


def test_a_malformed_file_is_refused_with_file_feature_and_reason_and_nothing_changes(full):
    networks_import(path=full, resolve_commune=resolver)
    version = data_version_get(NETWORKS_DATA)
    data = json.loads((full / "reseaux_de_chaleur.geojson").read_text())
    data["features"][0]["properties"]["Taux EnR&R"] = 99.0
    data["features"].append(line({"Identifiant reseau": "3803C", "nb_pdl": "beaucoup"}, [X, Y], [X + 1, Y + 1]))
    (full / "reseaux_de_chaleur.geojson").write_text(json.dumps(data))
    (full / "pdp.geojson").write_text(json.dumps(collection([point({"Identifiant reseau": "3801C"}, X, Y)])))
    with pytest.raises(ImportRefused) as caught:
        networks_import(path=full, resolve_commune=resolver)
    messages = [str(p) for p in caught.value.report.errors]  # the platform's report, by file and feature
    assert "reseaux_de_chaleur.geojson, objet n° 2 : « nb_pdl » devrait être un nombre, pas « beaucoup »" in messages
    assert any(m.startswith("pdp.geojson, objet n° 0 : géométrie de type Point") for m in messages)
    assert Network.objects.get(national_id="3801C").renewable_rate_pct == 68.2
    assert not Network.objects.filter(national_id="3803C").exists()
    assert data_version_get(NETWORKS_DATA) == version
    with pytest.raises(CommandError, match="Import refusé, aucune donnée modifiée"):
        call_command("chaleur_import", str(full))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "JSON illisible"),
        (json.dumps({"type": "Feature"}), "FeatureCollection"),
        (json.dumps(collection([line({"Identifiant reseau": "3801C"}, [0, 0], [1, 1])])), "hors de France"),
        (
            json.dumps(
                collection(
                    [
                        line({"Identifiant reseau": "3801C"}, [X, Y], [X + 1, Y]),
                        line({"Identifiant reseau": "3801C"}, [X, Y], [X + 2, Y]),
                    ]
                )
            ),
            "en double avec l’objet n° 0",
        ),
        (
            json.dumps(collection([line({"Identifiant reseau": "3801F"}, [X, Y], [X + 1, Y])])),
            "n’est pas celui d’un réseau de chaleur",
        ),
        (json.dumps(collection([{"type": "Feature", "properties": {}, "geometry": None}])), "sans géométrie"),
        (
            json.dumps(collection([], crs={"type": "name", "properties": {"name": "EPSG:abc"}})),
            "système de coordonnées",
        ),
    ],
)
def test_reasons(tmp_path, content, reason):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "reseaux_de_chaleur.geojson").write_text(content)
    with pytest.raises(ImportRefused) as caught:
        networks_import(path=folder)
    [problem] = caught.value.report.errors
    assert reason in problem.message and problem.source.startswith("reseaux_de_chaleur.geojson")


def test_a_file_in_wgs84_is_reprojected(tmp_path):
    folder = write_folder(
        tmp_path / "wgs",
        reseaux_de_chaleur=collection([line({"Identifiant reseau": "3801C"}, [5.72, 45.18], [5.73, 45.18])], crs=None),
    )
    networks_import(path=folder)
    trace = Network.objects.get().trace
    assert trace.srid == 2154 and 900_000 < trace.extent[0] < 930_000


def test_nothing_to_read(tmp_path):
    with pytest.raises(ImportRefused) as caught:
        networks_import(path=tmp_path)
    assert "aucun des fichiers" in caught.value.report.errors[0].message
    with pytest.raises(ImportRefused) as caught:
        networks_import(path=tmp_path / "absent")
    assert "introuvable" in caught.value.report.errors[0].message


def test_communes_resolve_through_the_referential(tmp_path):
    from transition.platform.geo.demo import load_demo

    load_demo()  # the platform's demo communes: Marseille, Aubagne, Paris, ...
    folder = write_folder(
        tmp_path / "communes",
        reseaux_de_chaleur_sans_traces=collection(
            [
                point(
                    {"Identifiant reseau": "1399C", "communes": "Marseille, Aubagne", "departement": "13"},
                    893000,
                    6247000,
                ),
                point(
                    {
                        "Identifiant reseau": "1398C",
                        "communes": "Aubagne, Nulle-Part",
                        "departement": "Bouches-du-Rhône",
                    },
                    900000,
                    6247000,
                ),
            ]
        ),
    )
    report = networks_import(path=folder)
    assert Network.objects.get(national_id="1399C").commune_insee_codes == ["13055", "13005"]
    assert Network.objects.get(national_id="1398C").commune_insee_codes == ["13005"]
    assert any("« Nulle-Part » introuvable" in str(warning) for warning in report.warnings)
