"""The shapes of CarbuRe's API, pinned by the issue: keep every key as it is."""

from ninja import Schema

TemplateValue = str | int | float | bool | None


class LotsIn(Schema):
    lots: list[dict[str, TemplateValue]]


class LotErrorOut(Schema):
    code: str
    blocking: bool
    field: str | None
    message: str


class CheckedLotOut(Schema):
    row: int
    ghg_total: float | None
    ghg_reduction: float | None
    ghg_reduction_red_ii: float | None
    errors: list[LotErrorOut]


class CheckOut(Schema):
    lots: list[CheckedLotOut]
