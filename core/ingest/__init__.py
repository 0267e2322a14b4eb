"""Write path: the ingest command, its worker pool, and the first-run store of the samples."""
