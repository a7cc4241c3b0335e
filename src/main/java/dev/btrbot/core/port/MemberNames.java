package dev.btrbot.core.port;

import dev.btrbot.domain.MemberId;
import java.util.Optional;

/**
 * The name a member goes by on their chat platform, to show people instead of
 * a raw id ({@code @pierre:example.org}, {@code U2CERLKJA}). It answers from
 * what the platform adapter already knows and never waits on the network, so
 * rendering may ask for every member it shows. The name is the member's own
 * words: one line, to be escaped like any other text; an id is still what
 * commands take.
 */
public interface MemberNames {
    /** Knows no names: members show as their ids. */
    MemberNames NONE = id -> Optional.empty();

    /** The member's display name, when the platform gave one; empty when unknown (show the id). */
    Optional<String> displayName(MemberId id);
}
