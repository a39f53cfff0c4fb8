"""Demo data of CarbuRe, loaded by `manage.py demo` (idempotent)."""
