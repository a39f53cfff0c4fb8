"""CoMobi's forms, by topic."""
