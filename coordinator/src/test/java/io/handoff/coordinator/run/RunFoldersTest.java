package io.handoff.coordinator.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** runs/ keeps the newest {@link RunFolders#KEPT} runs' folders: a coordinator or agent that lives for weeks stays bounded. */
class RunFoldersTest {

    @Test
    void keepsTheNewestRunsFoldersAndDeletesTheOldestWithEverythingInThem(@TempDir Path runs) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int run = 0; run < RunFolders.KEPT + 7; run++) {
            String id = String.format("20261201-1200%02d-abcd", run); // RunIds sort by start time
            ids.add(id);
            Path dir = RunFolders.create(runs, id);
            Files.writeString(dir.resolve("consumer-0.log"), "a log line\n");
            Files.createDirectories(dir.resolve("broker-data/meta"));
        }
        try (Stream<Path> left = Files.list(runs)) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted().toList()).as("folders left")
                    .containsExactlyElementsOf(ids.subList(ids.size() - RunFolders.KEPT, ids.size()));
        }
        assertThat(runs.resolve(ids.getLast()).resolve("consumer-0.log")).as("the newest run's log").exists();
    }
}
