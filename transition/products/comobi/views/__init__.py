"""CoMobi's pages, by topic; one view per action."""
