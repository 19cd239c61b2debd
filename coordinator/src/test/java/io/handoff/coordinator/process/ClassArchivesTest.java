package io.handoff.coordinator.process;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Class archives for child JVMs, of both kinds: the first process of a jar records one (an AppCDS dump, or an AOT
 * configuration that the coordinator then assembles into a cache), and only once it has exited by itself is the
 * archive put where later processes map it; a killed one leaves none; a rebuilt jar gets a new one.
 */
class ClassArchivesTest {

    /** A JDK tool's main: a real JVM that loads classes and exits by itself, with no jar of ours to build first. */
    private static final List<String> TOOL = List.of("-m", "jdk.jartool/sun.tools.jar.Main", "--version");

    @Test
    void theFirstProcessDumpsAndEveryLaterOneMapsTheArchiveOnceItIsWhole(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("app.jar"), "stands for a service's jar");
        ClassArchives archives = new ClassArchives(dir.resolve("cds"), false);

        ClassArchives.Use first = archives.forJar(jar);
        assertThat(first.options()).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
        assertThat(archives.forJar(jar).options()).as("one dump at a time: a second start meanwhile maps nothing")
                .isEmpty();

        ChildProcess dumper = start(dir, "dumper", first.options());
        archives.watch(first, dumper, command(first.options(), TOOL));
        assertThat(dumper.awaitExit(Duration.ofSeconds(60))).contains(0);

        await().atMost(Duration.ofSeconds(10)).until(() -> archives.forJar(jar).options().stream()
                .anyMatch(o -> o.startsWith("-XX:SharedArchiveFile=")));
        List<String> mapping = new ArrayList<>(archives.forJar(jar).options());
        mapping.add("-Xshare:on"); // fails to start unless the archive maps
        assertThat(start(dir, "mapper", mapping).awaitExit(Duration.ofSeconds(60))).as("the archive maps").contains(0);
        try (var files = Files.list(dir.resolve("cds"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).as("no dump left lying about")
                    .singleElement().satisfies(name -> assertThat(name).endsWith(".jsa"));
        }
    }

    @Test
    void theFirstProcessRecordsTheCoordinatorAssemblesAnAotCacheAndEveryLaterOneMapsIt(@TempDir Path dir)
            throws Exception {
        Assumptions.assumeTrue(ClassArchives.AOT_CACHES, "AOT caches need JDK 25; the AppCDS test covers this JDK");
        Path jar = Files.writeString(dir.resolve("app.jar"), "stands for a service's jar");
        ClassArchives archives = new ClassArchives(dir.resolve("cds"), true);

        ClassArchives.Use first = archives.forJar(jar);
        assertThat(first.options()).contains("-XX:AOTMode=record");
        assertThat(archives.forJar(jar).options()).as("one recording at a time").isEmpty();
        List<String> recording = command(first.options(), TOOL);
        ChildProcess recorder = ChildProcess.start("recorder", recording, Map.of(), dir.resolve("recorder.log"));
        archives.watch(first, recorder, recording);
        assertThat(recorder.awaitExit(Duration.ofSeconds(60))).contains(0);

        // Empty while the recording is assembled; then the cache (or, had the assembly failed, a new recording).
        await().atMost(Duration.ofSeconds(90)).until(() -> !archives.forJar(jar).options().isEmpty());
        List<String> mapping = new ArrayList<>(archives.forJar(jar).options());
        assertThat(mapping).anyMatch(o -> o.startsWith("-XX:AOTCache="));
        mapping.add("-XX:AOTMode=on"); // fails to start unless the cache maps
        assertThat(start(dir, "mapper", mapping).awaitExit(Duration.ofSeconds(60))).as("the cache maps").contains(0);
        try (var files = Files.list(dir.resolve("cds"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList())
                    .as("no configuration, assembly or log left lying about")
                    .singleElement().satisfies(name -> assertThat(name).endsWith(".aot"));
        }
    }

    @ParameterizedTest(name = "AOT cache: {0}")
    @ValueSource(booleans = {false, true})
    void aKilledProcessLeavesNoArchiveAndTheNextStartDumpsAgain(boolean aot, @TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(!aot || ClassArchives.AOT_CACHES, "AOT caches need JDK 25");
        Path jar = Files.writeString(dir.resolve("app.jar"), "stands for a service's jar");
        ClassArchives archives = new ClassArchives(dir.resolve("cds"), aot);
        ClassArchives.Use first = archives.forJar(jar);
        // The JDK's file server on any free port: a JVM that runs until it is killed.
        List<String> server = List.of("-m", "jdk.httpserver", "-b", "127.0.0.1", "-p", "0", "-d", dir.toString());
        ChildProcess killed = ChildProcess.start("killed", command(first.options(), server), Map.of(),
                dir.resolve("killed.log"));
        archives.watch(first, killed, command(first.options(), server));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(dir.resolve("killed.log")).contains("Serving"));
        killed.kill();
        killed.awaitExit(Duration.ofSeconds(30));

        await().atMost(Duration.ofSeconds(10)).until(() -> archives.forJar(jar).options().stream()
                .anyMatch(o -> o.startsWith(aot ? "-XX:AOTMode=record" : "-XX:ArchiveClassesAtExit=")));
        try (var files = Files.list(dir.resolve("cds"))) {
            assertThat(files.toList()).as("neither archive nor recording kept").isEmpty();
        }
    }

    @Test
    void aRebuiltJarIsANewKey(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("app.jar"), "v1");
        String before = ClassArchives.name(jar);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        assertThat(ClassArchives.name(jar)).isNotEqualTo(before).startsWith(before.substring(0, before.lastIndexOf('-')));
    }

    @Test
    void aLibraryChangedUnderAJarThatWasNotRebuiltIsANewKey(@TempDir Path dir) throws Exception {
        Path library = Files.writeString(Files.createDirectories(dir.resolve("lib")).resolve("shared.jar"), "v1");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib/shared.jar lib/other.jar");
        Path jar = dir.resolve("broker.jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new ZipEntry("x.txt"));
        }
        String before = ClassArchives.name(jar);
        assertThat(ClassArchives.name(jar)).as("the same files, the same key").isEqualTo(before);

        Files.writeString(library, "v2 of the shared module");
        assertThat(ClassArchives.name(jar)).as("a library of another size").isNotEqualTo(before);
        String withV2 = ClassArchives.name(jar);
        Files.writeString(dir.resolve("lib/other.jar"), "now there");
        assertThat(ClassArchives.name(jar)).as("a library that appeared").isNotEqualTo(withV2);
    }

    private static ChildProcess start(Path dir, String name, List<String> options) {
        return ChildProcess.start(name, command(options, TOOL), Map.of(), dir.resolve(name + ".log"));
    }

    private static List<String> command(List<String> options, List<String> main) {
        List<String> command = new ArrayList<>();
        command.add(JavaCommand.javaExecutable());
        command.addAll(options);
        command.addAll(main);
        return command;
    }
}
