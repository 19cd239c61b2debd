package io.handoff.consumer.stop;

import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import java.util.Map;

/**
 * Whether this consumer is in touch with its group: its {@code items} client sent a heartbeat to the group
 * coordinator lately. None is sent while the broker is away or while a rebalance is under way, and then what this
 * consumer holds may still change: a consumer that holds nothing must not take that moment for the end.
 */
@ApplicationScoped
public class GroupContact {

    private static final String CHANNEL = "items";
    /** Heartbeats go every 1.5 s ({@code heartbeat.interval.ms}); Kafka gives the gap in whole seconds. */
    static final double MOST_SECONDS_BETWEEN_HEARTBEATS = 2;

    private final KafkaClientService clients;

    @Inject
    public GroupContact(KafkaClientService clients) {
        this.clients = clients;
    }

    /** True when the last heartbeat went out within two seconds; also when the client cannot say (no such metric). */
    public boolean inTouch() {
        return secondsSinceHeartbeat() <= MOST_SECONDS_BETWEEN_HEARTBEATS;
    }

    /**
     * Seconds since the {@code items} client's last heartbeat ({@code last-heartbeat-seconds-ago}); 0 when unknown.
     * A client's metrics may be read from any thread.
     */
    double secondsSinceHeartbeat() {
        var consumer = clients.getConsumer(CHANNEL);
        if (consumer == null) {
            return 0;
        }
        Map<MetricName, ? extends Metric> metrics = consumer.unwrap().metrics();
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName name = entry.getKey();
            if (name.name().equals("last-heartbeat-seconds-ago") && name.group().equals("consumer-coordinator-metrics")
                    && entry.getValue().metricValue() instanceof Number seconds) {
                return seconds.doubleValue();
            }
        }
        return 0;
    }
}
