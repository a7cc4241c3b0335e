package dev.btrbot.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which issue labels mean which priority. An issue takes the most severe
 * priority its labels name; an issue with a "needs triage" label, or with no
 * label the table knows, is untriaged (null). Labels compare without case.
 * Entries given by configuration win over the defaults, which cover the common
 * schemes: {@code priority:high}, {@code P1}, {@code priority/critical-urgent},
 * {@code severity:*} and {@code severity/*}.
 */
public record PriorityLabels(Map<String, Priority> table) {
    private static final List<String> UNTRIAGED = List.of("needs triage", "needs-triage", "needs:triage", "triage needed");
    private static final List<String> PREFIXES = List.of("priority:", "priority/", "priority-", "severity:", "severity/",
            "severity-", "sev:", "sev/");
    private static final Map<String, Priority> WORDS = Map.of("critical", Priority.CRITICAL, "blocker", Priority.CRITICAL,
            "urgent", Priority.CRITICAL, "high", Priority.HIGH, "major", Priority.HIGH, "medium", Priority.MEDIUM,
            "moderate", Priority.MEDIUM, "low", Priority.LOW, "minor", Priority.LOW);

    public static final PriorityLabels DEFAULT = new PriorityLabels(defaults());

    public PriorityLabels {
        Map<String, Priority> lower = new LinkedHashMap<>();
        table.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        table = Map.copyOf(lower);
    }

    private static Map<String, Priority> defaults() {
        Map<String, Priority> m = new LinkedHashMap<>();
        m.put("p0", Priority.CRITICAL);
        m.put("p1", Priority.HIGH);
        m.put("p2", Priority.MEDIUM);
        m.put("p3", Priority.LOW);
        m.put("p4", Priority.LOW);
        m.put("priority/critical-urgent", Priority.CRITICAL);
        m.put("priority/important-soon", Priority.HIGH);
        m.put("priority/important-longterm", Priority.MEDIUM);
        m.put("priority/backlog", Priority.LOW);
        m.put("priority/awaiting-more-evidence", Priority.LOW);
        return m;
    }

    /**
     * The defaults with {@code spec} on top: {@code "label=priority,label=priority"},
     * e.g. {@code "priority:high=high,P1=critical"}. Refuses a malformed entry.
     */
    public static PriorityLabels withOverrides(String spec) {
        Map<String, Priority> m = new LinkedHashMap<>(defaults());
        if (spec != null) {
            for (String entry : spec.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                int eq = entry.lastIndexOf('=');
                if (eq <= 0) {
                    throw new Refusal("'" + Text.clip(entry) + "' is not label=priority.");
                }
                m.put(entry.substring(0, eq).strip(), Priority.parse(entry.substring(eq + 1).strip()));
            }
        }
        return new PriorityLabels(m);
    }

    /** The priority these labels give an issue; null when it is untriaged. */
    public Priority priorityOf(Collection<String> labels) {
        List<Priority> found = new ArrayList<>();
        for (String raw : labels) {
            String label = raw.strip().toLowerCase(Locale.ROOT);
            if (UNTRIAGED.contains(label)) {
                return null;
            }
            Priority p = table.get(label);
            if (p == null) {
                p = prefixed(label);
            }
            if (p != null) {
                found.add(p);
            }
        }
        return found.stream().min(Enum::compareTo).orElse(null);
    }

    private static Priority prefixed(String label) {
        for (String prefix : PREFIXES) {
            if (label.startsWith(prefix)) {
                return WORDS.get(label.substring(prefix.length()).strip());
            }
        }
        return null;
    }
}
