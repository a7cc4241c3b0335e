-- When the bot last left a room (kicked, banned, or it left): set from a
-- /sync's rooms.leave, or at start for a configured room the homeserver does
-- not list in joined_rooms. A join while it is set starts the room afresh:
-- joined_at becomes the time of that join and left_at is cleared, so nothing
-- said while the bot was out is taken for a command.
alter table matrix_room add column left_at text;
