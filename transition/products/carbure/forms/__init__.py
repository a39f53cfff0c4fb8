"""Forms of CarbuRe, by topic."""
