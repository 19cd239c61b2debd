package io.handoff.shared.runtime;

import io.handoff.shared.metrics.MetricNames;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Tags every meter of the process, Handoff's and the Kafka clients' alike, with who it is: {@code instance}
 * (such as {@code consumer-2}) and {@code role}. Dashboards group and filter on them; the Prometheus jobs
 * keep them ({@code honor_labels}) instead of overwriting {@code instance} with the scrape address.
 */
@Singleton
public class CommonTags {

    /**
     * With {@code HANDOFF_METRICS_ENABLED=false} every meter is denied instead, and Micrometer hands out
     * no-op meters: the instrumentation costs nothing, which is what the overhead benchmark compares with.
     */
    @Produces
    @Singleton
    MeterFilter instanceAndRole(InstanceConfig instance) {
        if (!instance.metricsEnabled()) {
            return MeterFilter.deny();
        }
        return MeterFilter.commonTags(Tags.of(MetricNames.TAG_INSTANCE, instance.instanceId(),
                MetricNames.TAG_ROLE, instance.role()));
    }
}
