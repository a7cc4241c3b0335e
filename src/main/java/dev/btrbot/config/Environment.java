package dev.btrbot.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The process environment, with secrets that may come from files: for each secret {@code NAME}
 * the bot reads, {@code NAME_FILE} names a file whose content is its value (the convention of
 * Docker and Compose secrets, {@code /run/secrets/…}). A value set directly wins over a file. A file
 * that cannot be read stops the start with its variable's name, never its content. Other
 * variables ending in {@code _FILE} (the machine's own, or our paths such as a checklist file) are
 * left as they are.
 */
public final class Environment {
    private static final String SUFFIX = "_FILE";
    /** Every secret the bot reads. */
    public static final java.util.Set<String> SECRETS = java.util.Set.of("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET",
            "SLACK_APP_TOKEN", "GITHUB_TOKEN", "MATRIX_ACCESS_TOKEN", "MATRIX_PASSWORD", "BTR_DB_PASSWORD",
            "BTR_DISCOURSE_API_KEY", "BTR_DISCOURSE_WEBHOOK_SECRET");
    private static final long MAX_SECRET_BYTES = 64 * 1024;

    private Environment() {
    }

    /** {@link System#getenv()} with each secret's {@code NAME_FILE} read into {@code NAME}. */
    public static Map<String, String> current() {
        return withSecretFiles(System.getenv());
    }

    public static Map<String, String> withSecretFiles(Map<String, String> raw) {
        Map<String, String> env = new HashMap<>(raw);
        for (String name : SECRETS) {
            String file = raw.get(name + SUFFIX);
            String direct = raw.get(name);
            if (file == null || file.isBlank() || direct != null && !direct.isBlank()) {
                continue;
            }
            env.put(name, read(name + SUFFIX, Path.of(file)));
        }
        return Map.copyOf(env);
    }

    private static String read(String variable, Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_SECRET_BYTES) {
                throw new IllegalArgumentException(variable + " must name a readable file of at most 64 KiB.");
            }
            String value = Files.readString(file, StandardCharsets.UTF_8);
            // a trailing newline is how editors and `echo` leave files; the value is what comes before it
            return value.replaceAll("[\\r\\n]+$", "");
        } catch (IOException e) {
            throw new IllegalArgumentException(variable + " names a file that cannot be read (" + e.getClass().getSimpleName() + ").");
        }
    }
}
