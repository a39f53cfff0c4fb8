"""What the demands side of the product registers with the platform (called from apps.py)."""


def setup() -> None:
    pass
