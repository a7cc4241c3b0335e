-- A tag run outlives the bot that started it (issue 11):
-- * 'partial', a new state: some repositories carry the tag and others do not.
-- * the tag command's process (host, pid, start time as the kernel counts it,
--   the file its output goes to), so that a restarted bot can tell a command
--   still running from one that ended.
-- * tag_run_check: what each repository carried under the tag when the run
--   ended, read back from the repository, never taken from the command.
--
-- SQLite adds a value to a CHECK only by rebuilding the table. Foreign keys stay
-- on inside Flyway's transaction, and renaming tag_run re-points announcement's
-- reference at the renamed table, so announcement is rebuilt after it.
alter table tag_run rename to tag_run_v22;
drop index tag_run_one_running;
drop index tag_run_one_success;
drop index tag_run_one_final;

create table tag_run (
    id             integer primary key,
    release        text not null references release(name),
    candidate_id   text not null,
    kind           text not null check (kind in ('rc','final')),
    tag_name       text not null,
    requester      text not null,
    owner          text not null,
    state          text not null check (state in ('running','succeeded','failed','partial','interrupted')),
    started_at     text not null,
    ended_at       text,
    exit_code      integer,
    output         text,
    heartbeat_at   text,
    command_host   text,
    command_pid    integer check (command_pid is null or command_pid > 0),
    command_start  text,
    command_log    text,
    check ((command_host is null) = (command_pid is null) and (command_pid is null) = (command_start is null)),
    foreign key (release, candidate_id) references candidate(release, id)
);
insert into tag_run (id, release, candidate_id, kind, tag_name, requester, owner, state, started_at, ended_at, exit_code,
                     output, heartbeat_at)
select id, release, candidate_id, kind, tag_name, requester, owner, state, started_at, ended_at, exit_code, output,
       heartbeat_at
from tag_run_v22;
-- at most one tag run per release at a time
create unique index tag_run_one_running on tag_run(release) where state = 'running';
-- never a second success for the same candidate and kind
create unique index tag_run_one_success on tag_run(release, candidate_id, kind) where state = 'succeeded';
-- never a second final tag for a release
create unique index tag_run_one_final on tag_run(release) where state = 'succeeded' and kind = 'final';

alter table announcement rename to announcement_v22;
create table announcement (
    id          integer primary key,
    release     text not null references release(name),
    tag_run_id  integer not null references tag_run(id),
    text        text not null,
    created_at  text not null,
    posted_at   text
);
insert into announcement (id, release, tag_run_id, text, created_at, posted_at)
select id, release, tag_run_id, text, created_at, posted_at from announcement_v22;
drop table announcement_v22;
drop table tag_run_v22;

create table tag_run_check (
    run_id      integer not null references tag_run(id),
    position    integer not null,
    repo        text not null,
    signed_sha  text not null,
    found_sha   text,
    problem     text,
    primary key (run_id, position)
);
