package dev.btrbot.core;

import dev.btrbot.core.port.StoreTx;
import dev.btrbot.domain.Assignment;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.RoleName;
import dev.btrbot.domain.Rotation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Offers a role to the next member of its pool: after whoever was offered it
 * last in any release, skipping members away on the release's target date (or
 * today) and members who declined it or let it expire for this release. Every
 * offer prompts the member (accept/decline, with the deadline); every decline
 * or expiry tells the release manager who is asked next, or that nobody is
 * left and the role must be assigned by hand. Messages go into the caller's
 * {@link Outbox}, sent after the transaction commits.
 */
public final class Rotator {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Duration roleDeadline;

    /** @param roleDeadline how long an offered member has to accept */
    public Rotator(Duration roleDeadline) {
        this.roleDeadline = roleDeadline;
    }

    /** @return the member offered the role, or empty when nobody in the pool is available */
    public Optional<Assignment> offer(StoreTx tx, Call call, Release release, RoleName role, Outbox outbox) {
        List<MemberId> pool = tx.roles().pool(role);
        Set<MemberId> passed = tx.roles().assignments(release.name()).stream()
                .filter(a -> a.role().equals(role) && !a.byHand()
                        && (a.state() == Assignment.State.DECLINED || a.state() == Assignment.State.EXPIRED))
                .map(Assignment::member).collect(Collectors.toSet());
        LocalDate day = release.target() != null ? release.target() : LocalDate.ofInstant(call.now(), ZoneOffset.UTC);
        Optional<MemberId> next = Rotation.next(pool, tx.roles().lastOffered(role),
                m -> passed.contains(m) || tx.members().away(m).stream().anyMatch(p -> p.covers(day)));
        return next.map(m -> {
            Assignment a = tx.roles().assign(release.name(), role, m, Assignment.State.PROPOSED, false, call.now(),
                    call.now().plus(roleDeadline));
            call.audit(tx, release.name(), "role.propose", role + " offered to " + m + " until " + a.deadline());
            outbox.tell(m, prompt(release, a, false), new PostKey(release.name(), PostKey.Kind.ROLE_OFFER, a.id()));
            return a;
        });
    }

    /** Offers every role of the release that nobody fills yet and that has a pool; one line per role. */
    public List<String> rotateAll(StoreTx tx, Call call, Release release, Outbox outbox) {
        List<String> lines = new ArrayList<>();
        List<Assignment> existing = tx.roles().assignments(release.name());
        for (RoleName role : RoleName.DEFAULTS) {
            Optional<Assignment> live = existing.stream().filter(a -> a.role().equals(role) && a.live()).findFirst();
            if (live.isPresent()) {
                lines.add(role + ": " + live.get().member() + " (" + live.get().state().label() + ")");
            } else if (tx.roles().pool(role).isEmpty()) {
                lines.add(role + ": no pool (pool " + role + " add <member>, or role assign)");
            } else {
                lines.add(offer(tx, call, release, role, outbox)
                        .map(a -> role + ": offered to " + a.member() + " — accept by " + when(a.deadline()))
                        .orElse(role + ": nobody in the pool is available; the release manager assigns by hand (role assign)"));
            }
        }
        return lines;
    }

    /**
     * After {@code lapsed} was declined or expired: offers the role to the next
     * member and tells the release manager what happened.
     *
     * @param happened one line for the release manager, e.g. "ana declined manual-qa for koa.2"
     * @return the new offer, if anyone was available
     */
    public Optional<Assignment> moveOn(StoreTx tx, Call call, Release release, Assignment lapsed, String happened,
                                              Outbox outbox) {
        Optional<Assignment> next = offer(tx, call, release, lapsed.role(), outbox);
        String command = "role assign " + release.name() + " " + lapsed.role() + " <member>";
        Reply note = next.map(a -> Reply.text(happened, "Offered to " + a.member() + " instead (until " + when(a.deadline()) + ")."))
                .orElseGet(() -> Reply.text(happened + "; nobody else in the pool is available",
                        "Please assign " + lapsed.role() + " by hand: " + command));
        PostKey key = new PostKey(release.name(), PostKey.Kind.ROLE_NOTE, lapsed.id());
        managers(tx, call, release).forEach(m -> outbox.tell(m, note, key));
        return next;
    }

    /** The release's release-manager(s); with none, the admins. */
    public static List<MemberId> managers(StoreTx tx, Call call, Release release) {
        List<MemberId> holders = Rights.holders(tx, release.name(), RoleName.RELEASE_MANAGER);
        return holders.isEmpty() ? call.rights().admins() : holders;
    }

    /** The accept/decline prompt for an offer; {@code reminder} for the one halfway to the deadline. */
    public static Reply prompt(Release release, Assignment offer, boolean reminder) {
        String title = reminder
                ? "Reminder: you were offered " + offer.role() + " for " + release.name() + " and have not answered yet"
                : "You are offered the " + offer.role() + " role for " + release.name();
        Reply.Builder b = Reply.builder(title).section("", List.of(
                "Please accept or decline by " + when(offer.deadline()) + "; after that it goes to the next member of the pool.",
                "Away then? Decline, and mark yourself away (away <member> <from> <to>) so rotation skips you."));
        return b.action(new Reply.Action(Reply.Intent.ACCEPT, "Accept " + offer.role(), "role accept " + release.name() + " " + offer.role(), null))
                .action(new Reply.Action(Reply.Intent.DECLINE, "Decline " + offer.role(), "role decline " + release.name() + " " + offer.role(), null))
                .build();
    }

    public static String when(Instant at) {
        return at == null ? "no deadline" : WHEN.format(at);
    }
}
