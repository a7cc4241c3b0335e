package dev.btrbot.core.jobs;

import dev.btrbot.core.Delivery;
import dev.btrbot.core.NotesDrafts;
import dev.btrbot.core.Outbox;
import dev.btrbot.core.PostKey;
import dev.btrbot.core.Recovery;
import dev.btrbot.core.Reply;
import dev.btrbot.core.Rights;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseNotes;
import dev.btrbot.domain.RoleName;
import dev.btrbot.domain.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When the newest candidate of an active release first has a passing
 * sign-off, the notes-reviewer gets the draft of its release notes, once per
 * candidate: the {@link PostKey} (notes-draft, candidate id) is claimed before
 * it is sent, so replicas and restarts send it once. With nobody holding
 * notes-reviewer, nothing is claimed (whoever takes the role gets it then).
 * A draft that cannot be made (no previous tag) is sent as the reason, with
 * the command that names the tag.
 */
public final class NotesDraftJob {
    private final Store store;
    private final Delivery delivery;
    private final NotesDrafts drafts;

    public NotesDraftJob(Store store, Delivery delivery, NotesDrafts drafts) {
        this.store = store;
        this.delivery = delivery;
        this.drafts = drafts;
    }

    void run(Release release, Instant now, List<String> sent) {
        var name = release.name();
        Candidate candidate = store.read(tx -> {
            Candidate newest = tx.candidates().history(name).stream().findFirst().orElse(null);
            if (newest == null || Delivery.claimed(tx, new PostKey(name, PostKey.Kind.NOTES_DRAFT, newest.id()))
                    || Rights.holders(tx, name, RoleName.NOTES_REVIEWER).isEmpty()) {
                return null;
            }
            boolean passed = tx.signOffs().forRelease(name).stream().anyMatch(s -> s.isOn(newest) && s.verdict() == Verdict.PASS);
            return passed ? newest : null;
        });
        if (candidate == null) {
            return;
        }
        List<String> lines = new ArrayList<>();
        List<String> markdown = List.of();
        try {
            ReleaseNotes.Draft draft = drafts.draft(release, candidate, null).draft();
            lines.add(draft.summary() + ".");
            markdown = draft.markdown().lines().limit(200).toList();
        } catch (Refusal e) {
            lines.add(e.getMessage());
        }
        lines.add("Approve them with: notes " + name + " approve (a new candidate needs a new approval); 'notes " + name
                + "' shows them again.");
        Reply.Builder message = Reply.builder(name + ": release notes of candidate " + candidate.shortId() + " to review").section("", lines);
        if (!markdown.isEmpty()) {
            message.section("Markdown", markdown);
        }
        Reply reply = message.build();
        PostKey key = new PostKey(name, PostKey.Kind.NOTES_DRAFT, candidate.id());
        Outbox outbox = new Outbox();
        store.write(tx -> {
            List<MemberId> reviewers = Rights.holders(tx, name, RoleName.NOTES_REVIEWER);
            if (reviewers.isEmpty() || !delivery.claim(tx, key, now)) {
                return null;
            }
            reviewers.forEach(m -> outbox.tell(m, reply, key));
            tx.audit().record(now, Recovery.BOT, name, "notes.draft", "release notes of candidate " + candidate.shortId()
                    + " sent to " + Scheduler.names(reviewers));
            return null;
        });
        Scheduler.report(delivery.send(outbox), sent);
    }
}
