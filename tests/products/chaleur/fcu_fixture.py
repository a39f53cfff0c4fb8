"""France Chaleur Urbaine's own eligibility fixture (WGS84 GeoJSON) loaded into our models."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.contrib.gis.geos import GEOSGeometry, MultiLineString, MultiPolygon
from shapely.geometry import Point, shape

from transition.products.chaleur.models import Network, NetworkUnderConstruction, Pdp


@dataclass
class LoadedFixture:
    test_points: list[dict]  # {"lon", "lat", "expected", "name", "citycode"}
    by_fcu_id: dict[int, object]  # id_fcu -> model instance


def _geos(geometry: dict) -> GEOSGeometry:
    geos = GEOSGeometry(json.dumps(geometry), srid=4326)
    geos.transform(2154)
    return geos


def _multi_line(geometry: dict):
    geos = _geos(geometry)
    return MultiLineString(geos, srid=2154) if geos.geom_type == "LineString" else geos


def _multi_polygon(geometry: dict):
    geos = _geos(geometry)
    return MultiPolygon(geos, srid=2154) if geos.geom_type == "Polygon" else geos


def load(path: Path) -> LoadedFixture:
    features = json.loads(path.read_text())["features"]
    communes = [
        (shape(f["geometry"]), f["properties"]["insee_com"]) for f in features if f["properties"]["type"] == "commune"
    ]
    by_fcu_id: dict[int, object] = {}
    for feature in features:
        props, geometry = feature["properties"], feature["geometry"]
        if props["type"] == "reseauDeChaleur":
            traced = geometry["type"] != "Point"
            by_fcu_id[props["id_fcu"]] = Network.objects.create(
                import_key=f"id:{props['Identifiant reseau']}",
                national_id=props["Identifiant reseau"],
                name=props.get("nom_reseau", ""),
                gestionnaire=props.get("Gestionnaire", ""),
                classified=props.get("reseaux classes"),
                has_trace=traced,
                trace=_multi_line(geometry) if traced else None,
                location=None if traced else _geos(geometry),
                commune_insee_codes=props.get("communes_insee", []),
                open_to_connections=props["ouvert_aux_raccordements"],
            )
        elif props["type"] == "reseauEnConstruction":
            zone = geometry["type"] in {"Polygon", "MultiPolygon"}
            by_fcu_id[props["id_fcu"]] = NetworkUnderConstruction.objects.create(
                import_key=f"fcu:{props['id_fcu']}",
                name=props.get("nom_reseau", ""),
                gestionnaire=props.get("gestionnaire", ""),
                is_zone=zone,
                zone=_multi_polygon(geometry) if zone else None,
                trace=None if zone else _multi_line(geometry),
                open_to_connections=props["ouvert_aux_raccordements"],
            )
    for feature in features:
        props = feature["properties"]
        if props["type"] == "pdp":
            (network_id,) = props["reseau_de_chaleur_ids"]
            pdp = Pdp.objects.create(
                import_key=f"fcu:{props['id_fcu']}",
                national_id=by_fcu_id[network_id].national_id,
                network=by_fcu_id[network_id],
                geometry=_multi_polygon(feature["geometry"]),
            )
            pdp.networks_under_construction.set([by_fcu_id[i] for i in props["reseau_en_construction_ids"]])
    test_points = []
    for feature in features:
        props = feature["properties"]
        if props["type"] != "test":
            continue
        lon, lat = feature["geometry"]["coordinates"]
        # The commune of the point, as the geocoder would give it: from the fixture's polygons.
        citycode = next((code for polygon, code in communes if polygon.contains(Point(lon, lat))), None)
        test_points.append(
            {
                "lon": lon,
                "lat": lat,
                "expected": props["expectedEligibilityType"],
                "name": props.get("name"),
                "citycode": citycode,
            }
        )
    return LoadedFixture(test_points=test_points, by_fcu_id=by_fcu_id)
