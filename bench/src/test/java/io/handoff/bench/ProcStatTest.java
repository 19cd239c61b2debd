package io.handoff.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code /proc} lines as captured on this project's machine (Linux, 100 ticks per second). */
class ProcStatTest {

    /** The embedded broker's JVM. */
    private static final String BROKER = "4637 (java) S 1 4637 4637 0 -1 4194304 109429 0 54 0 1295 324 0 0 20 0 97 0 "
            + "31046 4310114304 114600 18446744073709551615 94630148726784 94630148727789 140733836930112 0 0 0 0 2 "
            + "16800973 0 0 0 17 0 0 0 0 0 0 94630148738368 94630148739088 94631082053632 140733836933661 "
            + "140733836933830 140733836933830 140733836935117 0";

    /** A copy of yes(1) named "w) (x y", running: its name has spaces and both kinds of parenthesis. */
    private static final String ODD_NAME = "5262 (w) (x y) R 5261 5258 2932 0 -1 4194304 138 0 0 0 23 36 0 0 20 0 1 0 "
            + "40315 2990080 354 18446744073709551615 94651955806208 94651955823177 140736921394144 0 0 0 0 6 0 0 0 0 "
            + "17 0 0 0 0 0 0 94651955838224 94651955839456 94653023387648 140736921397982 140736921397998 "
            + "140736921397998 140736921399272 0";

    /** A bash that had waited for children: cutime and cstime (fields 16, 17) hold what they spent. */
    private static final String WAITED = "2932 (bash) S 2931 2932 2932 0 -1 4194560 19553 1833684 0 85 4 8 10938 1192 "
            + "20 0 1 0 23700 5373952 1025 18446744073709551615 94888387989504 94888388778909 140728442493120 0 0 0 "
            + "65536 4 1132560123 1 0 0 17 1 0 0 0 0 0 94888389012208 94888389060452 94888825618432 140728442493819 "
            + "140728442493834 140728442493834 140728442494954 0";

    @Test
    void readsUserAndKernelTicksOfAJvm() {
        ProcStat stat = ProcStat.parse(BROKER);

        assertThat(stat.pid()).isEqualTo(4637);
        assertThat(stat.name()).isEqualTo("java");
        assertThat(stat.state()).isEqualTo('S');
        assertThat(stat.utime()).isEqualTo(1295);
        assertThat(stat.stime()).isEqualTo(324);
        assertThat(stat.cpuTicks()).isEqualTo(1619);
        assertThat(stat.reapedChildrenTicks()).isZero();
    }

    @Test
    void countsFieldsFromTheLastParenthesisSoANameWithSpacesAndParenthesesCannotShiftThem() {
        ProcStat stat = ProcStat.parse(ODD_NAME);

        assertThat(stat.pid()).isEqualTo(5262);
        assertThat(stat.name()).isEqualTo("w) (x y");
        assertThat(stat.state()).isEqualTo('R');
        assertThat(stat.utime()).isEqualTo(23);
        assertThat(stat.stime()).isEqualTo(36);
    }

    @Test
    void readsWhatReapedChildrenSpent() {
        ProcStat stat = ProcStat.parse(WAITED);

        assertThat(stat.cpuTicks()).isEqualTo(4 + 8);
        assertThat(stat.reapedChildrenTicks()).isEqualTo(10_938 + 1_192);
    }

    @Test
    void refusesALineThatIsNotAStatLine() {
        assertThatThrownBy(() -> ProcStat.parse("voluntary_ctxt_switches:\t4")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStat.parse("12 (java) S 1 2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsAThreadsVoluntarySwitchesAndNotTheNonvoluntaryLine() {
        // Trimmed from the broker's thread 4658; then the same two lines the other way round (made up: order must not matter).
        String status = "Name:\tSensorExpiryThr\nState:\tS (sleeping)\nTgid:\t4637\nPid:\t4658\nThreads:\t97\n"
                + "Cpus_allowed_list:\t0-1\nvoluntary_ctxt_switches:\t4\nnonvoluntary_ctxt_switches:\t0\n";
        String reordered = "Name:\tx\nnonvoluntary_ctxt_switches:\t11\nvoluntary_ctxt_switches:\t59815";

        assertThat(ThreadStatus.voluntarySwitches(status)).hasValue(4);
        assertThat(ThreadStatus.voluntarySwitches(reordered)).hasValue(59_815);
        assertThat(ThreadStatus.voluntarySwitches("Name:\tx\nnonvoluntary_ctxt_switches:\t11\n")).isEmpty();
    }
}
