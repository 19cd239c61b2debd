package io.handoff.coordinator.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code ./handoff ...} command that README.md and the docs show is one the command line takes: a launcher
 * command of the script's own, or a coordinator command whose every option exists and parses (placeholders such
 * as {@code NAME} filled with a sample). And every relative link in them names a file in the repository.
 */
class DocumentedCommandsTest {

    static final Path HOME = Path.of(System.getProperty("handoff.home", "..")).toAbsolutePath().normalize();
    /** Commands the ./handoff script runs itself, with the arguments each takes. */
    static final Map<String, Pattern> LAUNCHER = Map.of(
            "build", Pattern.compile(""),
            "test", Pattern.compile("(quick)?"),
            "learn", Pattern.compile("([a-z-]+)?( --seed [0-9]+)?"),
            "bench", Pattern.compile(""),
            "bench-metrics", Pattern.compile("([0-9]+|N)?"),
            // The benchmark is a program of its own (bench/): its options by name, so that a typo still fails.
            "bench-kafka", Pattern.compile("( ?(--(records|payload-bytes|partitions|producers|consumers|bootstrap"
                    + "|sweep-duration|timeout) \\S+|--skip-sweep|--help))*"));
    /** What a placeholder stands for, by the option it follows. */
    static final Map<String, String> SAMPLES = Map.of("--scenario", "isolation", "--bootstrap", "127.0.0.1:9092",
            "--report", "r.json", "--dir", "keys", "--role", "consumer", "--duration", "30m", "--id", "c1", "learn", "race");

    static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(HOME.resolve("README.md")));
        try (Stream<Path> files = Files.list(HOME.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        try (Stream<Path> dirs = Files.list(HOME)) {
            dirs.map(d -> d.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(docs::add);
        }
        return docs;
    }

    static Set<String> commandsIn(String text) {
        Set<String> commands = new LinkedHashSet<>();
        Matcher inline = Pattern.compile("`(\\./handoff[^`]*)`").matcher(text);
        while (inline.find()) {
            commands.add(inline.group(1));
        }
        Matcher block = Pattern.compile("```(?:bash|sh)?\\n(.*?)```", Pattern.DOTALL).matcher(text);
        while (block.find()) {
            block.group(1).lines().map(String::strip).filter(l -> l.startsWith("./handoff")).forEach(commands::add);
        }
        return commands;
    }

    /** The arguments of a command as a person would type them: comments, pipes and the trailing & gone. */
    static List<String> arguments(String command) {
        String line = command.replaceAll("\\s+#.*$", "").replaceAll("\\s*&\\s*$", "").strip();
        List<String> words = new ArrayList<>(Arrays.asList(line.split("\\s+")));
        words.removeFirst(); // ./handoff
        words.removeIf(w -> w.startsWith("[") || w.endsWith("]") || w.equals("..."));
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.matches("[A-Z][A-Z:_]*") || w.contains("|")) {
                words.set(i, i > 0 ? SAMPLES.getOrDefault(words.get(i - 1), "1") : w);
            }
        }
        return words;
    }

    @Test
    void everyCommandTheDocumentsShowIsOneTheCommandLineTakes() throws IOException {
        List<String> checked = new ArrayList<>();
        for (Path doc : documents()) {
            for (String command : commandsIn(Files.readString(doc))) {
                List<String> args = arguments(command);
                String where = HOME.relativize(doc) + ": " + command;
                if (!args.isEmpty() && LAUNCHER.containsKey(args.getFirst())) {
                    assertThat(String.join(" ", args.subList(1, args.size())))
                            .as("the launcher's %s in %s", args.getFirst(), where).matches(LAUNCHER.get(args.getFirst()));
                } else {
                    try {
                        HandoffMain.commandLine().parseArgs(args.toArray(String[]::new));
                    } catch (CommandLine.MissingParameterException e) {
                        // a command named in passing (`./handoff agent`): it exists, its options are elsewhere
                    } catch (CommandLine.ParameterException e) {
                        throw new AssertionError(where + " does not parse: " + e.getMessage(), e);
                    }
                }
                checked.add(where);
            }
        }
        assertThat(checked).as("commands found in the documents").hasSizeGreaterThan(40)
                .anyMatch(c -> c.startsWith("README.md: ./handoff demo"))
                .anyMatch(c -> c.startsWith("README.md: ./handoff learn"));
    }

    @Test
    void aMisspelledOptionInADocumentWouldFailThisTest() {
        assertThat(arguments("./handoff run --scenario NAME --reprot FILE   # a typo")).containsExactly("run",
                "--scenario", "isolation", "--reprot", "1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HandoffMain.commandLine()
                .parseArgs("run", "--reprot", "x")).isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void everyRelativeLinkInTheDocumentsNamesAFileInTheRepository() throws IOException {
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
        List<String> missing = new ArrayList<>();
        int links = 0;
        for (Path doc : documents()) {
            Matcher m = link.matcher(Files.readString(doc));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue; // http:, https:, mailto:
                }
                links++;
                if (!Files.exists(doc.getParent().resolve(target))) {
                    missing.add(HOME.relativize(doc) + " -> " + target);
                }
            }
        }
        assertThat(links).as("relative links found").isGreaterThan(5);
        assertThat(missing).as("links to files that are not in the repository").isEmpty();
    }
}
