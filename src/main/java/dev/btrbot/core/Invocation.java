package dev.btrbot.core;

import dev.btrbot.domain.MemberId;

/**
 * One command as a person typed it. {@code place} is where it was said (a
 * channel or room id, "console"); replies and prompts go back there.
 */
public record Invocation(MemberId actor, String place, String text) {
}
