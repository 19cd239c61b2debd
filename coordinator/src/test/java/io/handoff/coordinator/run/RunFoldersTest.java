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

    /** Runs started side by side from one checkout: a live run's folder outlives any number of newer runs. */
    @Test
    void aFolderClaimedByALiveProcessIsKeptUntilItsClaimIsGivenUp(@TempDir Path runs) throws Exception {
        Path first = RunFolders.create(runs, "20261201-115959-live");
        Path deadClaim = RunFolders.create(runs, "20261201-115959-zdead");
        Files.writeString(deadClaim.resolve(RunFolders.RUNNING), "2147483647"); // no such process
        try (RunFolders.Claim claim = RunFolders.claim(first)) {
            for (int run = 0; run < RunFolders.KEPT + 3; run++) {
                RunFolders.create(runs, String.format("20261201-1200%02d-abcd", run));
            }
            assertThat(first).as("the live run's folder").exists();
            assertThat(deadClaim).as("a folder claimed by a process that is gone").doesNotExist();
        }
        assertThat(first.resolve(RunFolders.RUNNING)).as("the claim, given up").doesNotExist();
        RunFolders.create(runs, "20261201-130000-abcd");
        assertThat(first).as("pruned once its run is over").doesNotExist();
    }
}
