"""Reference data read from data/: the bodies, countries and organisations, themes, roles, schemas."""
