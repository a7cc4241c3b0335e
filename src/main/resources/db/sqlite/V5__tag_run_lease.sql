-- A running tag run's process says it is alive every few seconds; a run whose
-- heartbeat stopped is known to be cut off on whatever host it ran (containers
-- get a new host name when they are recreated).
alter table tag_run add column heartbeat_at text;
