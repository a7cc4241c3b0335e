package dev.btrbot.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.btrbot.domain.ChecklistTemplate;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.RoleName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checklist template, read once at start from {@code BTR_CHECKLIST_FILE} (the koa.2 runbook when unset). A file
 * ending in {@code .yaml} or {@code .yml} is a YAML list of items with {@code id}, {@code text} and {@code role} (or a
 * mapping whose {@code items} is that list); any other file is plain lines ({@link ChecklistTemplate#parseLines}). A
 * bad file stops the start with one line naming the file's line and what is wrong there.
 */
public final class ChecklistFile {
    static final String VARIABLE = "BTR_CHECKLIST_FILE";
    private static final long MAX_BYTES = 64 * 1024;
    private static final Set<String> FIELDS = Set.of("id", "text", "role");

    private ChecklistFile() {
    }

    static ChecklistTemplate fromEnvironment(Map<String, String> env) {
        String file = env.get(VARIABLE);
        return file == null || file.isBlank() ? ChecklistTemplate.KOA2 : read(Path.of(file.strip()));
    }

    /** The template in {@code file}; an IllegalArgumentException naming the file and line when it is not one. */
    public static ChecklistTemplate read(Path file) {
        String content;
        try {
            if (Files.isDirectory(file) || Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(VARIABLE + " must name a readable file of at most 64 KiB, not " + file + ".");
            }
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(VARIABLE + " names a file that cannot be read: " + file + " ("
                    + e.getClass().getSimpleName() + ").");
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        try {
            return name.endsWith(".yaml") || name.endsWith(".yml") ? yaml(content) : ChecklistTemplate.parseLines(content);
        } catch (Refusal e) {
            throw new IllegalArgumentException(VARIABLE + " " + file + ", " + e.getMessage());
        }
    }

    /** A YAML template; a Refusal starting "line N: " when it is not one. */
    static ChecklistTemplate yaml(String content) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        List<ChecklistTemplate.Entry> entries = new ArrayList<>();
        try (JsonParser p = mapper.getFactory().createParser(content)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return ChecklistTemplate.EMPTY;
            }
            if (first == JsonToken.START_OBJECT) {
                // a mapping: its 'items' holds the list
                JsonToken t = p.nextToken();
                if (t != JsonToken.FIELD_NAME || !"items".equals(p.currentName())) {
                    throw at(p.currentLocation(), "expected a list of items (or 'items:' holding one).");
                }
                first = p.nextToken();
            }
            if (first != JsonToken.START_ARRAY) {
                throw at(p.currentLocation(), "expected a list of items, each with id, text and role.");
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                JsonLocation where = p.currentTokenLocation();
                JsonNode node = mapper.readTree(p);
                if (entries.size() == ChecklistTemplate.MAX_ITEMS) {
                    throw at(where, "a checklist has at most " + ChecklistTemplate.MAX_ITEMS + " items.");
                }
                entries.add(entry(node, where, entries));
            }
        } catch (JsonProcessingException e) {
            // SnakeYAML's own words say what it expected and where it found something else
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                throw new Refusal("line " + (yaml.getProblemMark().getLine() + 1) + ": not YAML: " + yaml.getProblem() + ".");
            }
            JsonLocation where = e.getLocation();
            throw new Refusal((where == null ? "" : "line " + where.getLineNr() + ": ") + "not YAML: " + e.getOriginalMessage()
                    .lines().findFirst().orElse("") + ".");
        } catch (IOException e) {
            throw new Refusal("cannot be read (" + e.getClass().getSimpleName() + ").");
        }
        return new ChecklistTemplate(entries);
    }

    private static ChecklistTemplate.Entry entry(JsonNode node, JsonLocation where, List<ChecklistTemplate.Entry> before) {
        if (!node.isObject()) {
            throw at(where, "each item is a mapping with id, text and role.");
        }
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw at(where, "'" + field + "' is not a field of an item (id, text, role).");
            }
        }
        for (String field : FIELDS) {
            if (!node.hasNonNull(field) || !node.get(field).isValueNode()) {
                throw at(where, "the item has no " + field + ".");
            }
        }
        try {
            ChecklistTemplate.Entry entry = new ChecklistTemplate.Entry(node.get("id").asText(), node.get("text").asText(),
                    RoleName.known(node.get("role").asText()));
            if (before.stream().anyMatch(e -> e.id().equals(entry.id()))) {
                throw new Refusal("the id '" + entry.id() + "' is taken by an earlier item.");
            }
            return entry;
        } catch (Refusal e) {
            throw at(where, e.getMessage());
        }
    }

    private static Refusal at(JsonLocation where, String problem) {
        return new Refusal("line " + where.getLineNr() + ": " + problem);
    }
}
