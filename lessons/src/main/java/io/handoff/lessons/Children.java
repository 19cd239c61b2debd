package io.handoff.lessons;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Child JVMs a lesson starts: real processes, each with its own pid, heap and threads, on this JVM's class
 * path and java. Every one started is ended when the lesson ends (destroyed, then killed, then waited for),
 * and a shutdown hook does the same if the lesson's JVM is stopped, so no lesson leaves a process behind.
 */
public final class Children implements AutoCloseable {

    /** Small and quick to start: a lesson's child does little, and several may run on two cores. */
    private static final List<String> JVM_FLAGS = List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

    private final List<Process> started = new CopyOnWriteArrayList<>();
    private final Thread hook = new Thread(this::endAll, "lesson-children-cleanup");

    Children() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The command line that runs {@code main} in a new JVM with these arguments. */
    public static List<String> command(Class<?> main, List<String> jvmFlags, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** Starts {@code main} in a child JVM; its standard error goes to this process's. */
    public Process start(Class<?> main, String... args) throws IOException {
        return start(command(main, List.of(), args));
    }

    /** Starts a command line as a child; registered, so that it is ended with the lesson. */
    public Process start(List<String> command) throws IOException {
        return start(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT));
    }

    /** Starts a prepared process (its own redirections); registered like the others. */
    public Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /** Reads a child's output line by line on a thread of its own (so the child never blocks on a full pipe). */
    public static Thread readLines(Process process, Consumer<String> line) {
        Thread reader = Thread.ofPlatform().daemon().name("child-" + process.pid() + "-out").start(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = in.readLine(); l != null; l = in.readLine()) {
                    line.accept(l);
                }
            } catch (IOException e) {
                // the child ended: nothing more to read
            }
        });
        return reader;
    }

    /** Waits for a child to exit; kills it if it has not within {@code seconds}. Returns its exit code. */
    public static int waitFor(Process process, long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("child " + process.pid() + " did not exit within " + seconds + " s");
        }
        return process.exitValue();
    }

    /** Processes started and still running. */
    public long alive() {
        return started.stream().filter(Process::isAlive).count();
    }

    private void endAll() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            if (process.isAlive()) {
                process.destroy();
            }
        }
        for (Process process : started) {
            try {
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        endAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs, or has run, endAll itself
        }
    }
}
