package dev.btrbot.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.btrbot.domain.NotesCategories;
import dev.btrbot.domain.Refusal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The release-notes categories of a deployment, from the YAML file named by
 * {@code BTR_NOTES_CATEGORIES_FILE}, in the format of GitHub's
 * {@code .github/release.yml}: {@code changelog.categories[]} with
 * {@code title}, {@code labels} and {@code exclude.labels}, and
 * {@code changelog.exclude.labels} / {@code .authors}. Without the variable,
 * the defaults (Breaking, Features, Fixes, Other). A file that cannot be read
 * or says something else stops the start with one sentence.
 */
public final class NotesCategoriesFile {
    public static final String VARIABLE = "BTR_NOTES_CATEGORIES_FILE";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private NotesCategoriesFile() {
    }

    public static NotesCategories fromEnvironment(Map<String, String> env) {
        String file = env.get(VARIABLE);
        return file == null || file.isBlank() ? NotesCategories.DEFAULT : read(Path.of(file));
    }

    public static NotesCategories read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(VARIABLE + ": cannot read " + file + " (" + e.getMessage() + ").", e);
        }
        try {
            return parse(text);
        } catch (IOException | Refusal e) {
            throw new IllegalArgumentException(VARIABLE + ": " + file + " is not a release.yml-style file: " + e.getMessage(), e);
        }
    }

    /** The categories a release.yml-style text describes. */
    public static NotesCategories parse(String yaml) throws IOException {
        JsonNode root = YAML.readTree(yaml);
        JsonNode changelog = root == null ? null : root.get("changelog");
        if (changelog == null || !changelog.path("categories").isArray()) {
            throw new Refusal("it needs changelog.categories, a list of {title, labels}.");
        }
        List<NotesCategories.Category> categories = new ArrayList<>();
        for (JsonNode c : changelog.get("categories")) {
            categories.add(new NotesCategories.Category(c.path("title").asText(null), strings(c.path("labels")),
                    strings(c.path("exclude").path("labels"))));
        }
        JsonNode exclude = changelog.path("exclude");
        return new NotesCategories(categories, Set.copyOf(strings(exclude.path("labels"))), Set.copyOf(strings(exclude.path("authors"))));
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        }
        node.forEach(n -> out.add(n.asText()));
        return out;
    }
}
