-- Each backport <release> <pr> that got as far as git, and how it ended (issue 16). attempt counts the attempts
-- for one pull request from 1; commands write one at a time, so the next number is read and written in one
-- transaction. conflict_files: the files that conflicted, one per line.
create table backport_attempt (
    release         text not null references release(name),
    repo            text not null,
    pr              integer not null,
    attempt         integer not null,
    outcome         text not null check (outcome in ('pr-opened', 'pushed', 'conflict', 'failed')),
    branch          text not null,
    url             text,
    conflict_files  text not null default '',
    detail          text,
    by_member       text not null,
    at              text not null,
    primary key (release, repo, pr, attempt)
);
