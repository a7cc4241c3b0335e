-- Signed chat requests already taken, kept for the platform's replay window (Slack: five minutes),
-- so a request captured and sent again is dropped by every process on this database.
create table seen_request (
    key  text primary key,
    at   integer not null   -- epoch milliseconds
);
create index seen_request_by_at on seen_request(at);
