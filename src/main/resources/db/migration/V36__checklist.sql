-- The runbook checklist (issue 16). A release is given its checklist once, from the template the bot was started with:
-- a row in checklist says it was (a release with an empty template has the row and no items), so a release created
-- before checklists existed is told apart and given one when its checklist is first read by a command.
create table checklist (
    release     text primary key references release(name),
    created_at  text not null
);

-- One step of it, owned by a role; ticked while checked_by is set. Unticking clears the tick; the audit log keeps
-- every tick and untick.
create table checklist_item (
    release     text not null references release(name),
    item        text not null check (length(item) between 1 and 40),
    text        text not null check (length(text) between 1 and 200),
    role        text not null,
    position    integer not null check (position >= 1),
    checked_by  text,
    checked_at  text,
    note        text,
    primary key (release, item),
    unique (release, position),
    check ((checked_by is null) = (checked_at is null))
);
