-- Forum watch (issue 17): what the bot found on the community's forum, per release, and how it was triaged.
-- Runs on SQLite and on PostgreSQL alike.

-- Other names a release goes by on the forum ("koa 2", "the koa release"), kept in lower case.
create table release_alias (
    release     text not null references release(name),
    alias       text not null check (length(alias) between 1 and 100),
    primary key (release, alias)
);

-- One report per release and forum thread; later posts in the thread add to its replies.
create table forum_report (
    release         text not null references release(name),
    number          integer not null,             -- what 'forum reports' shows, per release
    topic_id        bigint not null,
    url             text not null,
    title           text not null,
    author          text not null,
    created_at      text not null,                -- when the post was written
    excerpt         text not null,
    found_at        text not null,                -- when the bot made the report (the triage SLA counts from it)
    state           text not null default 'untriaged'
                    check (state in ('untriaged', 'blocker', 'linked', 'dismissed')),
    triaged_by      text,
    triaged_at      text,
    reason          text,                         -- why it was dismissed
    blocker_number  integer,                      -- the blocker it became or was linked to
    issue_url       text,                         -- the GitHub issue opened for it
    replies         integer not null default 0,
    last_reply_at   text,
    last_reply_by   text,
    primary key (release, number),
    unique (release, topic_id),
    check ((state = 'untriaged') = (triaged_at is null))
);

-- Every post taken, so the same post (polled twice, polled and sent by webhook) changes nothing the second time.
create table forum_post_seen (
    post_id         bigint not null,
    release         text not null,
    report_number   integer not null,
    primary key (post_id, release),
    foreign key (release, report_number) references forum_report(release, number)
);
