package dev.btrbot.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PriorityLabelsTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "untriaged", value = {
            "priority:high | high",
            "Priority:Critical | critical",
            "P0 | critical",
            "p1 | high",
            "priority/critical-urgent | critical",
            "priority/important-soon | high",
            "severity:low | low",
            "severity/major | high",
            "bug | untriaged",
            "bug;priority:low;P1 | high",
            "priority:high;needs triage | untriaged",
            "severity:whatever | untriaged",
    })
    void labelsMapToTheMostSeverePriorityTheyName(String labels, String expected) {
        Priority p = PriorityLabels.DEFAULT.priorityOf(Arrays.asList(labels.split(";")));
        assertThat(p == null ? null : p.label()).isEqualTo(expected);
    }

    @Test
    void configuredEntriesWinOverTheDefaults() {
        PriorityLabels labels = PriorityLabels.withOverrides("P1=critical, blocker-release=high");
        assertThat(labels.priorityOf(List.of("P1"))).isEqualTo(Priority.CRITICAL);
        assertThat(labels.priorityOf(List.of("Blocker-Release"))).isEqualTo(Priority.HIGH);
        assertThat(labels.priorityOf(List.of("priority:low"))).isEqualTo(Priority.LOW);
    }

    @Test
    void aMalformedOverrideIsRefused() {
        assertThatThrownBy(() -> PriorityLabels.withOverrides("P1")).isInstanceOf(Refusal.class).hasMessageContaining("label=priority");
        assertThatThrownBy(() -> PriorityLabels.withOverrides("P1=urgentish")).isInstanceOf(Refusal.class).hasMessageContaining("not a priority");
    }
}
