-- GitHub: what the last sync saw of each synced blocker's issue, and each release's sync state.

alter table blocker add column gh_repo text;        -- owner/name
alter table blocker add column gh_number integer;
alter table blocker add column labels text;         -- newline-separated
alter table blocker add column assignees text;      -- newline-separated logins
alter table blocker add column opened_at text;
alter table blocker add column updated_at text;

create table github_sync (
    release            text primary key references release(name),
    refreshed_at       text,                        -- last successful sync
    unreachable_since  text,                        -- first failure since then
    last_error         text,
    running_owner      text,                        -- host:pid of the sync in flight
    running_since      text,
    check ((running_owner is null) = (running_since is null))
);
