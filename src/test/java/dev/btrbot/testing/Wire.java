package dev.btrbot.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The services' official wire formats, kept in the repository under
 * {@code src/test/resources/wire} (each folder's {@code SOURCE.md} names where it came from and its licence).
 * Tests read them from the test classpath only, so a clone of the repository is all they need.
 */
public final class Wire {
    private Wire() {
    }

    /** A file or folder under {@code wire/}, e.g. {@code Wire.path("github/recordings")}. */
    public static Path path(String relative) {
        URL url = Wire.class.getResource("/wire/" + relative);
        if (url == null) {
            throw new IllegalStateException("wire/" + relative + " is not on the test classpath (src/test/resources/wire)");
        }
        try {
            Path p = Path.of(url.toURI());
            if (!Files.exists(p)) {
                throw new IllegalStateException(p + " does not exist");
            }
            return p;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
