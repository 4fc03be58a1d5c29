"""What the archive gathers across meetings: roles, themes, countries and organisations, documents."""
