"""Spreadsheets handed out by CoMobi, through the platform's writer."""

from transition.platform.core.spreadsheets import Column, Sheet, xlsx_response

from .domain.schedule_text import weekdays_text


def unmet_requests_xlsx(territory, requests):
    """Unmet requests for the territory's planners: where from, where to, when, why (no names)."""
    sheet = Sheet(
        "Demandes non satisfaites",
        [
            Column("Reçue le", kind="datetime"),
            Column("État"),
            Column("Issue"),
            Column("Départ"),
            Column("Latitude départ", kind="float"),
            Column("Longitude départ", kind="float"),
            Column("Arrivée"),
            Column("Latitude arrivée", kind="float"),
            Column("Longitude arrivée", kind="float"),
            Column("Date", kind="date"),
            Column("Jours"),
            Column("Partir après"),
            Column("Arriver avant"),
            Column("Motif"),
            Column("Origine"),
        ],
        rows=(
            (
                r.created_at,
                r.get_status_display(),
                r.get_outcome_display() if r.outcome else "",
                r.origin_label,
                round(r.origin_lat, 5),
                round(r.origin_lon, 5),
                r.destination_label,
                round(r.destination_lat, 5),
                round(r.destination_lon, 5),
                r.day,
                weekdays_text(r.weekday_set),
                r.leave_after.strftime("%H:%M") if r.leave_after else "",
                r.arrive_before.strftime("%H:%M") if r.arrive_before else "",
                r.get_reason_display(),
                r.get_source_display(),
            )
            for r in requests
        ),
    )
    return xlsx_response(f"comobi-{territory.slug}-demandes-non-satisfaites.xlsx", [sheet])
