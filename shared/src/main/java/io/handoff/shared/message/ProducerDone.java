package io.handoff.shared.message;

/**
 * A producer has finished: {@code sent} items were acknowledged by Kafka, so sequence numbers
 * {@code firstSeq..firstSeq+sent-1} are what the audit expects to find in {@code results}.
 *
 * @param firstSeq its first sequence number: 0, or past its predecessor's last when it was started again
 * @param failed items Kafka refused for good (never retried into success); any is a failed run
 * @param controlRefused records on {@code control} addressed to it and not obeyed, by reason
 */
public record ProducerDone(String runId, String instanceId, long sent, long failed, long elapsedMs, long atMs,
        java.util.Map<String, Long> controlRefused, long firstSeq) implements StatusEvent {

    public ProducerDone {
        controlRefused = controlRefused == null ? java.util.Map.of() : java.util.Map.copyOf(controlRefused);
    }
}
