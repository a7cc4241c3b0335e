-- Schedules and prompts: per-release summary settings, and one row per
-- scheduled message that was (or is being) sent.

-- absent row = the defaults (09:00 UTC, every day)
create table release_schedule (
    release        text primary key references release(name),
    time_zone      text not null,
    summary_at     text not null check (summary_at glob '[0-2][0-9]:[0-5][0-9]'),
    skip_weekends  integer not null default 0 check (skip_weekends in (0, 1))
);

-- A scheduled message is claimed here before it is sent: whoever inserts the
-- row first (another thread, another process on the same file, a replica on
-- the same PostgreSQL) sends it; everyone else sees the key taken and does
-- not. kind: summary (slot = local date), role-reminder | role-expiry (slot =
-- assignment id), triage-1x | triage-2x (slot = blocker number),
-- candidate-change | gate-open (slot = candidate id).
create table scheduled_post (
    release     text not null references release(name),
    kind        text not null,
    slot        text not null,
    claimed_by  text not null,                -- host:pid of the process that sends it
    claimed_at  text not null,
    sent_at     text,                         -- null: claimed, sending not confirmed (crash, or the chat failed)
    primary key (release, kind, slot)
);
