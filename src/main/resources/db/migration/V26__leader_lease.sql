-- Migrations in this folder run on SQLite and on PostgreSQL alike (db/sqlite and db/postgresql hold what differs).
--
-- One lease per kind of work that must run in one place (the Matrix /sync loop, the scheduler's tick): the
-- replica named in holder leads until expires_at (epoch milliseconds) and renews it while it lives; when it
-- stops renewing, the first replica to find the lease expired takes it.
create table leader_lease (
    name        text primary key,
    holder      text not null,
    expires_at  bigint not null,
    renewed_at  bigint not null
);
