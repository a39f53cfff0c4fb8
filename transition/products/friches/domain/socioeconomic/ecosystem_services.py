"""What nature on the site is worth each year, in euros per m² (Bénéfriches' values): amenities of
prairies (0.0071) and forests (0.0315), services of wet lands (0.0234), forest products (0.0157),
pollination (0.0092), regulation of invasive species (0.0034), the water cycle (0.1356 under
permanent vegetation, 0.0254 on other permeable soil), the nitrogen cycle (prairies 0.0069, wet
lands 0.0199), soil erosion avoided (0.025) and water regulation (0.01184 for prairies, forests
and remediated soil, 0.08813 for wet lands). Surfaces may be negative: a loss."""


def nature_wellness(*, prairie_m2: float = 0, forest_m2: float = 0, wet_land_m2: float = 0) -> float:
    return prairie_m2 * 0.0071 + forest_m2 * 0.0315 + wet_land_m2 * 0.0234


def forest_products(forest_m2: float) -> float:
    return forest_m2 * 0.0157


def pollination(surface_m2: float) -> float:
    return surface_m2 * 0.0092


def invasive_species_regulation(surface_m2: float) -> float:
    return surface_m2 * 0.0034


def water_cycle(permanent_vegetation_m2: float, other_permeable_m2: float) -> float:
    return permanent_vegetation_m2 * 0.1356 + other_permeable_m2 * 0.0254


def nitrogen_cycle(*, prairie_m2: float = 0, wet_land_m2: float = 0) -> float:
    return prairie_m2 * 0.0069 + wet_land_m2 * 0.0199


def soil_erosion(surface_m2: float) -> float:
    return surface_m2 * 0.025


def water_regulation(
    *, prairie_m2: float = 0, forest_m2: float = 0, wet_land_m2: float = 0, decontaminated_m2: float = 0
) -> float:
    return (prairie_m2 + forest_m2 + decontaminated_m2) * 0.01184 + wet_land_m2 * 0.08813
