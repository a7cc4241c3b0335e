package dev.btrbot.core.jobs;

import dev.btrbot.core.Assessment;
import dev.btrbot.core.Call;
import dev.btrbot.core.Delivery;
import dev.btrbot.core.Outbox;
import dev.btrbot.core.PostKey;
import dev.btrbot.core.Readiness;
import dev.btrbot.core.Recovery;
import dev.btrbot.core.Reply;
import dev.btrbot.core.Rights;
import dev.btrbot.core.Rotator;
import dev.btrbot.core.SignOffButtons;
import dev.btrbot.core.Rights;
import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.CandidateDiff;
import dev.btrbot.domain.GateDecision;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseCandidates;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RoleName;
import dev.btrbot.domain.SignOff;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an active release's branch heads: when the candidate changed, the
 * members whose latest sign-off is on an older one are asked to test again
 * (once per candidate); when the gate is open on the candidate, the tagger
 * (else the release manager) is told so (once per candidate).
 */
public final class CandidateWatchJob {
    private final Store store;
    private final Delivery delivery;
    private final Readiness readiness;
    private final Rights rights;

    /** @param rights who the release managers are (told when the release has no tagger) */
    public CandidateWatchJob(Store store, Delivery delivery, Readiness readiness, Rights rights) {
        this.store = store;
        this.delivery = delivery;
        this.readiness = readiness;
        this.rights = rights;
    }

    void run(Release release, Instant now, List<String> sent) {
        if (release.repos().isEmpty()) {
            return;
        }
        Candidate current;
        try {
            current = readiness.observe(release, Recovery.BOT);
        } catch (Unavailable e) {
            return; // the summary and status report why the heads cannot be read
        }
        nudgeTesters(release.name(), current, now, sent);
        tellTheGateIsOpen(release.name(), current, now, sent);
    }

    private void nudgeTesters(ReleaseName name, Candidate current, Instant now, List<String> sent) {
        Outbox outbox = new Outbox();
        store.write(tx -> {
            Map<MemberId, SignOff> latest = new LinkedHashMap<>();
            tx.signOffs().forRelease(name).forEach(s -> latest.merge(s.member(), s, (x, y) -> y.at().isAfter(x.at()) ? y : x));
            List<SignOff> outdated = latest.values().stream().filter(s -> !s.isOn(current)).toList();
            PostKey key = new PostKey(name, PostKey.Kind.CANDIDATE_CHANGE, current.id());
            if (outdated.isEmpty() || !delivery.claim(tx, key, now)) {
                return null;
            }
            // buttons only where a tester can have installed the candidate: no rc yet, or an rc marks it
            boolean signable = ReleaseCandidates.signable(tx.tagRuns().forRelease(name), current.id());
            for (SignOff s : outdated) {
                Optional<Candidate> old = tx.candidates().find(name, s.candidateId());
                List<String> lines = new ArrayList<>();
                lines.add("You signed off " + s.verdict().label() + " on candidate " + s.candidateId().substring(0, 10)
                        + (s.rcTag() == null ? "" : " (" + s.rcTag() + ")") + "; that sign-off no longer counts. What changed:");
                old.map(o -> CandidateDiff.lines(o, current)).orElse(List.of("(the old candidate is not on record)"))
                        .forEach(l -> lines.add("• " + l));
                lines.add("Please install the new candidate and sign off again (the tagger can push an rc: candidate tag " + name + ").");
                Reply.Builder nudge = Reply.builder(name + ": the candidate changed to " + current.shortId() + " — please test again")
                        .section("", lines);
                if (signable) {
                    nudge.actions(SignOffButtons.of(name, current));
                }
                outbox.tell(s.member(), nudge.build(), key);
            }
            tx.audit().record(now, Recovery.BOT, name, "signoff.nudge", "candidate " + current.shortId() + ": asked "
                    + Scheduler.names(outdated.stream().map(SignOff::member).toList()) + " to test again");
            return null;
        });
        Scheduler.report(delivery.send(outbox), sent);
    }

    /** Cheap first (the gate over the store alone); only when that is open, the full assessment (backports, CI checks). */
    private void tellTheGateIsOpen(ReleaseName name, Candidate current, Instant now, List<String> sent) {
        PostKey key = new PostKey(name, PostKey.Kind.GATE_OPEN, current.id());
        GateDecision cheap = store.read(tx -> Delivery.claimed(tx, key) ? null
                : readiness.storedGate(tx, tx.releases().named(name.value()), current));
        if (cheap == null || !cheap.open()) {
            return;
        }
        Assessment full = readiness.assess(name, Recovery.BOT, null);
        if (!full.gate().open() || full.candidate() == null || !full.candidate().id().equals(current.id())) {
            return;
        }
        Outbox outbox = new Outbox();
        store.write(tx -> {
            if (!delivery.claim(tx, key, now)) {
                return null;
            }
            List<MemberId> taggers = Rights.holders(tx, name, RoleName.TAGGER);
            List<MemberId> to = taggers.isEmpty() ? Rotator.managers(tx, new Call(Recovery.BOT, now, rights), full.release()) : taggers;
            Reply notice = Reply.text("The gate of " + name + " is open on candidate " + current.shortId(),
                    "Every condition holds: sign-offs, blockers, backports, holds.",
                    "Tag it with: tag " + name + " --confirm" + (taggers.isEmpty() ? " (" + name + " has no tagger yet)" : ""));
            to.forEach(m -> outbox.tell(m, notice, key));
            tx.audit().record(now, Recovery.BOT, name, "gate.notice", "gate open on candidate " + current.shortId() + ": told "
                    + Scheduler.names(to));
            return null;
        });
        Scheduler.report(delivery.send(outbox), sent);
    }
}
