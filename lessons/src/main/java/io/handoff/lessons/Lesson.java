package io.handoff.lessons;

import java.util.List;

/**
 * One idea of the classic threading and multiprocessing tutorials, run for real on the pipeline's own classes.
 * It states its outcomes, runs, and leaves the counting, the table and the verdict to {@link Lab}.
 */
public interface Lesson {

    /** The name {@code ./handoff learn NAME} takes. */
    String name();

    /** The Python form it mirrors and the Java form, in a few words each, for the list. */
    Forms forms();

    /** The idea, in a few words. */
    String idea();

    /** The Python form it mirrors, as the tutorials write it. */
    String python();

    /** The Java form it shows. */
    String java();

    /** Whether it starts a Kafka broker (one lesson does: the queue between processes). */
    default boolean startsBroker() {
        return false;
    }

    /** Every outcome it can observe, graded before it runs. */
    List<Outcome> outcomes();

    /** Runs: says what happens, counts outcomes and figures, and what to notice. */
    void run(Lab lab) throws Exception;

    /** Where the same mechanism carries weight in the pipeline: the class, and a command that shows it at scale. */
    Pipeline pipeline();

    /** Short forms: {@code threading.Lock()} and {@code ReentrantLock}. */
    record Forms(String python, String java) {
    }

    /** A place in the pipeline, a command that shows it at scale, and what to look at there. */
    record Pipeline(String where, String command, String look) {
    }
}
