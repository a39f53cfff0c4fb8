from ninja import Router

router = Router(tags=["France Chaleur Urbaine — partenaires"])
