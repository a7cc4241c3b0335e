-- btr-bot schema. Constraints live here, not only in Java.

create table release (
    name          text primary key check (length(name) between 1 and 64),
    branch        text not null,
    repos         text not null,              -- newline-separated git URLs
    milestone     text,
    label         text,
    target        text,                       -- ISO date
    channel       text,
    tag_template  text not null,
    rc_template   text not null,
    state         text not null check (state in ('planning','testing','tagged','announced','cancelled')),
    created_at    text not null
);

create table release_policy (
    release  text not null references release(name),
    key      text not null,
    value    text not null,
    primary key (release, key)
);

create table member (
    id            text primary key,
    display_name  text,
    github_login  text,
    time_zone     text
);

create table away_period (
    id        integer primary key,
    member    text not null references member(id),
    from_day  text not null,
    to_day    text not null,
    check (to_day >= from_day)
);

create table role_pool (
    role      text not null,
    position  integer not null,
    member    text not null references member(id),
    primary key (role, member),
    unique (role, position)
);

create table assignment (
    id          integer primary key,
    release     text not null references release(name),
    role        text not null,
    member      text not null references member(id),
    state       text not null check (state in ('proposed','accepted','declined','expired')),
    by_hand     integer not null default 0,
    at          text not null,
    deadline    text
);
-- at most one live (proposed or accepted) holder per role per release
create unique index assignment_one_live on assignment(release, role) where state in ('proposed','accepted');

create table blocker (
    id           integer primary key,
    release      text not null references release(name),
    number       integer not null,
    url          text not null,
    title        text not null,
    priority     text check (priority in ('critical','high','medium','low')),
    reported     text,
    source       text not null check (source in ('manual','github')),
    open         integer not null default 1,
    waived_by    text,
    waive_reason text,
    waived_at    text,
    created_at   text not null,
    closed_at    text,
    unique (release, number),
    unique (release, url)
);

create table blocker_fix (
    blocker_id  integer not null references blocker(id),
    repo        text not null,
    sha         text not null,
    primary key (blocker_id, repo, sha)
);

create table candidate (
    release     text not null references release(name),
    id          text not null,
    heads       text not null,                -- newline-separated repo@sha, sorted
    first_seen  text not null,
    seq         integer not null,
    primary key (release, id),
    unique (release, seq)
);

create table signoff (
    release       text not null references release(name),
    candidate_id  text not null,
    member        text not null references member(id),
    verdict       text not null check (verdict in ('pass','fail')),
    environment   text not null default '',
    notes         text not null default '',
    rc_tag        text,
    at            text not null,
    primary key (release, candidate_id, member),
    foreign key (release, candidate_id) references candidate(release, id)
);

create table hold (
    id         integer primary key,
    release    text not null references release(name),
    member     text not null,
    reason     text not null,
    at         text not null,
    lifted_by  text,
    lifted_at  text
);

create table tag_run (
    id            integer primary key,
    release       text not null references release(name),
    candidate_id  text not null,
    kind          text not null check (kind in ('rc','final')),
    tag_name      text not null,
    requester     text not null,
    owner         text not null,
    state         text not null check (state in ('running','succeeded','failed','interrupted')),
    started_at    text not null,
    ended_at      text,
    exit_code     integer,
    output        text,
    foreign key (release, candidate_id) references candidate(release, id)
);
-- at most one tag run per release at a time
create unique index tag_run_one_running on tag_run(release) where state = 'running';
-- never a second success for the same candidate and kind
create unique index tag_run_one_success on tag_run(release, candidate_id, kind) where state = 'succeeded';
-- never a second final tag for a release
create unique index tag_run_one_final on tag_run(release) where state = 'succeeded' and kind = 'final';

create table announcement (
    id          integer primary key,
    release     text not null references release(name),
    tag_run_id  integer not null references tag_run(id),
    text        text not null,
    created_at  text not null,
    posted_at   text
);

create table audit_event (
    id       integer primary key,
    at       text not null,
    actor    text not null,
    release  text,
    action   text not null,
    details  text not null
);
create index audit_by_release on audit_event(release, id);

-- the audit log is append-only
create trigger audit_no_update before update on audit_event
begin
    select raise(abort, 'the audit log is append-only');
end;
create trigger audit_no_delete before delete on audit_event
begin
    select raise(abort, 'the audit log is append-only');
end;
