-- The backport queue (issue 16): per release, the changes merged to a repository's default branch since the release
-- branch forked that ask to be on it (a backport label, a trailer). A candidate is pending until it is on the release
-- branch (landed says how) or a manager declines it with a reason. Times are ISO-8601 text, as elsewhere.
create table backport_candidate (
    release         text not null references release(name),
    repo            text not null,
    pr              integer not null,
    title           text not null,
    author          text,
    merge_sha       text not null,
    merged_at       text,
    found_by        text not null,
    state           text not null check (state in ('pending', 'on-branch', 'declined')),
    landed          text check (landed in ('ancestor', 'cherry-pick', 'same-patch')),
    declined_by     text,
    decline_reason  text,
    declined_at     text,
    first_seen      text not null,
    primary key (release, repo, pr)
);

-- A release's own backport label patterns (comma-separated); a release without a row uses the defaults.
create table backport_labels (
    release   text primary key references release(name),
    patterns  text not null
);
