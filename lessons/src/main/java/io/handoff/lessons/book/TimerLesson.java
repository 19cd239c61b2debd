package io.handoff.lessons.book;

import io.handoff.lessons.Lab;
import io.handoff.lessons.Lesson;
import io.handoff.lessons.Outcome;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-shot timer, one cancelled before it fires, and a periodic one, on one daemon scheduler thread: the
 * shape of the services' {@code sampler} thread and the deadlock watchdog.
 */
public final class TimerLesson implements Lesson {

    static final long DELAY_MS = 300;
    static final long PERIOD_MS = 50;
    static final long PERIODIC_FOR_MS = 500;

    @Override
    public String name() {
        return "timer";
    }

    @Override
    public Forms forms() {
        return new Forms("threading.Timer", "ScheduledExecutorService");
    }

    @Override
    public String idea() {
        return "a timer: one-shot, cancelled before it fires, periodic";
    }

    @Override
    public String python() {
        return "t = threading.Timer(0.3, f); t.start(); t.cancel()";
    }

    @Override
    public String java() {
        return "ScheduledExecutorService.schedule(f, 300, MILLISECONDS), future.cancel(false), scheduleAtFixedRate";
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.acceptable("fired-after-its-delay", "the one-shot ran once, no sooner than asked"),
                Outcome.forbidden("fired-early", "the one-shot ran before its delay"),
                Outcome.acceptable("cancelled-never-fired", "the cancelled timer did not run"),
                Outcome.forbidden("fired-after-cancel", "the cancelled timer ran anyway"),
                Outcome.acceptable("periodic-tick", "one run of the periodic timer"));
    }

    @Override
    public void run(Lab lab) throws Exception {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("lesson-timer").daemon().factory());
        try {
            long asked = System.nanoTime();
            AtomicLong firedAfter = new AtomicLong(-1);
            ScheduledFuture<?> once = timers.schedule(() -> firedAfter.set(System.nanoTime() - asked), DELAY_MS,
                    TimeUnit.MILLISECONDS);
            AtomicInteger cancelledRan = new AtomicInteger();
            ScheduledFuture<?> cancelled = timers.schedule(cancelledRan::incrementAndGet, DELAY_MS, TimeUnit.MILLISECONDS);
            lab.say("two one-shot timers of %d ms on thread 'lesson-timer' (a daemon)", DELAY_MS);
            Thread.sleep(DELAY_MS / 3);
            boolean cancelledInTime = cancelled.cancel(false);
            lab.say("after %d ms: cancelled the second (cancel returned %s)", DELAY_MS / 3, cancelledInTime);
            once.get(10, TimeUnit.SECONDS);
            Thread.sleep(DELAY_MS / 2); // past the cancelled one's time, to be sure it stayed quiet
            double ms = firedAfter.get() / 1e6;
            lab.say("the first fired after %.1f ms (asked %d); the cancelled one ran %d times", ms, DELAY_MS,
                    cancelledRan.get());
            lab.observe(ms >= DELAY_MS ? "fired-after-its-delay" : "fired-early");
            lab.observe(cancelledRan.get() == 0 ? "cancelled-never-fired" : "fired-after-cancel");
            lab.figure("firedAfterMs", ms);

            AtomicInteger ticks = new AtomicInteger();
            long start = System.nanoTime();
            StringBuffer when = new StringBuffer();
            ScheduledFuture<?> periodic = timers.scheduleAtFixedRate(() -> {
                ticks.incrementAndGet();
                when.append(String.format(java.util.Locale.ROOT, "%d ", (System.nanoTime() - start) / 1_000_000));
            }, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
            Thread.sleep(PERIODIC_FOR_MS);
            periodic.cancel(false);
            lab.say("periodic every %d ms for %d ms: %d runs, at ms %s", PERIOD_MS, PERIODIC_FOR_MS, ticks.get(),
                    when.toString().trim());
            lab.observe("periodic-tick", ticks.get());
            lab.figure("ticks", ticks.get());
        } finally {
            timers.shutdownNow();
        }
        lab.notice("A timer is a thread that waits until a time: no busy loop, the scheduler sleeps until the earliest due.");
        lab.notice("cancel() before the time means it never runs; a fixed rate keeps to the clock, not to the last run's end.");
        lab.notice("One scheduler thread serves every timer of the process: keep each run short, or the next runs late.");
    }

    @Override
    public Pipeline pipeline() {
        return new Pipeline("io.handoff.shared.runtime.Samplers (the 'sampler' daemon thread); DeadlockWatchdog's scans",
                "./handoff run --items 50000", "/q/metrics shows handoff_threads_live, sampled every second");
    }
}
