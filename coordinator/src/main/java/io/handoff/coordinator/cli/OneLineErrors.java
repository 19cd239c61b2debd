package io.handoff.coordinator.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.stream.Collectors;

/**
 * Turns every usage error into one line on standard error that names the problem and what is accepted,
 * and exits with {@link ExitCodes#USAGE}: no page of help to scroll past, no stack trace.
 */
public final class OneLineErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandName().equals("handoff") ? "handoff: " + message(ex)
                : "handoff " + command.getCommandName() + ": " + message(ex));
        err.flush();
        return ExitCodes.USAGE;
    }

    private static String message(CommandLine.ParameterException ex) {
        CommandLine command = ex.getCommandLine();
        // A command of the tree, or one run by the launcher as a program of its own (bench-kafka): its own help.
        String name = command.getCommandName();
        String help = " (see ./handoff " + (name.equals("handoff") ? "" : name + " ") + "--help)";
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
            String options = command.getCommandSpec().options().stream()
                    .map(CommandLine.Model.OptionSpec::longestName).sorted().collect(Collectors.joining(", "));
            String commands = String.join(", ", command.getSubcommands().keySet());
            String accepted = commands.isEmpty() ? "accepted options: " + options
                    : "accepted commands: " + commands + "; options: " + options;
            String what = unmatched.getUnmatched().isEmpty() ? "unknown argument"
                    : unmatched.getUnmatched().getFirst().startsWith("-")
                            ? "Unknown option: '" + unmatched.getUnmatched().getFirst() + "'"
                            : "unknown " + (commands.isEmpty() ? "argument" : "command") + " '"
                                    + unmatched.getUnmatched().getFirst() + "'";
            return what + "; " + accepted + help;
        }
        String first = ex.getMessage().lines().findFirst().orElse("invalid usage");
        if (ex.getArgSpec() instanceof CommandLine.Model.OptionSpec option) {
            // Ranges are named by option, and bench-kafka's --payload-bytes is a list: only numbers get the hint.
            String accepted = OptionRange.of(option.longestName()).filter(range -> wholeNumber(option.type()))
                    .map(OptionRange::accepted)
                    .orElse(option.type() == java.time.Duration.class ? DurationConverter.ACCEPTED
                            : option.type() == io.handoff.shared.message.Work.class ? io.handoff.shared.message.Work.ACCEPTED
                            : null);
            if (accepted != null && !first.contains(accepted)) {
                return first + "; accepted: " + accepted + help;
            }
        }
        return first + help;
    }

    private static boolean wholeNumber(Class<?> type) {
        return type == int.class || type == long.class || type == Integer.class || type == Long.class;
    }
}
