package dev.btrbot.core;

import dev.btrbot.domain.MemberId;

/** One command as a person typed it, and who typed it. */
public record Invocation(MemberId actor, String text) {
}
