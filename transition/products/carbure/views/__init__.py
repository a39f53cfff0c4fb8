"""Pages of CarbuRe, by topic; one view per action."""
