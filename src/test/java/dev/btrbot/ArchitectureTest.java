package dev.btrbot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The domain and the core know nothing of platforms, HTTP, SQL or GitHub; adapters plug into them. */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.btrbot");

    private static final String[] FRAMEWORKS = {"com.slack..", "org.eclipse.jetty..", "jakarta.servlet..", "org.jdbi..", "java.sql..",
            "org.sqlite..", "org.flywaydb..", "org.kohsuke.github..", "..matrix..", "java.net.http.."};

    @Test
    void domainAndCoreDoNotDependOnPlatformsStorageOrGitHub() {
        noClasses().that().resideInAnyPackage("dev.btrbot.domain..", "dev.btrbot.core..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS).check(MAIN);
    }

    @Test
    void domainDependsOnNothingButTheJdk() {
        noClasses().that().resideInAPackage("dev.btrbot.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.btrbot.core..", "dev.btrbot.adapter..", "dev.btrbot.config..",
                        "com.fasterxml..", "picocli..", "org.slf4j..")
                .check(MAIN);
    }

    @Test
    void coreDoesNotReachIntoAdapters() {
        noClasses().that().resideInAnyPackage("dev.btrbot.domain..", "dev.btrbot.core..")
                .should().dependOnClassesThat().resideInAPackage("dev.btrbot.adapter..").check(MAIN);
    }

    @Test
    void adaptersDoNotUseEachOther() {
        noClasses().that().resideInAPackage("dev.btrbot.adapter.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.btrbot.adapter.console..", "dev.btrbot.adapter.git..")
                .check(MAIN);
    }

    /** A port that cannot do its part throws core.port.Unavailable; the user-facing Refusal is the domain's and the core's. */
    @Test
    void gitAndGitHubAdaptersFailWithUnavailableNeverWithARefusal() {
        noClasses().that().resideInAnyPackage("dev.btrbot.adapter.git..", "dev.btrbot.adapter.github..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.btrbot.domain.Refusal").check(MAIN);
    }
}
