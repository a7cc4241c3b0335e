package dev.btrbot.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * How overdue the triage of a blocker is. Only an open, unwaived, untriaged
 * blocker can be overdue; its age runs from the day it was reported (start of
 * that day in the release's zone) or, without one, from when it was added.
 * Past the SLA the triager is pinged; past twice the SLA the release manager
 * is brought in.
 */
public final class TriageSla {
    private TriageSla() {
    }

    public enum Level { WITHIN, OVERDUE, TWICE_OVERDUE }

    public static Instant since(Blocker blocker, ZoneId zone) {
        return blocker.reported() != null ? blocker.reported().atStartOfDay(zone).toInstant() : blocker.createdAt();
    }

    public static Level level(Blocker blocker, ZoneId zone, Duration sla, Instant now) {
        if (!blocker.counts() || !blocker.untriaged()) {
            return Level.WITHIN;
        }
        return level(since(blocker, zone), sla, now);
    }

    /** How overdue something untriaged since {@code since} is (a forum report counts from when the bot found it). */
    public static Level level(Instant since, Duration sla, Instant now) {
        Duration age = Duration.between(since, now);
        if (age.compareTo(sla.multipliedBy(2)) >= 0) {
            return Level.TWICE_OVERDUE;
        }
        return age.compareTo(sla) >= 0 ? Level.OVERDUE : Level.WITHIN;
    }
}
