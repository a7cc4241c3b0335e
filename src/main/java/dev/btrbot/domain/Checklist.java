package dev.btrbot.domain;

import java.util.List;
import java.util.Map;

/**
 * A release's runbook checklist as the gate and the views see it: its items in order, and who holds each role that
 * owns one (accepted holders; none yet is an empty list).
 */
public record Checklist(List<ChecklistItem> items, Map<RoleName, List<MemberId>> holders) {
    /** No checklist: nothing to tick, nothing that keeps the gate shut. */
    public static final Checklist NONE = new Checklist(List.of(), Map.of());

    public Checklist {
        items = List.copyOf(items);
        holders = Map.copyOf(holders);
    }

    public List<ChecklistItem> open() {
        return items.stream().filter(ChecklistItem::open).toList();
    }

    public List<MemberId> holdersOf(RoleName role) {
        return holders.getOrDefault(role, List.of());
    }

    /**
     * The item {@code ref} names: its id, or its number as the list shows it.
     *
     * @throws Refusal naming the items there are
     */
    public ChecklistItem item(ReleaseName release, String ref) {
        String wanted = ref == null ? "" : ref.strip().toLowerCase(java.util.Locale.ROOT);
        for (ChecklistItem i : items) {
            if (i.id().equals(wanted) || Integer.toString(i.position()).equals(wanted)) {
                return i;
            }
        }
        if (items.isEmpty()) {
            throw new Refusal(release + " has no checklist items.");
        }
        throw new Refusal("'" + Text.clip(ref) + "' is not an item of " + release + "'s checklist (1-" + items.size() + " or "
                + String.join(", ", items.stream().map(ChecklistItem::id).toList()) + ").");
    }
}
