-- Forum watch (issue 17): how far the polling got, shared by every replica (one row).
create table forum_cursor (
    id                 integer primary key check (id = 1),
    last_post_id       bigint not null default 0,   -- the highest post id taken
    attempted_at       text,                        -- the last poll, whatever came of it
    polled_at          text,                        -- the last successful poll
    unreachable_since  text,                        -- the first failure since then
    last_error         text
);
