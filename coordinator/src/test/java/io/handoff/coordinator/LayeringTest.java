package io.handoff.coordinator;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.handoff.shared.testing.Layering;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The coordinator's layers: front ends ({@code cli}, {@code serve}, {@code demo}) over the scenarios, over the run
 * engine and its parts. The engine knows no scenario and no front end; a scenario is a room that knows no other.
 */
class LayeringTest {

    private static final String ROOT = "io.handoff.coordinator";
    private static final JavaClasses COORDINATOR = Layering.mainClasses(ROOT);

    @Test
    void noPackageCycles() {
        Layering.assertNoCycles(ROOT, COORDINATOR);
    }

    @Test
    void theRunEngineKnowsNoScenarioAndNoFrontEnd() {
        noClasses().that().resideInAnyPackage(ROOT + ".run..", ROOT + ".audit..", ROOT + ".kafka..",
                        ROOT + ".process..", ROOT + ".report..", ROOT + ".broker..", ROOT + ".live..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".scenario..", ROOT + ".scenarios..",
                        ROOT + ".cli..", ROOT + ".serve..", ROOT + ".demo..")
                .because("a scenario brings its plan and its fault to the engine; the engine never asks for one by name")
                .check(COORDINATOR);
    }

    @Test
    void eachScenarioIsARoomOfItsOwn() {
        slices().matching(ROOT + ".scenarios.(*)..").should().notDependOnEachOther().check(COORDINATOR);
        noClasses().that().resideInAPackage(ROOT + ".scenarios.*..").should().dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".cli..", ROOT + ".serve..", ROOT + ".demo..")
                .check(COORDINATOR);
    }

    @Test
    void onlyTheFrontEndsReadTheRegistry() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".cli..", ROOT + ".serve..", ROOT + ".demo..",
                        ROOT + ".scenarios")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".scenarios")
                .check(COORDINATOR);
    }
}
