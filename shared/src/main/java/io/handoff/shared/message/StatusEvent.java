package io.handoff.shared.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What an instance tells the coordinator on the {@code status} topic; the JSON field {@code type} names the kind.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = ProducerDone.class, name = "producer-done"),
        @JsonSubTypes.Type(value = ConsumerDone.class, name = "consumer-done"),
        @JsonSubTypes.Type(value = ProducerProgress.class, name = "producer-progress"),
        @JsonSubTypes.Type(value = ConsumerProgress.class, name = "consumer-progress"),
        @JsonSubTypes.Type(value = ConsumerCredits.class, name = "consumer-credits"),
        @JsonSubTypes.Type(value = AgentHello.class, name = "agent-hello"),
        @JsonSubTypes.Type(value = ProcessLaunched.class, name = "process-launched"),
        @JsonSubTypes.Type(value = ProcessExited.class, name = "process-exited"),
})
public sealed interface StatusEvent permits Hello, ProducerDone, ConsumerDone, ProducerProgress, ConsumerProgress,
        ConsumerCredits, AgentHello, ProcessLaunched, ProcessExited {

    /** The run the instance belongs to. */
    String runId();

    /** The instance that speaks, such as {@code consumer-2}. */
    String instanceId();

    /** When it spoke, in epoch milliseconds. */
    long atMs();
}
