-- Matrix adapter: what must survive a restart so the bot neither replays nor
-- misses commands and never posts twice.

-- key/value: 'since' (the last /sync next_batch handled), 'first_start' (events before it are history)
create table matrix_state (
    key    text primary key,
    value  text not null
);

-- every command or reaction taken on, claimed before it runs: a crash while
-- 'handling' is reported as interrupted at the next start, never re-run
create table matrix_event (
    event_id  text primary key,
    room_id   text not null,
    sender    text not null,
    state     text not null check (state in ('handling','done','interrupted')),
    at        text not null
);

-- the outbox: each send is stored with its transaction id before the PUT, and
-- re-sent with the same id until the homeserver answers (it dedupes by txn id)
create table matrix_txn (
    txn_id        text primary key,
    room_id       text not null,
    event_type    text not null,
    content       text not null,              -- the exact JSON body PUT
    content_hash  text not null,              -- sha-256 of content
    actions       text,                       -- JSON of the Reply actions when the message is a prompt
    state         text not null check (state in ('pending','sent','failed')),
    event_id      text,
    created_at    text not null,
    sent_at       text
);
create index matrix_txn_pending on matrix_txn(created_at) where state = 'pending';
create unique index matrix_txn_event on matrix_txn(event_id) where event_id is not null;

create table matrix_room (
    room_id                 text primary key,
    joined_at               text,
    encryption_notice_at    text
);

-- the direct room the bot uses to tell a member something
create table matrix_dm (
    member   text primary key,
    room_id  text not null
);
