"""What CarbuRe holds about a person, for "Mes données": the steps they took on lots, their
comments, imports and declarations. Lots are records the law requires to be kept (traceability
of biofuels, RED II): on erasure the person is detached from them, the records stay."""

from ..enums import LOT_EVENT_LABELS, PRODUCT, LotEventType
from ..models import Declaration, LotComment, LotEvent, LotImport, StockEvent, StockTransformation


def personal_data_export(user) -> dict:
    memberships = user.memberships.filter(product=PRODUCT).select_related("organisation")
    return {
        "entites": [{"entite": m.organisation.name, "role": m.role} for m in memberships],
        "commentaires": [
            {"lot": c.lot.carbure_id, "date": c.created_at.isoformat(), "texte": c.text}
            for c in LotComment.objects.filter(user=user).select_related("lot")
        ],
        "actions_sur_les_lots": [
            {
                "lot": e.lot.carbure_id,
                "date": e.created_at.isoformat(),
                "action": LOT_EVENT_LABELS[LotEventType(e.event_type)],
            }
            for e in LotEvent.objects.filter(user=user).select_related("lot").order_by("created_at")[:5000]
        ],
        "imports": [
            {"fichier": i.filename, "date": i.created_at.isoformat()} for i in LotImport.objects.filter(user=user)
        ],
        "declarations_validees": [
            {"entite": d.entity.name, "periode": d.period}
            for d in Declaration.objects.filter(declared_by=user).select_related("entity__organisation")
        ],
    }


def personal_data_erase(user) -> None:
    LotEvent.objects.filter(user=user).update(user=None)
    LotComment.objects.filter(user=user).update(user=None)
    StockEvent.objects.filter(user=user).update(user=None)
    StockTransformation.objects.filter(user=user).update(user=None)
    LotImport.objects.filter(user=user).update(user=None)
    Declaration.objects.filter(declared_by=user).update(declared_by=None)
