"""Data sets: the demo data (`flask seed-demo`)."""
