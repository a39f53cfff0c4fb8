"""Pure rules of the geo platform (no Django): text normalisation, match scoring, referential facts."""
