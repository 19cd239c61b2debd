package io.handoff.coordinator.process;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Class-data archives (the JDK's AppCDS) for the child JVMs: the classes a service or the broker loads to start,
 * mapped from one file instead of read from jars, parsed and verified at every start. The services are packaged
 * as Quarkus's aot-jar, every jar on the JVM's class path, so that their archives hold the application's classes
 * too: behind Quarkus's own class loader (fast-jar) only the JDK's could be archived. Measured on two cores (AMD
 * EPYC), CPU for a consumer to start: 2.5 s with a fast-jar's archive, 2.0 s with an aot-jar's, 3.1 s with
 * neither; a run starts several such JVMs at once, and the suite a few hundred.
 *
 * <p>One archive per jar (by its path and modification time) and JDK, in {@code target/cds} of the home. The
 * first process of a jar that this coordinator starts while there is none dumps one when it exits
 * ({@code -XX:ArchiveClassesAtExit}) into a file of its own, which is moved into place whole once the process has
 * exited by itself; every later one maps it read-only. A process killed with SIGKILL leaves no archive. A JVM that
 * finds an archive it cannot use (another JDK, a jar rebuilt) says nothing and starts as it would without one.
 */
public final class ClassArchives {

    private static final Logger LOG = Logger.getLogger(ClassArchives.class);
    /** CDS reports what it skips while dumping, and why it cannot map an archive: neither is the run's business. */
    private static final String QUIET = "-Xlog:cds=off,cds+dynamic=off";
    private static final int KILLED = 137;

    private final Path dir;
    /** Jars with a dump under way from this process: one at a time each. */
    private final Set<String> dumping = ConcurrentHashMap.newKeySet();

    public ClassArchives(Path dir) {
        this.dir = dir;
    }

    private static final java.util.Map<Path, ClassArchives> BY_HOME = new ConcurrentHashMap<>();

    /** The archives of a home, one instance per process: its launches share who is dumping what. */
    public static ClassArchives of(HandoffHome home) {
        return BY_HOME.computeIfAbsent(home.root(), root -> new ClassArchives(root.resolve("target").resolve("cds")));
    }

    /**
     * The options for a JVM that runs {@code jar}.
     *
     * @param options  the JVM options: the archive to map, or the file to dump one into
     * @param dumpInto where this process dumps, if it does; see {@link #watch}
     */
    public record Use(List<String> options, Optional<Path> dumpInto, String key) {
        static final Use NONE = new Use(List.of(), Optional.empty(), "");
    }

    public Use forJar(Path jar) {
        String key;
        try {
            key = name(jar);
        } catch (IOException e) {
            return Use.NONE; // no jar to key it by: the launch itself will say what is missing
        }
        Path archive = dir.resolve(key + ".jsa");
        if (Files.isRegularFile(archive)) {
            return new Use(List.of("-XX:SharedArchiveFile=" + archive, QUIET), Optional.empty(), key);
        }
        if (!dumping.add(key)) {
            return new Use(List.of(), Optional.empty(), key);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            dumping.remove(key);
            return Use.NONE;
        }
        Path into = dir.resolve(key + "." + UUID.randomUUID() + ".dumping");
        return new Use(List.of("-XX:ArchiveClassesAtExit=" + into, QUIET), Optional.of(into), key);
    }

    /** Once the process that dumps has exited, moves its archive into place, or throws it away if it was killed. */
    public void watch(Use use, ChildProcess process) {
        use.dumpInto().ifPresent(into -> process.onExit(() -> {
            try {
                int code = process.exitCode().orElse(KILLED);
                if (code != KILLED && Files.isRegularFile(into) && Files.size(into) > 0) {
                    Path archive = dir.resolve(use.key() + ".jsa");
                    Files.move(into, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    removeOlder(use.key());
                } else {
                    Files.deleteIfExists(into);
                }
            } catch (IOException e) {
                LOG.debugf("class archive %s not kept: %s", into, e.getMessage());
            } finally {
                dumping.remove(use.key());
            }
        }));
    }

    /** Archives of earlier builds of the same jar: their jars are gone, and they would only fill the disk. */
    private void removeOlder(String key) throws IOException {
        String jarPart = key.substring(0, key.lastIndexOf('-'));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".jsa") && name.startsWith(jarPart + "-") && !name.equals(key + ".jsa")) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** The jar's path in a file name, the JDK's version and the jar's modification time: a rebuild is a new key. */
    static String name(Path jar) throws IOException {
        Path absolute = jar.toAbsolutePath().normalize();
        String path = absolute.toString().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        if (path.length() > 80) {
            path = path.substring(path.length() - 80);
        }
        return path + "-jdk" + Runtime.version().toString().replaceAll("[^A-Za-z0-9]+", "_") + "-"
                + Files.getLastModifiedTime(absolute).toMillis();
    }
}
