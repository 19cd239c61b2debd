package io.handoff.coordinator.process;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipException;

/**
 * Class-data archives for the child JVMs: the classes a service or the broker loads to start, mapped from one file
 * instead of read from jars, parsed and verified at every start. The services are packaged as Quarkus's aot-jar,
 * every jar on the JVM's class path, so that their archives hold the application's classes too: behind Quarkus's
 * own class loader (fast-jar) only the JDK's could be archived.
 *
 * <p>Two kinds, by JDK. From JDK 25, an AOT cache (JEPs 483 and 514): the classes loaded <em>and linked</em>
 * ahead of time, with the JDK's own in the same file. Before it, a dynamic AppCDS archive on top of the JDK's.
 * Measured on two cores (AMD EPYC), CPU for a consumer to start: 3.1 s with neither, 2.0-2.5 s with an AppCDS
 * archive, 1.6-1.8 s with an AOT cache (1.1 s to "started" instead of 2.1, alone). A run starts several such JVMs
 * at once, and the suite a few hundred.
 *
 * <p>One archive per jar and JDK (see {@link #name} for the key), in {@code target/cds} of the home. The
 * first process of a jar that this coordinator starts while there is none records one: AppCDS dumps it when the
 * process exits ({@code -XX:ArchiveClassesAtExit}); an AOT cache is recorded as a configuration at exit
 * ({@code -XX:AOTMode=record}, quick) and assembled afterwards by this coordinator, in a JVM of its own with the
 * recording's command line ({@code -XX:AOTMode=create}, several seconds of CPU, once per build), so that the
 * service's exit is not held up. Either is moved into place whole once made; every later process maps it
 * read-only. A process killed with SIGKILL leaves no archive. A JVM that finds an archive it cannot use (another
 * JDK, a jar rebuilt) says nothing and starts as it would without one. The coordinator waits for an assembly under
 * way before it exits.
 */
public final class ClassArchives {

    private static final Logger LOG = Logger.getLogger(ClassArchives.class);
    /** Whether this JDK makes AOT caches from a recorded configuration (JDK 25: JEP 514's form of JEP 483). */
    static final boolean AOT_CACHES = Runtime.version().feature() >= 25;
    /** CDS reports what it skips while dumping, and why it cannot map an archive: neither is the run's business. */
    private static final String QUIET = "-Xlog:cds=off,cds+dynamic=off";
    private static final String QUIET_AOT = "-Xlog:cds*=off,aot*=off";
    private static final int KILLED = 137;
    /** How long an exiting coordinator waits for an AOT cache under assembly (seconds of CPU, once per build). */
    private static final Duration ASSEMBLY_WAIT = Duration.ofMinutes(2);

    private final Path dir;
    private final boolean aot;
    /** Jars with a dump or an assembly under way from this process: one at a time each. */
    private final Set<String> dumping = ConcurrentHashMap.newKeySet();
    /** AOT caches being assembled: each completes once its file is in place (or thrown away). */
    private final Set<Assembly> assemblies = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean hooked = new AtomicBoolean();

    private record Assembly(Process process, CompletableFuture<Void> done) {
    }

    /** AOT caches where the JDK has them; AppCDS if it has not, or if {@code HANDOFF_CLASS_ARCHIVES=appcds}. */
    public ClassArchives(Path dir) {
        this(dir, AOT_CACHES && !"appcds".equals(System.getenv("HANDOFF_CLASS_ARCHIVES")));
    }

    /** With {@code aot} false, AppCDS archives whatever the JDK: for tests of both kinds on one JDK. */
    ClassArchives(Path dir, boolean aot) {
        this.dir = dir;
        this.aot = aot;
    }

