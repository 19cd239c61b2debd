package io.handoff.broker;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerOptionsTest {

    @Test
    void readsPortsDataDirAndOverrides() {
        BrokerOptions options = BrokerOptions.parse(new String[] {"--data-dir", "/tmp/b", "--port", "19092",
                "--controller-port", "19093", "--set", "num.io.threads=2"});

        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/b"));
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(19092);
        assertThat(options.overrides()).containsEntry("num.io.threads", "2");
    }

    @Test
    void makesAOneNodeKraftClusterThatCreatesNoTopicByAccident() {
        Properties config = BrokerConfig.of(BrokerOptions.parse(new String[] {"--data-dir", "/tmp/b", "--port", "19092",
                "--controller-port", "19093", "--set", "num.io.threads=2"}));

        assertThat(config).containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("num.io.threads", "2");
    }

    @Test
    void refusesMissingOrWrongArgumentsSayingWhatIsAccepted() {
        assertThatThrownBy(() -> BrokerOptions.parse(new String[] {"--port", "1"}))
                .hasMessageContaining("--data-dir, --port and --controller-port are required").hasMessageContaining("usage:");
        assertThatThrownBy(() -> BrokerOptions.parse(new String[] {"--data-dir", "d", "--port", "99999",
                "--controller-port", "2"})).hasMessageContaining("--port must be a port number from 1 to 65535, got '99999'");
        assertThatThrownBy(() -> BrokerOptions.parse(new String[] {"--bogus", "x"}))
                .hasMessageContaining("unknown option '--bogus'");
        assertThatThrownBy(() -> BrokerOptions.parse(new String[] {"--data-dir", "d", "--port", "5",
                "--controller-port", "5"})).hasMessageContaining("must differ");
        assertThatThrownBy(() -> BrokerOptions.parse(new String[] {"--data-dir", "d", "--port", "5",
                "--controller-port", "6", "--scram", "alice:password=hunter2"}))
                .hasMessageContaining("--scram needs SCRAM-SHA-256=[name=USER,password=SECRET]");
    }

    @Test
    void takesScramUsersForTheFormatAsKafkaStorageWritesThem() {
        BrokerOptions options = BrokerOptions.parse(new String[] {"--data-dir", "d", "--port", "5", "--controller-port",
                "6", "--scram", "SCRAM-SHA-256=[name=admin,password=a-secret]", "--scram",
                "SCRAM-SHA-512=[name=svc,password=b]"});
        org.assertj.core.api.Assertions.assertThat(options.scram()).containsExactly(
                "SCRAM-SHA-256=[name=admin,password=a-secret]", "SCRAM-SHA-512=[name=svc,password=b]");
        assertThatThrownBy(() -> BrokerOptions.parse(new String[] {"--scram", "SCRAM-SHA-1=[name=x,password=hunter2]",
                "--data-dir", "d", "--port", "5", "--controller-port", "6"}))
                .as("the password is not echoed").hasMessageNotContaining("hunter2");
    }
}
