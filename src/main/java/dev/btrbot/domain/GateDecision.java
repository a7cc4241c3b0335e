package dev.btrbot.domain;

import java.util.List;

/** The gate's answer: open only when nothing is unmet; each unmet condition is a sentence a person can act on. */
public record GateDecision(String candidateId, List<String> unmet) {
    public GateDecision {
        unmet = List.copyOf(unmet);
    }

    public boolean open() {
        return unmet.isEmpty();
    }
}
