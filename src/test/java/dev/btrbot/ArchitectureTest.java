package dev.btrbot;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The domain and the core know nothing of platforms, HTTP, SQL or GitHub; adapters plug into them, each on its own;
 * only the wiring (and Main) knows them all, and no two packages depend on each other.
 */
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

    /** Every package on its own (core, core.port, core.commands, adapter.slack, …): no two depend on each other. */
    @Test
    void noPackageCycles() {
        slices().matching("dev.btrbot.(**)").should().beFreeOfCycles().check(MAIN);
    }

    /** Main starts things; nothing starts Main (the demo and the tests build the bot through the wiring). */
    @Test
    void nothingDependsOnMain() {
        noClasses().that().resideOutsideOfPackage("dev.btrbot").should().dependOnClassesThat().resideInAPackage("dev.btrbot")
                .check(MAIN);
    }

    /**
     * Slack translates; the core decides. Its adapter reaches no store or repository (what it needs to know, such as
     * whether a sign-off form may open, it asks {@code core.Interactions}), not the bag of services, and no command.
     */
    @Test
    void theSlackAdapterHoldsNoStoreAndRunsNoCommandItself() {
        noClasses().that().resideInAPackage("dev.btrbot.adapter.slack..")
                .should().dependOnClassesThat().haveNameMatching("dev\\.btrbot\\.core\\.(port\\.(Store|StoreTx|.*Repo)|Services)(\\$.*)?")
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.btrbot.core.commands..", "dev.btrbot.adapter.store..")
                .check(MAIN);
    }

    /**
     * An adapter translates between the core and one outside thing; it does not reach into another adapter. The
     * renderers of the neutral reply (adapter.render: text, HTML) are shared by the adapters that show text or HTML.
     */
    @Test
    void noAdapterDependsOnAnotherAdapter() {
        slices().matching("dev.btrbot.adapter.(*)..").should().notDependOnEachOther()
                .ignoreDependency(DescribedPredicate.alwaysTrue(), resideInAPackage("dev.btrbot.adapter.render.."))
                .check(MAIN);
    }

    @Test
    void onlyTheWiringAndMainPutThePartsTogether() {
        noClasses().that().resideInAnyPackage("dev.btrbot.domain..", "dev.btrbot.core..", "dev.btrbot.adapter..", "dev.btrbot.config..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.btrbot.wiring..", "dev.btrbot.demo..").check(MAIN);
    }

    /** A port that cannot do its part throws core.port.Unavailable; the user-facing Refusal is the domain's and the core's. */
    @Test
    void gitAndGitHubAdaptersFailWithUnavailableNeverWithARefusal() {
        noClasses().that().resideInAnyPackage("dev.btrbot.adapter.git..", "dev.btrbot.adapter.github..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.btrbot.domain.Refusal").check(MAIN);
    }
}
