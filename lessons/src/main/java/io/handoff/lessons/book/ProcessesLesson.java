package io.handoff.lessons.book;

import io.handoff.lessons.Children;
import io.handoff.lessons.Lab;
import io.handoff.lessons.Lesson;
import io.handoff.lessons.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Two child JVMs: each has its own pid, names this process as its parent, and its own copy of a static
 * variable, which the parent changed before starting them and each child changes after.
 */
public final class ProcessesLesson implements Lesson {

    /** The variable each process has its own copy of. */
    static int counter;

    @Override
    public String name() {
        return "processes";
    }

    @Override
    public Forms forms() {
        return new Forms("multiprocessing.Process", "ProcessBuilder, ProcessHandle");
    }

    @Override
    public String idea() {
        return "processes: spawn, pid and ppid, each with its own copy of a variable";
    }

    @Override
    public String python() {
        return "p = multiprocessing.Process(target=f); p.start(); p.join(); os.getpid(), os.getppid()";
    }

    @Override
    public String java() {
        return "new ProcessBuilder(java ...).start(); process.waitFor(); ProcessHandle.current().pid(), .parent()";
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.acceptable("own-pid-parent-is-us", "the child has a pid of its own, and ours as its parent"),
                Outcome.acceptable("own-copy-of-the-variable", "the child saw its own fresh copy, not ours"),
                Outcome.forbidden("variable-shared", "the child saw our value, or ours changed with the child's"));
    }

    @Override
    public void run(Lab lab) throws Exception {
        long me = ProcessHandle.current().pid();
        counter = 42;
        lab.say("this process: pid %d; it sets counter = %d, then starts 2 child JVMs", me, counter);
        List<Process> children = new ArrayList<>();
        Map<Long, List<String>> said = new ConcurrentHashMap<>();
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Process child = lab.children().start(Child.class, Integer.toString(i + 1));
            children.add(child);
            List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
            said.put(child.pid(), lines);
            readers.add(Children.readLines(child, lines::add));
        }
        for (int i = 0; i < children.size(); i++) {
            Process child = children.get(i);
            int exit = Children.waitFor(child, 20);
            readers.get(i).join(5_000);
            List<String> lines = said.get(child.pid());
            lines.forEach(l -> lab.say("  child | %s", l));
            lab.say("child %d exited %d", child.pid(), exit);
            String ids = lines.stream().filter(l -> l.startsWith("pid")).findFirst().orElse("");
            if (ids.equals("pid " + child.pid() + " ppid " + me)) {
                lab.observe("own-pid-parent-is-us");
            }
            String seen = lines.stream().filter(l -> l.startsWith("counter at start")).findFirst().orElse("");
            lab.observe(seen.equals("counter at start 0, now " + (i + 1)) ? "own-copy-of-the-variable" : "variable-shared");
        }
        lab.say("this process's counter after both children: %d", counter);
        if (counter != 42) {
            lab.observe("variable-shared");
        }
        lab.notice("A process is a program with its own memory: a static variable in a child is a different variable.");
        lab.notice("To share anything, processes must send it: pipes (as here, their output), sockets, or a broker.");
        lab.notice("The pipeline's services are such processes: a consumer's crash cannot touch a producer's memory.");
    }

    @Override
    public Pipeline pipeline() {
        return new Pipeline("the coordinator's ChildLauncher starts each producer and consumer as a JVM of its own",
                "./handoff run --producers 2 --consumers 3 --items 50000", "the report lists each process's pid");
    }

    /** The child's program: says who it is and what its copy of the variable holds. */
    public static final class Child {
        public static void main(String[] args) {
            int start = counter;
            counter += Integer.parseInt(args[0]);
            ProcessHandle self = ProcessHandle.current();
            System.out.println("pid " + self.pid() + " ppid " + self.parent().map(ProcessHandle::pid).orElse(-1L));
            System.out.println("counter at start " + start + ", now " + counter);
        }
    }
}
