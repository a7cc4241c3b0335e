-- a member's recent changes, counted for the per-member limit (every replica reads the same log)
create index audit_by_actor on audit_event(actor, at);
