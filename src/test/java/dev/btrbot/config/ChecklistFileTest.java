package dev.btrbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.btrbot.domain.ChecklistTemplate;
import dev.btrbot.domain.ChecklistTemplate.Entry;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.RoleName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BTR_CHECKLIST_FILE: YAML or plain lines, read once at start; a bad file is one line naming the line that is wrong. */
class ChecklistFileTest {
    @TempDir
    Path dir;

    private ChecklistTemplate fromFile(String name, String content) throws Exception {
        Path file = Files.writeString(dir.resolve(name), content);
        return BotConfig.fromEnvironment(Map.of("BTR_CHECKLIST_FILE", file.toString())).checklist();
    }

    private String refusal(String name, String content) throws Exception {
        Path file = Files.writeString(dir.resolve(name), content);
        try {
            BotConfig.fromEnvironment(Map.of("BTR_CHECKLIST_FILE", file.toString()));
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("BTR_CHECKLIST_FILE " + file + ", ").doesNotContain("\n");
            return e.getMessage().substring(("BTR_CHECKLIST_FILE " + file + ", ").length());
        }
        throw new AssertionError("the file was taken: " + content);
    }

    @Test
    void withoutAFileReleasesGetTheKoa2Runbook() {
        ChecklistTemplate template = BotConfig.fromEnvironment(Map.of()).checklist();
        assertThat(template).isEqualTo(ChecklistTemplate.KOA2);
        assertThat(template.entries()).extracting(Entry::id)
                .containsExactly("native-install", "must-haves-closed", "notes-reviewed", "announcement-drafted");
        assertThat(template.entries()).extracting(Entry::role)
                .containsExactly(RoleName.MANUAL_QA, RoleName.TRIAGE, RoleName.NOTES_REVIEWER, RoleName.ANNOUNCER);
    }

    @Test
    void plainLinesNameTheRoleAndOptionallyTheId() throws Exception {
        ChecklistTemplate t = fromFile("runbook.txt", """
                # the koa.2 runbook
                manual-qa: installed the rc with the native installation instructions

                must-haves triage: every must-have ticket is closed
                Notes-Reviewer: release notes reviewed: twice
                manual-qa: installed the rc with the native installation instructions on 22.04
                """);
        assertThat(t.entries()).containsExactly(
                new Entry("installed-the-rc", "installed the rc with the native installation instructions", RoleName.MANUAL_QA),
                new Entry("must-haves", "every must-have ticket is closed", RoleName.TRIAGE),
                new Entry("release-notes-reviewed", "release notes reviewed: twice", RoleName.NOTES_REVIEWER),
                new Entry("installed-the-rc-2", "installed the rc with the native installation instructions on 22.04", RoleName.MANUAL_QA));
    }

    @Test
    void anEmptyFileGivesReleasesNoItems() throws Exception {
        assertThat(fromFile("none.txt", "# no checklist here\n\n")).isEqualTo(ChecklistTemplate.EMPTY);
        assertThat(fromFile("none.yaml", "")).isEqualTo(ChecklistTemplate.EMPTY);
        assertThat(fromFile("none.yml", "items: []\n")).isEqualTo(ChecklistTemplate.EMPTY);
    }

    @Test
    void aBadPlainLineIsNamedByItsNumber() throws Exception {
        assertThat(refusal("a.txt", "manual-qa: fine\n\ninstalled it without a role\n"))
                .isEqualTo("line 3: expected 'role: text' or 'id role: text', e.g. 'manual-qa: installed the rc', not 'installed it without a role'.");
        assertThat(refusal("b.txt", "manual-qa: fine\nqa-lead: reviewed\n")).startsWith("line 2: 'qa-lead' is not a role (one of release-manager,");
        assertThat(refusal("c.txt", "one two triage: text\n")).startsWith("line 1: before the ':' come a role, or an id and a role");
        assertThat(refusal("d.txt", "x triage: a\nx manual-qa: b\n")).isEqualTo("line 2: the id 'x' is taken by an earlier item.");
        assertThat(refusal("e.txt", "Bad_Id triage: a\n")).startsWith("line 1: 'bad_id' is not a checklist item id");
        assertThat(refusal("f.txt", "triage: \n")).startsWith("line 1: A checklist item's text is one line of 1 to 200 characters");
        assertThat(refusal("g.txt", "triage: " + "x".repeat(201) + "\n")).startsWith("line 1: A checklist item's text");
        assertThat(refusal("h.txt", "triage: step\n".repeat(51))).isEqualTo("line 51: a checklist has at most 50 items.");
    }

    @Test
    void yamlItemsHaveIdTextAndRole() throws Exception {
        String items = """
                - id: native-install
                  text: installed the rc with the native installation instructions
                  role: manual-qa
                - id: notes-reviewed
                  text: "release notes reviewed: #1 and #2"
                  role: notes-reviewer
                """;
        ChecklistTemplate expected = new ChecklistTemplate(java.util.List.of(
                new Entry("native-install", "installed the rc with the native installation instructions", RoleName.MANUAL_QA),
                new Entry("notes-reviewed", "release notes reviewed: #1 and #2", RoleName.NOTES_REVIEWER)));
        assertThat(fromFile("runbook.yaml", items)).isEqualTo(expected);
        assertThat(fromFile("runbook.yml", "items:\n" + items.indent(2))).isEqualTo(expected);
    }

    @Test
    void aBadYamlItemIsNamedByTheLineItStartsOn() throws Exception {
        String good = "- id: a\n  text: first\n  role: triage\n";
        assertThat(refusal("a.yaml", good + "- id: b\n  text: second\n")).isEqualTo("line 4: the item has no role.");
        assertThat(refusal("b.yaml", good + "- id: b\n  text: second\n  role: qa\n")).startsWith("line 4: 'qa' is not a role");
        assertThat(refusal("c.yaml", good + "- id: b\n  text: second\n  role: triage\n  owner: tina\n"))
                .isEqualTo("line 4: 'owner' is not a field of an item (id, text, role).");
        assertThat(refusal("d.yaml", good + "- id: a\n  text: again\n  role: triage\n")).isEqualTo("line 4: the id 'a' is taken by an earlier item.");
        assertThat(refusal("e.yaml", good + "- just a line\n")).isEqualTo("line 4: each item is a mapping with id, text and role.");
        assertThat(refusal("f.yaml", "id: a\ntext: b\n")).startsWith("line 1: expected a list of items");
        assertThat(refusal("g.yaml", good + "- id: [b\n")).isEqualTo("line 5: not YAML: expected ',' or ']', but got <stream end>.");
        assertThat(refusal("h.yaml", good + "- id: b\n\ttext: c\n")).startsWith("line 5: not YAML: ");
    }

    @Test
    void aFileThatCannotBeReadStopsTheStartNamingIt() {
        Path missing = dir.resolve("missing.txt");
        assertThatThrownBy(() -> BotConfig.fromEnvironment(Map.of("BTR_CHECKLIST_FILE", missing.toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("BTR_CHECKLIST_FILE names a file that cannot be read: " + missing);
    }

    @Test
    void hostileTextInATemplateIsRefused() {
        assertThatThrownBy(() -> ChecklistTemplate.parseLines("triage: fine\u0007bell\n")).isInstanceOf(Refusal.class)
                .hasMessageStartingWith("line 1: A checklist item's text is one line");
        assertThatThrownBy(() -> ChecklistFile.yaml("- id: a\n  text: \"two\\nlines\"\n  role: triage\n")).isInstanceOf(Refusal.class)
                .hasMessageStartingWith("line 1: A checklist item's text is one line");
    }
}
