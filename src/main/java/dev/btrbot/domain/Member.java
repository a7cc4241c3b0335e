package dev.btrbot.domain;

/** A person the bot knows; {@code githubLogin} and {@code timeZone} may be null. */
public record Member(MemberId id, String displayName, String githubLogin, String timeZone) {
}
