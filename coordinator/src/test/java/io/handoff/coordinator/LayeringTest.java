package io.handoff.coordinator;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.handoff.shared.testing.Layering;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The coordinator's layers: front ends ({@code cli}, {@code serve}, {@code demo}) over the scenarios and the run
 * engine, both over the scenario contract ({@code scenario}: the plan, the fault, its scene, its events, the shared
 * strikes). The engine knows no scenario and no front end; a scenario is a room that knows no other, and reaches
 * the run only through the contract and the report.
 */
class LayeringTest {

    private static final String ROOT = "io.handoff.coordinator";
    private static final JavaClasses COORDINATOR = Layering.mainClasses(ROOT);
    /** What a scenario never reaches: the engine, its machinery, and the front ends above it. */
    private static final String[] ENGINE_AND_ABOVE = {ROOT + ".run..", ROOT + ".kafka..", ROOT + ".process..",
            ROOT + ".broker..", ROOT + ".live..", ROOT + ".agent..", ROOT + ".bench..", ROOT + ".web..",
            ROOT + ".cli..", ROOT + ".serve..", ROOT + ".demo..", ROOT + ".scenarios"};

    @Test
    void noPackageCycles() {
        Layering.assertNoCycles(ROOT, COORDINATOR);
    }

    @Test
    void theRunEngineKnowsNoScenarioAndNoFrontEnd() {
        noClasses().that().resideInAnyPackage(ROOT + ".run..", ROOT + ".audit..", ROOT + ".kafka..",
                        ROOT + ".process..", ROOT + ".report..", ROOT + ".broker..", ROOT + ".live..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".scenarios..", ROOT + ".cli..",
                        ROOT + ".serve..", ROOT + ".demo..")
                .because("a scenario brings its plan and its fault to the engine through the contract in scenario;"
                        + " the engine never asks for one by name")
                .check(COORDINATOR);
    }

    @Test
    void theScenarioContractStandsBelowTheEngine() {
        noClasses().that().resideInAPackage(ROOT + ".scenario")
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE_AND_ABOVE)
                .because("a scenario author reads the contract in full, and nothing in it leads into the engine")
                .check(COORDINATOR);
    }

    @Test
    void eachScenarioIsARoomOfItsOwnThatReadsOnlyTheContractAndTheReport() {
        slices().matching(ROOT + ".scenarios.(*)..").should().notDependOnEachOther().check(COORDINATOR);
        noClasses().that().resideInAPackage(ROOT + ".scenarios.*..").should().dependOnClassesThat()
                .resideInAnyPackage(ENGINE_AND_ABOVE)
                .because("a fault acts on the run through its scene, and tells through its events")
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
