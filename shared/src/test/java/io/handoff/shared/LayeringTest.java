package io.handoff.shared;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.handoff.shared.testing.Layering;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The wire contract stands alone; only the runtime package knows Quarkus. */
class LayeringTest {

    private static final JavaClasses SHARED = Layering.mainClasses("io.handoff.shared");

    @Test
    void noPackageCycles() {
        Layering.assertNoCycles("io.handoff.shared", SHARED);
    }

    @Test
    void theWireContractDependsOnNothingButTheJdkAndJacksonsAnnotations() {
        classes().that().resideInAPackage("io.handoff.shared.message..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.handoff.shared.message..", "java..", "com.fasterxml.jackson.annotation..")
                .because("every process, and anyone writing to the topics, reads the same records")
                .check(SHARED);
    }

    @Test
    void onlyTheRuntimePackageKnowsTheServiceFramework() {
        noClasses().that().resideOutsideOfPackage("io.handoff.shared.runtime..").should().dependOnClassesThat()
                .resideInAnyPackage("io.quarkus..", "jakarta..", "io.smallrye..", "io.micrometer..")
                .because("the contract, codecs and Kafka helpers are used by the coordinator too, which is no service")
                .check(SHARED);
    }
}
