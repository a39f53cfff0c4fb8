"""Impact indicators of France Chaleur Urbaine, shown on /stats/chaleur/."""

from datetime import date
from decimal import Decimal

from django.db.models import Sum

from transition.platform.impact.registry import Indicator, day_end, register_indicator

from .domain.co2 import DEFAULT_MWH_PER_DWELLING, GAS_BOILER_G_PER_KWH, avoided_t_per_year, g_per_kwh
from .domain.demand_status import DemandStatus, status_label
from .enums import PRODUCT
from .models import Demand, DemandEvent, EligibilityTestDay


def addresses_tested(day: date) -> int:
    return EligibilityTestDay.objects.filter(day__lte=day).aggregate(n=Sum("tested"))["n"] or 0


def eligible_share_pct(day: date) -> Decimal | None:
    totals = EligibilityTestDay.objects.filter(day__lte=day).aggregate(t=Sum("tested"), e=Sum("eligible"))
    if not totals["t"]:
        return None  # no address tested: no share ("—"), not 0 %
    return (Decimal(totals["e"] or 0) * 100 / totals["t"]).quantize(Decimal("0.1"))


def _demands(day: date):
    return Demand.objects.filter(created_at__lt=day_end(day))


def demands_created(day: date) -> int:
    return _demands(day).count()


def dwellings_concerned(day: date) -> int:
    return _demands(day).aggregate(n=Sum("dwellings_count"))["n"] or 0


def demands_with_status(status: str):
    def compute(day: date) -> int:
        # The status a demand held at the end of `day`: its last status event before then.
        last: dict[int, str] = {}
        events = DemandEvent.objects.filter(created_at__lt=day_end(day)).exclude(to_status="")
        for demand_id, to_status in events.order_by("created_at", "id").values_list("demand_id", "to_status"):
            last[demand_id] = to_status
        return sum(1 for s in last.values() if s == status)

    return compute


def co2_avoided_t(day: date) -> Decimal:
    realised = set(
        DemandEvent.objects.filter(created_at__lt=day_end(day), to_status=DemandStatus.REALISE).values_list(
            "demand_id", flat=True
        )
    )
    total = Decimal(0)
    for demand in Demand.objects.filter(pk__in=realised, status=DemandStatus.REALISE).select_related("network"):
        network = demand.network
        g = None
        if network is not None and network.co2_lca_kg_per_kwh is not None:
            g = g_per_kwh(network.co2_lca_kg_per_kwh)
        elif demand.eligibility_snapshot.get("co2_acv_g_per_kwh") is not None:
            g = demand.eligibility_snapshot["co2_acv_g_per_kwh"]
        total += avoided_t_per_year(
            consumption_mwh=demand.consumption_mwh, dwellings=demand.dwellings_count, network_g_per_kwh=g
        )
    return total.quantize(Decimal("0.1"))


def register() -> None:
    register_indicator(
        Indicator(
            product=PRODUCT,
            key="adresses_testees",
            label="Adresses testées",
            definition="Adresses dont l’éligibilité a été testée : sur la page « Tester une adresse », par l’API et par les tests en masse. Aucune adresse n’est conservée pour ce décompte.",
            unit="adresses",
            compute=addresses_tested,
        )
    )
    register_indicator(
        Indicator(
            product=PRODUCT,
            key="part_eligible",
            label="Part des adresses testées éligibles",
            definition="Parmi les adresses testées, la part pour laquelle un réseau de chaleur passe assez près (types éligibles de la règle France Chaleur Urbaine).",
            unit="%",
            compute=eligible_share_pct,
        )
    )
    register_indicator(
        Indicator(
            product=PRODUCT,
            key="demandes",
            label="Demandes de raccordement",
            definition="Demandes de raccordement envoyées par le formulaire, éligibles ou non.",
            unit="demandes",
            compute=demands_created,
            counts_as_request=True,
        )
    )
    register_indicator(
        Indicator(
            product=PRODUCT,
            key="logements",
            label="Logements concernés",
            definition="Somme des logements déclarés dans les demandes de raccordement (corrigés par le gestionnaire le cas échéant).",
            unit="logements",
            compute=dwellings_concerned,
        )
    )
    for status in DemandStatus:
        register_indicator(
            Indicator(
                product=PRODUCT,
                key=f"demandes_{status.value}",
                label=f"Demandes « {status_label(status)} »",
                definition=f"Demandes dont le statut était « {status_label(status)} » à la fin du jour.",
                unit="demandes",
                compute=demands_with_status(status.value),
                headline=False,
            )
        )
    register_indicator(
        Indicator(
            product=PRODUCT,
            key="co2_evite",
            label="CO₂ évité par les raccordements réalisés",
            definition=(
                "Tonnes de CO₂ évitées chaque année par les demandes arrivées au statut « Réalisé ». Hypothèse : "
                f"le bâtiment quitte une chaudière au gaz ({GAS_BOILER_G_PER_KWH} g CO₂/kWh, en analyse de cycle de "
                "vie) pour le contenu CO₂ ACV du réseau ; son besoin annuel est la consommation saisie par le "
                f"gestionnaire, à défaut {DEFAULT_MWH_PER_DWELLING} MWh par logement."
            ),
            unit="t CO₂/an",
            compute=co2_avoided_t,
        )
    )
