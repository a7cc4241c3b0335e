package dev.btrbot.adapter.git;

import dev.btrbot.domain.RepoRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The local copies of repositories the git adapters keep under {@code BTR_GIT_CACHE} (the backport check's and the
 * release notes' mirrors, the cherry-picker's working clones): where each lives, and how a new one appears whole or
 * not at all, so a bot killed while cloning never leaves a half-made copy that later fetches would trust.
 */
final class LocalCopies {
    private LocalCopies() {
    }

    /**
     * The folder for {@code repo} under {@code cacheDir}: a short hash of its url (two urls never share one) and its
     * name, for people looking at the cache.
     */
    static Path dir(Path cacheDir, RepoRef repo, String suffix) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(repo.url().getBytes(StandardCharsets.UTF_8));
            String name = repo.name().replaceAll("[^A-Za-z0-9._-]", "_");
            return cacheDir.resolve(HexFormat.of().formatHex(digest, 0, 6) + "-" + name + suffix);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * Makes {@code target} by running {@code create} on a sibling {@code .partial} folder and moving it into place in
     * one step; whatever was at either path before is removed first. When {@code create} throws, the partial folder is
     * removed and the exception goes on.
     */
    static void createAtomically(Path target, Consumer<Path> create) {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Files.createDirectories(target.getParent());
            deleteTree(target);
            deleteTree(partial);
            try {
                create.accept(partial);
            } catch (RuntimeException e) {
                deleteQuietly(partial);
                throw e;
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + target, e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            // the next attempt deletes it again before use
        }
    }
}
