package io.handoff.shared.message;

/**
 * What a consumer did with one item, published on the {@code results} topic once the transfer is applied.
 *
 * @param runId        the item's run
 * @param producerId   the item's producer
 * @param seq          the item's sequence number
 * @param consumerId   the consumer instance that applied it
 * @param consumerPid  the process that applied it: a restarted instance has a new one
 * @param worker       the worker thread that applied it
 * @param partition    the {@code items} partition it came from
 * @param offset       its offset there
 * @param createdAtMs  when the producer created the item
 * @param finishedAtMs when the worker finished it: {@code finishedAtMs - createdAtMs} is the end-to-end latency
 */
public record Result(String runId, String producerId, long seq, String consumerId, long consumerPid, String worker,
        int partition,
        long offset, long createdAtMs, long finishedAtMs) {
}
