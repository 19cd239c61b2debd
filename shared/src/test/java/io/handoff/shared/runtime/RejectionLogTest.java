package io.handoff.shared.runtime;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

/** A flood of bad records is counted in full and logged in brief. */
class RejectionLogTest {

    @Test
    void logsTheFirstInFullThenOneLinePerThousandAndCountsEveryOne() {
        String name = "rejection-log-test";
        List<String> lines = new ArrayList<>();
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(name);
        jul.setUseParentHandlers(false);
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(new java.util.logging.SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(capture);
        try {
            RejectionLog log = new RejectionLog(Logger.getLogger(name), "a bad record");
            for (int i = 1; i <= 5_000; i++) {
                log.rejected("number " + i);
            }
            assertThat(log.count()).isEqualTo(5_000);
            assertThat(lines).hasSize(RejectionLog.IN_FULL + 1 + 5).first().asString().contains("number 1");
            assertThat(lines.get(RejectionLog.IN_FULL)).contains("from now on one line per 1000");
            assertThat(lines.getLast()).contains("5000 so far").contains("number 5000");
        } finally {
            jul.removeHandler(capture);
        }
    }
}
