-- A branch can go back to an earlier state: the candidate seen most recently
-- is the one whose heads were read last, not the one first seen last.
alter table candidate add column seen_order integer;
update candidate set seen_order = seq;
