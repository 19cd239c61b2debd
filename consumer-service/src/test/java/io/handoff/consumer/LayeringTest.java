package io.handoff.consumer;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.handoff.shared.testing.Layering;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The consumer's rooms: {@code ledger} (the locks lesson) stands alone, {@code commit} owns the offset rules and
 * knows nothing of the work, {@code stop} ends the consumer, and no package reaches back into one that uses it.
 */
class LayeringTest {

    private static final JavaClasses CONSUMER = Layering.mainClasses("io.handoff.consumer");

    @Test
    void noPackageCycles() {
        Layering.assertNoCycles("io.handoff.consumer", CONSUMER);
    }

    @Test
    void theLedgerDependsOnNoOtherPartOfTheConsumer() {
        noClasses().that().resideInAPackage("io.handoff.consumer.ledger..").should().dependOnClassesThat()
                .resideInAnyPackage("io.handoff.consumer.work..", "io.handoff.consumer.control..",
                        "io.handoff.consumer.sentinel..", "io.handoff.consumer.commit..", "io.handoff.consumer.stop..",
                        "io.handoff.consumer.web..")
                .check(CONSUMER);
    }

    @Test
    void theCommitRulesKnowNothingOfWorkControlOrStopping() {
        noClasses().that().resideInAPackage("io.handoff.consumer.commit..").should().dependOnClassesThat()
                .resideInAnyPackage("io.handoff.consumer.work..", "io.handoff.consumer.control..",
                        "io.handoff.consumer.stop..", "io.handoff.consumer.ledger..", "io.handoff.consumer.web..")
                .check(CONSUMER);
    }
}
