package io.handoff.lessons.book;

import io.handoff.consumer.work.AuditSink;
import io.handoff.lessons.Lab;
import io.handoff.lessons.Lesson;
import io.handoff.lessons.Outcome;
import io.handoff.shared.context.WorkContext;
import io.handoff.shared.message.Item;
import io.handoff.shared.message.Transfer;
import io.handoff.shared.message.Work;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.List;

/**
 * The pipeline's {@link WorkContext}, a ThreadLocal: read deep in a call without being passed, cleared after
 * each item, lost when work hops to another executor, and carried across by {@code WorkContext.propagate}.
 * The hop is the consumer's own {@link AuditSink} in async mode, with and without propagation.
 */
public final class ThreadLocalLesson implements Lesson {

    static final int ITEMS = 40;

    @Override
    public String name() {
        return "thread-local";
    }

    @Override
    public Forms forms() {
        return new Forms("threading.local()", "ThreadLocal in WorkContext");
    }

    @Override
    public String idea() {
        return "ThreadLocal: a value without parameters, lost across an executor hop, carried by propagation";
    }

    @Override
    public String python() {
        return "ctx = threading.local(); ctx.item = ...; (contextvars.copy_context().run(f) to carry it)";
    }

    @Override
    public String java() {
        return "ThreadLocal in the pipeline's WorkContext; WorkContext.propagate(task) across an executor";
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.acceptable("seen-without-a-parameter", "code below the worker read the item's context"),
                Outcome.acceptable("cleared-after-the-item", "after the item, the thread held no context"),
                Outcome.forbidden("left-behind", "a context stayed on the thread after its item"),
                Outcome.interesting("lost-across-the-hop", "a write on another thread, without propagation, saw no context"),
                Outcome.acceptable("carried-across-the-hop", "with propagate(), the writer thread saw the item's context"),
                Outcome.forbidden("lost-despite-propagation", "with propagate(), the writer still saw no context"));
    }

    @Override
    public void run(Lab lab) throws Exception {
        Item item = item(1);
        try (WorkContext.Scope ignored = WorkContext.open(context(item))) {
            lab.say("worker '%s' opened the context of item %d; a method deep below, given nothing, reads: %s",
                    Thread.currentThread().getName(), item.seq(), deepBelow());
            lab.observe(WorkContext.current().isPresent() ? "seen-without-a-parameter" : "left-behind");
        }
        lab.say("after the item: %s", WorkContext.current().map(Object::toString).orElse("no context on this thread"));
        lab.observe(WorkContext.current().isPresent() ? "left-behind" : "cleared-after-the-item");

        for (boolean propagate : new boolean[] {false, true}) {
            long missing;
            try (AuditSink sink = new AuditSink(2, Duration.ZERO, true, propagate, new SimpleMeterRegistry())) {
                for (int i = 0; i < ITEMS; i++) {
                    Item each = item(i);
                    try (WorkContext.Scope ignored = WorkContext.open(context(each))) {
                        sink.record(each); // the write runs on an 'audit-writer-N' thread of the sink's own
                    }
                }
                sink.close(); // waits for the writes handed over
                missing = sink.contextMissing();
            }
            lab.say("AuditSink async, propagate=%-5s: %d writes on its own threads, %d of them without their item's context",
                    propagate, ITEMS, missing);
            if (propagate) {
                lab.observe(missing == 0 ? "carried-across-the-hop" : "lost-despite-propagation", missing == 0 ? ITEMS : missing);
            } else {
                lab.observe("lost-across-the-hop", missing);
                lab.observe("carried-across-the-hop", ITEMS - missing);
                lab.figure("lostWithoutPropagation", missing);
            }
        }
        lab.tries(ITEMS);
        lab.notice("A ThreadLocal belongs to a thread: the item is known anywhere below the worker, and nowhere else.");
        lab.notice("Handing work to another executor leaves the value behind; propagate() captures it where the task is made.");
        lab.notice("Pooled threads live on: remove the value after each item, or the next item inherits it.");
    }

    private static String deepBelow() {
        return WorkContext.current().map(c -> "trace " + c.traceId() + ", seq " + c.seq()).orElse("nothing");
    }

    private static Item item(long seq) {
        return new Item("lesson", "producer-0", seq, "k" + seq, System.currentTimeMillis(), new Transfer(0, 1, 1),
                Work.NONE, "");
    }

    private static WorkContext context(Item item) {
        return new WorkContext("trace-" + item.seq(), item.producerId(), item.seq(), Thread.currentThread().getName());
    }

    @Override
    public Pipeline pipeline() {
        return new Pipeline("io.handoff.shared.context.WorkContext; AuditSink's async writers; metric handoff_context_missing_total",
                "./handoff run --items 20000", "every consumer log line names its item's trace id (the MDC)");
    }
}
