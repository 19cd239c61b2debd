package io.handoff.shared.message.control;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An order from the coordinator on the {@code control} topic; the JSON field {@code command} names it.
 * Every instance reads every command and keeps those that address its run and id.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "command")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Start.class, name = "start"),
        @JsonSubTypes.Type(value = Stop.class, name = "stop"),
        @JsonSubTypes.Type(value = Rate.class, name = "rate"),
        @JsonSubTypes.Type(value = Crash.class, name = "crash"),
        @JsonSubTypes.Type(value = Mode.class, name = "mode"),
        @JsonSubTypes.Type(value = Launch.class, name = "launch"),
        @JsonSubTypes.Type(value = Terminate.class, name = "terminate"),
})
public sealed interface ControlCommand permits Start, Stop, Rate, Crash, Mode, Launch, Terminate {

    /** The target that addresses every instance of the run. */
    String EVERYONE = "*";

    /** The run the command belongs to. */
    String runId();

    /** An instance id, or {@link #EVERYONE}. */
    String target();

    /** When the coordinator sent it, in epoch milliseconds. */
    long atMs();

    /** Whether this command is meant for the given instance of the given run. */
    default boolean addresses(String run, String instanceId) {
        return runId().equals(run) && (EVERYONE.equals(target()) || target().equals(instanceId));
    }
}
