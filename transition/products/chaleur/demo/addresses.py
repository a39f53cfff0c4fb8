"""The demo area's addresses (Angers, Trélazé, Avrillé) for the local geocoder, laid out so that
each street shows one answer of the eligibility rule, and the positions that show each answer."""

from transition.platform.geo.ban_files import BanData
from transition.platform.geo.demo import demo_addresses_save, demo_street_add
from transition.platform.geo.projection import to_wgs84
from transition.platform.geo.services import communes_load_rows

__all__ = ["DEMO_ADDRESSES", "DEMO_COMMUNES", "DEMO_STREETS", "load_demo_addresses"]

# Where each type of answer can be seen (lon, lat, what the test answers), all in Angers (49007)
# except the last two.
DEMO_ADDRESSES = (
    (-0.59380, 47.47860, "dans_pdp_reseau_existant", "Belle-Beille, dans le PDP"),
    (-0.54408, 47.44693, "reseau_existant_tres_proche", "La Roseraie, à environ 40 m du réseau"),
    (-0.54325, 47.44775, "reseau_existant_proche", "La Roseraie, à environ 150 m du réseau"),
    (-0.52560, 47.48770, "dans_zone_reseau_futur", "Monplaisir, dans la zone du réseau en construction"),
    (-0.53880, 47.49160, "reseau_futur_tres_proche", "Monplaisir, près du tracé en construction"),
    (-0.53982, 47.43969, "reseau_existant_loin", "La Roseraie sud, à environ 530 m du réseau"),
    (-0.47000, 47.44600, "dans_ville_reseau_existant_sans_trace", "Trélazé (49353)"),
    (-0.63500, 47.52000, "trop_eloigne", "Avrillé, loin de tout réseau"),
)


# Streets of the demo area for the local geocoder (names of streets of these communes; the
# positions are the demo's own, laid out so that each street shows one answer): (street,
# citycode, postcode, city, start and end in Lambert-93, house numbers, the answer along it).
DEMO_STREETS = (
    (
        "Boulevard Victor Beaussier",
        "49007",
        "49000",
        "Angers",
        (429150, 6714860),
        (429330, 6714930),
        20,
        "dans_pdp_reseau_existant",
    ),
    (
        "Avenue Jean XXIII",
        "49007",
        "49000",
        "Angers",
        (433092, 6711111),
        (432940, 6711225),
        20,
        "reseau_existant_tres_proche",
    ),
    (
        "Rue de la Chambre aux Deniers",
        "49007",
        "49000",
        "Angers",
        (433142, 6711211),
        (433022, 6711301),
        20,
        "reseau_existant_proche",
    ),
    (
        "Rue Guillaume Lekeux",
        "49007",
        "49000",
        "Angers",
        (434539, 6715800),
        (434839, 6715850),
        20,
        "dans_zone_reseau_futur",
    ),
    (
        "Rue de Normandie",
        "49007",
        "49000",
        "Angers",
        (433320, 6716120),
        (433480, 6716140),
        20,
        "reseau_futur_tres_proche",
    ),
    ("Rue de Frémur", "49007", "49000", "Angers", (433200, 6710350), (433400, 6710330), 20, "reseau_existant_loin"),
    (
        "Rue Jean Jaurès",
        "49353",
        "49800",
        "Trélazé",
        (438500, 6710800),
        (438700, 6710840),
        20,
        "dans_ville_reseau_existant_sans_trace",
    ),
    (
        "Avenue Pierre Mendès France",
        "49015",
        "49240",
        "Avrillé",
        (429040, 6719320),
        (429240, 6719360),
        20,
        "trop_eloigne",
    ),
)
DEMO_COMMUNES = (
    ("49007", "Angers", "49", "52", "244900015"),
    ("49353", "Trélazé", "49", "52", "244900015"),
    ("49015", "Avrillé", "49", "52", "244900015"),
)


def load_demo_addresses() -> None:
    """The demo area's streets and communes, through the geo platform's own services, so that
    the local geocoder finds addresses near the demo networks. Idempotent."""
    communes_load_rows(rows=[tuple(row) for row in DEMO_COMMUNES])
    data = BanData()
    for position, (street, citycode, postcode, city, start, end, count, _) in enumerate(DEMO_STREETS, start=1):
        demo_street_add(
            data,
            street_id=f"{citycode}_chaleurdemo{position:02d}",
            name=street,
            citycode=citycode,
            postcode=postcode,
            city=city,
            start=to_wgs84(*start),  # the streets are drawn in Lambert-93, like the networks
            end=to_wgs84(*end),
            count=count,
            side_offset_deg=0.0,  # on the axis: each street sits at a known distance from a network
        )
    demo_addresses_save(data)
