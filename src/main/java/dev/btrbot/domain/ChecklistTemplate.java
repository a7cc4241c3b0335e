package dev.btrbot.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What each new release's checklist starts from. The default is the runbook Open edX's koa.2 report asked for: install
 * the release candidate the way users do, close every must-have ticket, review the release notes, draft the
 * announcement, each owned by the role that does it. Ids are unique; at most {@link #MAX_ITEMS} items.
 */
public record ChecklistTemplate(List<Entry> entries) {
    public static final int MAX_ITEMS = 50;

    /** One item as the template gives it. */
    public record Entry(String id, String text, RoleName role) {
        public Entry {
            // the item validates id and text with the same words a release's items use
            new ChecklistItem(id, text, role, 1);
        }
    }

    /** The item {@code notes <release> approve} ticks too, where a release's checklist has it. */
    public static final String NOTES_REVIEWED = "notes-reviewed";

    /** The koa.2 report's runbook ("Don't tag the release without manually installing it. Ensure all must-have tickets are completed."). */
    public static final ChecklistTemplate KOA2 = new ChecklistTemplate(List.of(
            new Entry("native-install", "installed the rc with the native installation instructions", RoleName.MANUAL_QA),
            new Entry("must-haves-closed", "every must-have ticket is closed", RoleName.TRIAGE),
            new Entry(NOTES_REVIEWED, "release notes reviewed", RoleName.NOTES_REVIEWER),
            new Entry("announcement-drafted", "announcement drafted", RoleName.ANNOUNCER)));

    /** No items: releases get an empty checklist, which never keeps the gate shut. */
    public static final ChecklistTemplate EMPTY = new ChecklistTemplate(List.of());

    public ChecklistTemplate {
        entries = List.copyOf(entries);
        if (entries.size() > MAX_ITEMS) {
            throw new Refusal("A checklist has at most " + MAX_ITEMS + " items, not " + entries.size() + ".");
        }
        Set<String> ids = new HashSet<>();
        for (Entry e : entries) {
            if (!ids.add(e.id())) {
                throw new Refusal("Two checklist items share the id '" + e.id() + "'.");
            }
        }
    }

    /** A release's items from this template, all open, numbered from 1. */
    public List<ChecklistItem> items() {
        List<ChecklistItem> items = new ArrayList<>();
        for (Entry e : entries) {
            items.add(new ChecklistItem(e.id(), e.text(), e.role(), items.size() + 1));
        }
        return items;
    }

    /**
     * A template in plain lines, one item a line: {@code role: text} (the id is made from the text's first words), or
     * {@code id role: text}. Blank lines and lines starting with '#' are skipped.
     *
     * @throws Refusal naming the line (1-based) and what is wrong with it
     */
    public static ChecklistTemplate parseLines(String content) {
        List<Entry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] lines = content.split("\r?\n", -1);
        for (int n = 1; n <= lines.length; n++) {
            String line = lines[n - 1].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                if (entries.size() == MAX_ITEMS) {
                    throw new Refusal("a checklist has at most " + MAX_ITEMS + " items.");
                }
                Entry entry = line(line, ids);
                ids.add(entry.id());
                entries.add(entry);
            } catch (Refusal e) {
                throw new Refusal("line " + n + ": " + e.getMessage());
            }
        }
        return new ChecklistTemplate(entries);
    }

    private static Entry line(String line, Set<String> taken) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw new Refusal("expected 'role: text' or 'id role: text', e.g. 'manual-qa: installed the rc', not '" + Text.clip(line) + "'.");
        }
        String[] head = line.substring(0, colon).strip().split("\\s+");
        String text = line.substring(colon + 1).strip();
        if (head.length > 2 || head[0].isEmpty()) {
            throw new Refusal("before the ':' come a role, or an id and a role, not '" + Text.clip(line.substring(0, colon)) + "'.");
        }
        RoleName role = RoleName.known(head[head.length - 1]);
        String id = head.length == 2 ? head[0].toLowerCase(Locale.ROOT) : idFrom(text, taken);
        if (taken.contains(id)) {
            throw new Refusal("the id '" + id + "' is taken by an earlier item.");
        }
        return new Entry(id, text, role);
    }

    /** "installed the rc with…" → {@code installed-the-rc}; {@code -2}, {@code -3}… when taken. */
    static String idFrom(String text, Set<String> taken) {
        String[] words = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip().split(" ");
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < words.length && i < 3 && !words[i].isEmpty(); i++) {
            id.append(id.isEmpty() ? "" : "-").append(words[i]);
        }
        String base = id.isEmpty() ? "item" : id.substring(0, Math.min(id.length(), 36)).replaceAll("-+$", "");
        String candidate = base;
        for (int k = 2; taken.contains(candidate); k++) {
            candidate = base + "-" + k;
        }
        return candidate;
    }
}
