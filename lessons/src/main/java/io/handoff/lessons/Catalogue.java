package io.handoff.lessons;

import io.handoff.lessons.book.CollectionsLesson;
import io.handoff.lessons.book.CpuBoundLesson;
import io.handoff.lessons.book.CrashLesson;
import io.handoff.lessons.book.DaemonLesson;
import io.handoff.lessons.book.DeadlockLesson;
import io.handoff.lessons.book.JoinableQueueLesson;
import io.handoff.lessons.book.LockTimeoutLesson;
import io.handoff.lessons.book.MasterWorkerLesson;
import io.handoff.lessons.book.PoolLesson;
import io.handoff.lessons.book.ProcessQueueLesson;
import io.handoff.lessons.book.ProcessesLesson;
import io.handoff.lessons.book.QueueLesson;
import io.handoff.lessons.book.RaceLesson;
import io.handoff.lessons.book.ReentrantLesson;
import io.handoff.lessons.book.SemaphoreLesson;
import io.handoff.lessons.book.SentinelsLesson;
import io.handoff.lessons.book.ThreadLocalLesson;
import io.handoff.lessons.book.ThreadsLesson;
import io.handoff.lessons.book.TimerLesson;
import io.handoff.lessons.book.VirtualThreadsLesson;
import io.handoff.lessons.book.WaitingWorkLesson;

import java.util.List;
import java.util.Optional;

/** Every lesson, in the order the threading and then the multiprocessing tutorials teach them. */
public final class Catalogue {

    private static final List<Lesson> ALL = List.of(
            new ThreadsLesson(), new WaitingWorkLesson(), new CpuBoundLesson(), new DaemonLesson(), new RaceLesson(),
            new ReentrantLesson(), new DeadlockLesson(), new LockTimeoutLesson(), new SemaphoreLesson(),
            new TimerLesson(), new ThreadLocalLesson(), new CollectionsLesson(), new QueueLesson(),
            new JoinableQueueLesson(), new SentinelsLesson(), new ProcessesLesson(), new PoolLesson(),
            new ProcessQueueLesson(), new CrashLesson(), new VirtualThreadsLesson(), new MasterWorkerLesson());

    private Catalogue() {
    }

    public static List<Lesson> all() {
        return ALL;
    }

    public static Optional<Lesson> named(String name) {
        return ALL.stream().filter(l -> l.name().equals(name)).findFirst();
    }
}
