"""Read side: filters, per-page queries, facets and attention, all read-only SQL for the pages."""
