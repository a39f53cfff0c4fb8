"""Demo data of the geo platform: a small communes referential and a few streets of Marseille and
Paris for the local geocoder, so that product demos can geocode without the national files.

Street names are real; house numbers and their points are spread along each street between two
approximate ends, not surveyed positions.
"""

from transition.platform.geo.ban_files import BanData, NumberData, PlaceData
from transition.platform.geo.domain.referential import context_of
from transition.platform.geo.models import AddressNumber, AddressPlace
from transition.platform.geo.services import addresses_save, communes_load_rows

AMP = "200054807"  # Métropole d'Aix-Marseille-Provence
MGP = "200054781"  # Métropole du Grand Paris

COMMUNES = [
    ("13055", "Marseille", "13", "93", AMP),
    *[(f"132{n:02d}", "Marseille", "13", "93", AMP) for n in range(1, 17)],
    ("13001", "Aix-en-Provence", "13", "93", AMP),
    ("13005", "Aubagne", "13", "93", AMP),
    ("75056", "Paris", "75", "11", MGP),
    *[(f"751{n:02d}", "Paris", "75", "11", MGP) for n in range(1, 21)],
    ("92012", "Boulogne-Billancourt", "92", "11", MGP),
    ("92050", "Nanterre", "92", "11", MGP),
    ("93066", "Saint-Denis", "93", "11", MGP),
    ("93048", "Montreuil", "93", "11", MGP),
    ("94081", "Vitry-sur-Seine", "94", "11", MGP),
]

# (street, citycode of the arrondissement, postcode, city, (lon, lat) of one end, of the other, numbers)
STREETS = [
    ("La Canebière", "13201", "13001", "Marseille", (5.3740, 43.2960), (5.3860, 43.2995), 80),
    ("Rue de la République", "13202", "13002", "Marseille", (5.3700, 43.2975), (5.3655, 43.3055), 60),
    ("Boulevard Longchamp", "13201", "13001", "Marseille", (5.3850, 43.3000), (5.3945, 43.3040), 40),
    ("Rue Paradis", "13206", "13006", "Marseille", (5.3765, 43.2935), (5.3800, 43.2830), 90),
    ("Avenue du Prado", "13208", "13008", "Marseille", (5.3830, 43.2840), (5.3880, 43.2700), 70),
    ("Quai du Port", "13202", "13002", "Marseille", (5.3660, 43.2955), (5.3735, 43.2965), 30),
    ("Rue Saint-Ferréol", "13201", "13001", "Marseille", (5.3775, 43.2950), (5.3785, 43.2910), 40),
    ("Boulevard Baille", "13205", "13005", "Marseille", (5.3850, 43.2880), (5.3980, 43.2895), 50),
    ("Rue de Rivoli", "75104", "75004", "Paris", (2.3610, 48.8555), (2.3470, 48.8590), 60),
    ("Boulevard Saint-Michel", "75105", "75005", "Paris", (2.3440, 48.8530), (2.3385, 48.8420), 70),
    ("Avenue des Champs-Élysées", "75108", "75008", "Paris", (2.3210, 48.8660), (2.2950, 48.8735), 80),
    ("Rue de la Roquette", "75111", "75011", "Paris", (2.3700, 48.8535), (2.3900, 48.8600), 90),
    ("Rue de Vaugirard", "75115", "75015", "Paris", (2.3090, 48.8440), (2.2920, 48.8350), 90),
    ("Place de la République", "75111", "75011", "Paris", (2.3625, 48.8675), (2.3645, 48.8670), 12),
]

MUNICIPALITIES = [
    ("13055", "Marseille", "13001", (5.3810, 43.2965), 0.9),
    ("75056", "Paris", "75001", (2.3470, 48.8590), 1.0),
]


def demo_street_add(
    data: BanData,
    *,
    street_id: str,
    name: str,
    citycode: str,
    postcode: str,
    city: str,
    start: tuple[float, float],
    end: tuple[float, float],
    count: int,
    side_offset_deg: float = 0.00004,
) -> None:
    """A demo street from `start` to `end` (lon, lat) with house numbers 1..count spread along it;
    odd numbers on one side and even on the other, `side_offset_deg` apart from the axis.
    Products' demos use it too, so that their areas geocode like the platform's."""
    middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    data.places[street_id] = PlaceData(
        ban_id=street_id,
        kind="street",
        name=name,
        postcode=postcode,
        citycode=citycode,
        city=city,
        context=context_of(citycode),
        lon=round(middle[0], 6),
        lat=round(middle[1], 6),
        importance=0.5,
    )
    for number in range(1, count + 1):
        share = (number - 1) / max(count - 1, 1)
        side = side_offset_deg if number % 2 else -side_offset_deg
        lon = start[0] + (end[0] - start[0]) * share
        lat = start[1] + (end[1] - start[1]) * share + side
        number_id = f"{street_id}_{number:05d}"
        data.numbers[number_id] = NumberData(street_id, number_id, str(number), round(lon, 6), round(lat, 6))


def demo_addresses_save(data: BanData) -> None:
    """Writes demo addresses only when they differ from what is stored: running a demo twice changes nothing."""
    present_places = AddressPlace.objects.filter(ban_id__in=list(data.places)).count()
    present_numbers = AddressNumber.objects.filter(place__ban_id__in=list(data.places)).count()
    if present_places != len(data.places) or present_numbers != len(data.numbers):
        addresses_save(data=data)


def demo_addresses() -> BanData:
    data = BanData()
    for citycode, name, postcode, (lon, lat), importance in MUNICIPALITIES:
        data.places[citycode] = PlaceData(
            ban_id=citycode,
            kind="municipality",
            name=name,
            postcode=postcode,
            citycode=citycode,
            city=name,
            context=context_of(citycode),
            lon=lon,
            lat=lat,
            importance=importance,
        )
    for position, (street, citycode, postcode, city, start, end, count) in enumerate(STREETS, start=1):
        demo_street_add(
            data,
            street_id=f"{citycode}_demo{position:02d}",
            name=street,
            citycode=citycode,
            postcode=postcode,
            city=city,
            start=start,
            end=end,
            count=count,
        )
    return data


def load_demo() -> None:
    """Idempotent: the referential is upserted; the addresses are written only when they differ."""
    communes_load_rows(rows=COMMUNES)
    demo_addresses_save(demo_addresses())
