"""`python -m core.ingest`: the ingest command (core/ingest/run.py)."""

from core.ingest.run import main

raise SystemExit(main())
