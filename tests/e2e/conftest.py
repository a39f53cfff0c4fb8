from tests.browser import screenshot

__all__ = ["screenshot"]
