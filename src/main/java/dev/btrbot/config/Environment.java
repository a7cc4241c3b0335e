package dev.btrbot.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The process environment, with secrets that may come from files: for any variable {@code NAME},
 * {@code NAME_FILE} names a file whose content is its value (the convention of Docker and Compose
 * secrets, {@code /run/secrets/…}). A value set directly wins over a file. A file that cannot be
 * read stops the start with its variable's name, never its content.
 */
public final class Environment {
    private static final String SUFFIX = "_FILE";
    private static final long MAX_SECRET_BYTES = 64 * 1024;

    private Environment() {
    }

    /** {@link System#getenv()} with every {@code NAME_FILE} read into {@code NAME}. */
    public static Map<String, String> current() {
        return withSecretFiles(System.getenv());
    }

    public static Map<String, String> withSecretFiles(Map<String, String> raw) {
        Map<String, String> env = new HashMap<>(raw);
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String key = e.getKey();
            if (!key.endsWith(SUFFIX) || key.length() == SUFFIX.length()) {
                continue;
            }
            String name = key.substring(0, key.length() - SUFFIX.length());
            String direct = raw.get(name);
            if (direct != null && !direct.isBlank()) {
                continue;
            }
            env.put(name, read(key, Path.of(e.getValue())));
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
