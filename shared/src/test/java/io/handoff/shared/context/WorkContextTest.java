package io.handoff.shared.context;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkContextTest {

    private static final WorkContext ITEM_7 = new WorkContext("producer-0/7", "producer-0", 7, "worker-1");
    private static final WorkContext ITEM_8 = new WorkContext("producer-0/8", "producer-0", 8, "worker-1");

    /** Something deep in a call stack that needs the item but was never handed it. */
    private static Optional<Long> deepDown() {
        return WorkContext.current().map(WorkContext::seq);
    }

    @Test
    void isReadableDeepInTheCallStackAndMirroredIntoTheMdcWhileOpen() {
        try (WorkContext.Scope ignored = WorkContext.open(ITEM_7)) {
            assertThat(deepDown()).contains(7L);
            assertThat(MDC.get(WorkContext.MDC_TRACE)).isEqualTo("producer-0/7");
        }
        assertThat(deepDown()).isEmpty();
        assertThat(MDC.get(WorkContext.MDC_TRACE)).isNull();
    }

    @Test
    void neverLeaksFromOneItemToTheNextOnAReusedThreadEvenWhenAnItemFails() throws Exception {
        try (ExecutorService oneThread = Executors.newSingleThreadExecutor()) {
            Future<?> failing = oneThread.submit(() -> {
                try (WorkContext.Scope ignored = WorkContext.open(ITEM_7)) {
                    throw new IllegalStateException("item 7 fails");
                }
            });
            assertThatThrownBy(failing::get).hasRootCauseMessage("item 7 fails");

            Optional<Long> seenByNextTask = oneThread.submit(WorkContextTest::deepDown).get();
            Object mdcOfNextTask = oneThread.submit(() -> MDC.get(WorkContext.MDC_TRACE)).get();

            assertThat(seenByNextTask).as("item 7's context on the next task: a leak, FORBIDDEN").isEmpty();
            assertThat(mdcOfNextTask).isNull();
        }
    }

    @Test
    void isLostWhenWorkHopsToAnotherExecutor() throws Exception {
        try (ExecutorService other = Executors.newSingleThreadExecutor();
             WorkContext.Scope ignored = WorkContext.open(ITEM_7)) {
            assertThat(other.submit(WorkContextTest::deepDown).get()).as("the pitfall: a ThreadLocal stays home").isEmpty();
        }
    }

    @Test
    void travelsWithTheTaskWhenPropagatedAndLeavesTheOtherThreadCleanAfterwards() throws Exception {
        try (ExecutorService other = Executors.newSingleThreadExecutor()) {
            Future<Optional<Long>> hopped;
            try (WorkContext.Scope ignored = WorkContext.open(ITEM_7)) {
                hopped = other.submit(WorkContext.propagate(WorkContextTest::deepDown));
            }
            assertThat(hopped.get()).contains(7L);
            assertThat(other.submit(WorkContextTest::deepDown).get()).as("restored after the task").isEmpty();
        }
    }

    @Test
    void aNestedScopeRestoresTheOuterOne() {
        try (WorkContext.Scope outer = WorkContext.open(ITEM_7)) {
            try (WorkContext.Scope inner = WorkContext.open(ITEM_8)) {
                assertThat(deepDown()).contains(8L);
            }
            assertThat(deepDown()).contains(7L);
            assertThat(MDC.get(WorkContext.MDC_TRACE)).isEqualTo("producer-0/7");
        }
    }
}
