package io.handoff.coordinator.kafka;

import java.util.List;

/**
 * The topics of a run as they are on the cluster.
 *
 * @param partitions partitions of {@code items} (and {@code results}); may exceed what was asked when an
 *                   existing topic already had more
 * @param notes      what the setup had to say: topics created, grown, or found larger than asked
 */
public record TopicLayout(int partitions, List<String> notes) {
}
