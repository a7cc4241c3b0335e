package dev.btrbot.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What would be tagged: the release branch head of every repository. Its id is
 * a hash of the sorted {@code repo@sha} lines, so any moved head is a new
 * candidate and sign-offs on the old one stop counting.
 */
public record Candidate(ReleaseName release, String id, List<RepoHead> heads, Instant firstSeen) {
    public Candidate {
        heads = heads.stream().sorted().toList();
        if (heads.isEmpty()) {
            throw new IllegalArgumentException("a candidate has at least one repository");
        }
        if (!id.equals(idOf(heads))) {
            throw new IllegalArgumentException("candidate id does not match its heads");
        }
    }

    public static Candidate of(ReleaseName release, List<RepoHead> heads, Instant firstSeen) {
        List<RepoHead> sorted = heads.stream().sorted().toList();
        return new Candidate(release, idOf(sorted), sorted, firstSeen);
    }

    public static String idOf(List<RepoHead> heads) {
        StringBuilder lines = new StringBuilder();
        heads.stream().sorted().forEach(h -> lines.append(h).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(lines.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String shortId() {
        return id.substring(0, 10);
    }

    public Optional<Sha> shaOf(RepoRef repo) {
        return heads.stream().filter(h -> h.repo().equals(repo)).map(RepoHead::sha).findFirst();
    }
}
