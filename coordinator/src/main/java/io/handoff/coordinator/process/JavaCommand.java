package io.handoff.coordinator.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines for child JVMs, run by the same Java as the coordinator so that every process agrees. */
public final class JavaCommand {

    /**
     * The JVM options of every producer and consumer. Small heaps and the serial collector: many JVMs share
     * few cores, and each holds little data. C1 only (TieredStopAtLevel=1): seven JVMs compiling with C2 at
     * once spend a third of a 2-core machine on the JIT during a run of seconds; measured, a 200,000-item
     * run took 50 s with C2 and 34 s without.
     */
    public static final List<String> SERVICE_JVM = serviceJvm(System.getenv("HANDOFF_SERVICE_JVM_OPTS"));

    /** The default options, or, for measurements, those given in {@code HANDOFF_SERVICE_JVM_OPTS}. */
    static List<String> serviceJvm(String override) {
        return orOverride(override, List.of("-Xms256m", "-Xmx512m", "-Xmn160m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError"));
    }

    /** {@code defaults}, or the options of {@code override} (space-separated) where it is given: for measurements. */
    public static List<String> orOverride(String override, List<String> defaults) {
        if (override != null && !override.isBlank()) {
            return List.of(override.trim().split("\\s+"));
        }
        return defaults;
    }

    private JavaCommand() {
    }

    /** The {@code java} executable running this coordinator. */
    public static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** {@code java <options> -jar <jar> <args>}. */
    public static List<String> jar(Path jar, List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return command;
    }
}
