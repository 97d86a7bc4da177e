"""Cross-script name normalisation: pure functions used to index and search names."""
