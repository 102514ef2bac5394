"""Loading and cleaning: read, decode, clean, audit, describe a corpus (notebook 00)."""
