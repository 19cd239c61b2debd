package io.handoff.coordinator.scenarios.soak;

import io.handoff.coordinator.report.ReportWriter;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a soak found: the rates, the judged window, each series' trend and every sample, also written as
 * {@code soak.json} in the run's folder.
 *
 * @param measuredPerSecond what the pipeline did unpaced
 * @param perProducer       the rate each producer was then set to
 * @param judgedFromS       trends judged from here (seconds from the start)...
 * @param stopAtS           ...to the stop
 * @param achievedPerSecond items processed per second from the end of the calibration to the stop
 * @param growths           each series' trend
 * @param samples           every process sample
 * @param disk              every file sample
 */
public record SoakFindings(double measuredPerSecond, int perProducer, double judgedFromS, double stopAtS,
        double achievedPerSecond, List<Growth> growths, List<ResourceSampler.ProcessSample> samples,
        List<ResourceSampler.DiskSample> disk) {

    private static final Logger LOG = Logger.getLogger(SoakFindings.class);

    void writeTo(Path file) {
        try {
            ReportWriter.write(this, file);
        } catch (IOException e) {
            LOG.warnf("could not write %s: %s", file, e.getMessage());
        }
    }
}
