"""Connection demands, agencies (ALEC), condominiums registry, ambassadors, bulk tests."""
