-- A direct room that is end-to-end encrypted (the homeserver encrypts new
-- rooms by default, or the member turned encryption on): btr-bot cannot write
-- there. encrypted_at: when the bot found out; told_at: when it told the
-- member so in a release room (once).
alter table matrix_dm add column encrypted_at text;
alter table matrix_dm add column told_at text;
