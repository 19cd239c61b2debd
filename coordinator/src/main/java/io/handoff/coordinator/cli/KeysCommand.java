package io.handoff.coordinator.cli;

import io.handoff.coordinator.report.Console;
import io.handoff.shared.auth.Secrets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./handoff keys}: makes the platform's shared secrets once, for compose (a one-shot service writes them to
 * a volume that the coordinator and agents read). Kubernetes keeps them in a Secret instead.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        description = {
            "Creates the secrets a platform run shares, each in a file of its own, and keeps those that exist: "
                + KeysCommand.CONTROL_KEY + " (seals the coordinator's commands on the control topic: "
                + "HANDOFF_CONTROL_KEY_FILE), " + KeysCommand.API_TOKEN + " (for REST calls that change a run: "
                + "HANDOFF_API_TOKEN_FILE) and " + KeysCommand.GRAFANA_PASSWORD + " (Grafana's admin login).",
            ""},
        footer = {"", "Exit codes: 0 the keys exist; 3 a key could not be written, or one there is unusable."})
public class KeysCommand implements Callable<Integer> {

    public static final String CONTROL_KEY = "control.key";
    public static final String API_TOKEN = "api.token";
    public static final String GRAFANA_PASSWORD = "grafana-admin.password";

    /** One secret file: readable by this user only, except Grafana's, which Grafana reads as a user of its own. */
    private record KeyFile(String name, String permissions) {
    }

    private static final List<KeyFile> FILES = List.of(new KeyFile(CONTROL_KEY, "rw-------"),
            new KeyFile(API_TOKEN, "rw-------"), new KeyFile(GRAFANA_PASSWORD, "rw-r--r--"));

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "where the key files are kept")
    Path dir;

    @Override
    public Integer call() {
        Console console = new Console(System.out, System.err, false);
        try {
            Files.createDirectories(dir);
            for (KeyFile key : FILES) {
                Path file = dir.resolve(key.name());
                if (Files.exists(file)) {
                    Secrets.checked(Files.readString(file, StandardCharsets.UTF_8), file.toString()); // usable?
                    console.say("handoff keys: kept %s", file);
                } else {
                    write(file, Secrets.generate(), key.permissions());
                    console.say("handoff keys: created %s", file);
                }
            }
            return ExitCodes.PASSED;
        } catch (IOException | IllegalArgumentException e) {
            console.error("handoff keys: %s", e.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
    }

    /** Written in full under another name, then renamed: a reader sees no file, or the whole key. */
    private static void write(Path file, String secret, String permissions) throws IOException {
        Path partial = Files.createTempFile(file.getParent(), ".key-", ".partial",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
        Files.writeString(partial, secret + "\n", StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
