"""Social contracts (kontrakt socjalny)."""
