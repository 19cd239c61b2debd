package io.handoff.bench;

/**
 * One line of {@code /proc/PID/stat}: the CPU a process has used, in clock ticks.
 *
 * @param utime  ticks in user mode, every thread of the process
 * @param stime  ticks in kernel mode
 * @param cutime user ticks of the children it has waited for (reaped), and of theirs
 * @param cstime kernel ticks of the same
 */
public record ProcStat(long pid, String name, char state, long utime, long stime, long cutime, long cstime) {

    /**
     * Parses a stat line. The name (field 2) is in parentheses and may itself hold spaces and parentheses,
     * so the fields after it are counted from the LAST closing parenthesis, as proc(5) advises.
     */
    public static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + line);
        }
        String[] rest = line.substring(close + 1).trim().split("\\s+");
        if (rest.length < 15) {
            throw new IllegalArgumentException("too few fields in /proc/PID/stat line: " + line);
        }
        // rest[0] is field 3 (state); utime, stime, cutime, cstime are fields 14 to 17.
        return new ProcStat(Long.parseLong(line.substring(0, open).trim()), line.substring(open + 1, close),
                rest[0].charAt(0), Long.parseLong(rest[11]), Long.parseLong(rest[12]), Long.parseLong(rest[13]),
                Long.parseLong(rest[14]));
    }

    /** CPU of the process itself, user and kernel. */
    public long cpuTicks() {
        return utime + stime;
    }

    /** CPU of every descendant it has reaped: exact, where sampling a process before it exits is not. */
    public long reapedChildrenTicks() {
        return cutime + cstime;
    }
}
