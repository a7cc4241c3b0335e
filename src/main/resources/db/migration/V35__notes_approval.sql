-- Release notes approved for a candidate (notes <release> approve): bound to the candidate, so a new candidate
-- needs a new approval. One approval per release and candidate; the first one stands.
create table notes_approval (
    release       text not null references release(name),
    candidate_id  text not null,
    approved_by   text not null,
    approved_at   text not null,
    primary key (release, candidate_id)
);