    private static final Map<Path, ClassArchives> BY_HOME = new ConcurrentHashMap<>();

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
        Path archive = dir.resolve(key + suffix());
        if (Files.isRegularFile(archive)) {
            return new Use(aot ? List.of("-XX:AOTCache=" + archive, QUIET_AOT)
                    : List.of("-XX:SharedArchiveFile=" + archive, QUIET), Optional.empty(), key);
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
        if (aot) {
            Path config = dir.resolve(key + "." + UUID.randomUUID() + ".aotconf");
            return new Use(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + config, QUIET_AOT),
                    Optional.of(config), key);
        }
        Path into = dir.resolve(key + "." + UUID.randomUUID() + ".dumping");
        return new Use(List.of("-XX:ArchiveClassesAtExit=" + into, QUIET), Optional.of(into), key);
    }

    private String suffix() {
        return aot ? ".aot" : ".jsa";
    }

    /**
     * Once the process that records has exited by itself, puts its archive in place (AppCDS) or assembles its
     * AOT cache with {@code command}, the command line it was started with; if it was killed, throws it away.
     */
    public void watch(Use use, ChildProcess process, List<String> command) {
        use.dumpInto().ifPresent(into -> process.onExit(() -> {
            boolean handedOn = false;
            try {
                int code = process.exitCode().orElse(KILLED);
                if (code != KILLED && Files.isRegularFile(into) && Files.size(into) > 0) {
                    if (aot) {
                        assemble(use, into, command);
                        handedOn = true;
                    } else {
                        putInPlace(into, use.key());
                    }
                }
            } catch (IOException e) {
                LOG.debugf("class archive %s not kept: %s", into, e.getMessage());
            } finally {
                if (!handedOn) {
                    deleteQuietly(into);
                    dumping.remove(use.key());
                }
            }
        }));
    }

    /** Starts the JVM that turns a recorded configuration into an AOT cache; it cleans up after itself. */
    private void assemble(Use use, Path config, List<String> command) throws IOException {
        Path cache = dir.resolve(use.key() + "." + UUID.randomUUID() + ".assembling");
        Path log = dir.resolve(use.key() + ".assembly.log");
        List<String> create = new ArrayList<>(command);
        create.removeAll(use.options());
        create.addAll(1, List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + config, "-XX:AOTCache=" + cache,
                QUIET_AOT));
        Process process = new ProcessBuilder(create).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Assembly assembly = new Assembly(process, done);
        assemblies.add(assembly);
        if (hooked.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::finishAssemblies, "class-cache-assembly"));
        }
        process.onExit().thenRun(() -> {
            try {
                if (process.exitValue() == 0 && Files.isRegularFile(cache) && Files.size(cache) > 0) {
                    putInPlace(cache, use.key());
                    Files.deleteIfExists(log);
                } else {
                    LOG.debugf("AOT cache %s not made (exit %d): see %s", cache, process.exitValue(), log);
                }
            } catch (IOException e) {
                LOG.debugf("AOT cache %s not kept: %s", cache, e.getMessage());
            } finally {
                deleteQuietly(cache);
                deleteQuietly(config);
                dumping.remove(use.key());
                assemblies.remove(assembly);
                done.complete(null);
            }
        });
    }

    /** A finished archive becomes the key's, whole (a rename), and the archives of earlier builds go. */
    private void putInPlace(Path made, String key) throws IOException {
        Files.move(made, dir.resolve(key + suffix()), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        removeOlder(key);
    }

    /** At the coordinator's exit: an assembly under way is waited for (once per build), then given up. */
    private void finishAssemblies() {
        if (assemblies.isEmpty()) {
            return;
        }
        System.err.println("handoff: finishing this build's class caches, for faster starts (once per build)");
        long deadline = System.nanoTime() + ASSEMBLY_WAIT.toNanos();
        for (Assembly assembly : List.copyOf(assemblies)) {
            try {
                assembly.done().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                assembly.process().destroyForcibly();
            } catch (InterruptedException e) {
                assembly.process().destroyForcibly();
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debugf("could not delete %s: %s", file, e.getMessage());
        }
    }

    /** Archives of earlier builds of the same jar: their jars are gone, and they would only fill the disk. */
    private void removeOlder(String key) throws IOException {
        String jarPart = key.substring(0, key.lastIndexOf('-'));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                boolean archive = name.endsWith(".jsa") || name.endsWith(".aot"); // of either kind
                if (archive && name.startsWith(jarPart + "-") && !name.startsWith(key + ".")) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /**
     * The jar's path in a file name, the JDK's version, and a fingerprint of the jar and of every jar its manifest
     * puts on the class path (name, size, modification time): a rebuild, or a library changed under a jar that was
     * not rebuilt (the broker's copy of the shared module), is a new key. The JDK refuses an AppCDS archive whose
     * class path changed, but mapped an AOT cache of another build of the same jar path, and Quarkus's start then
     * failed with a ClassCastException: the key makes the check.
     */
    static String name(Path jar) throws IOException {
        Path absolute = jar.toAbsolutePath().normalize();
        String path = absolute.toString().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        if (path.length() > 80) {
            path = path.substring(path.length() - 80);
        }
        StringBuilder stamps = new StringBuilder(stamp(absolute));
        for (String entry : classPath(absolute)) {
            Path library = absolute.resolveSibling(URLDecoder.decode(entry, StandardCharsets.UTF_8));
            stamps.append('\n').append(entry).append(' ').append(Files.exists(library) ? stamp(library) : "absent");
        }
        return path + "-jdk" + Runtime.version().toString().replaceAll("[^A-Za-z0-9]+", "_") + "-"
                + fingerprint(stamps.toString());
    }

    private static String stamp(Path file) throws IOException {
        return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
    }

    /** The relative entries of the manifest's Class-Path; none if it has none, or is not a jar. */
    private static List<String> classPath(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null
                    : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            return classPath == null || classPath.isBlank() ? List.of() : List.of(classPath.trim().split("\\s+"));
        } catch (ZipException notAJar) {
            return List.of();
        }
    }

    private static String fingerprint(String stamps) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(stamps.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
