"""Storage: the only SQL writer — connection, named frozen migrations, aggregates, corrections, full-text search."""
