-- GitHub: when the last sync of a release got an incomplete search answer (incomplete_results), null after a complete one.

alter table github_sync add column partial_at text;
