package io.handoff.shared.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lists this process's live threads with the role each plays, read from the names every pool gives. */
@ApplicationScoped
public class ThreadCensus {

    /** Name prefixes and the role they mean; the first match wins. */
    private static final Map<String, String> ROLES = roles();

    private final Instance<ThreadSource> sources;

    @Inject
    public ThreadCensus(Instance<ThreadSource> sources) {
        this.sources = sources;
    }

    /** One live thread. */
    public record ThreadRow(String name, String role, Thread.State state, boolean daemon, boolean virtual) {
    }

    public List<ThreadRow> threads() {
        List<Thread> all = new ArrayList<>(Thread.getAllStackTraces().keySet());
        sources.forEach(source -> source.threads().stream().filter(Thread::isVirtual).forEach(all::add));
        return all.stream().filter(Thread::isAlive)
                .map(t -> new ThreadRow(t.getName().isEmpty() ? "(virtual #" + t.threadId() + ")" : t.getName(),
                        roleOf(t.getName()), t.getState(), t.isDaemon(), t.isVirtual()))
                .sorted(Comparator.comparing(ThreadRow::role).thenComparing(ThreadRow::name))
                .toList();
    }

    /** The role a thread's name stands for, or {@code other}. */
    public static String roleOf(String name) {
        for (Map.Entry<String, String> role : ROLES.entrySet()) {
            if (name.startsWith(role.getKey())) {
                return role.getValue();
            }
        }
        return "other";
    }

    private static Map<String, String> roles() {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("generator-", "generator");
        roles.put("sender-", "sender");
        roles.put("worker-", "worker");
        roles.put("audit-writer-", "audit-writer");
        roles.put("deadlock-watchdog", "watchdog");
        roles.put("sampler", "sampler");
        roles.put("offset-committer", "committer");
        roles.put("credit-reporter", "credits");
        roles.put("stop-sequence", "stop");
        roles.put("vert.x-eventloop", "event-loop");
        roles.put("vert.x-", "vertx");
        roles.put("smallrye-kafka-", "kafka-client");
        roles.put("kafka-", "kafka-client");
        roles.put("executor-thread", "quarkus-worker");
        roles.put("ForkJoinPool-", "carrier"); // virtual threads' carriers: ForkJoinPool-1-worker-N
        roles.put("ForkJoinPool.commonPool", "fork-join");
        roles.put("C1 CompilerThread", "jvm");
        roles.put("C2 CompilerThread", "jvm");
        roles.put("Reference Handler", "jvm");
        roles.put("Finalizer", "jvm");
        roles.put("Signal Dispatcher", "jvm");
        roles.put("Common-Cleaner", "jvm");
        roles.put("Notification Thread", "jvm");
        roles.put("Attach Listener", "jvm");
        roles.put("process reaper", "jvm");
        roles.put("main", "main");
        return roles;
    }
}
