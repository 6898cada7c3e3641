package org.tmshost.timing;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Structure;

import java.util.OptionalInt;

/**
 * Real-time scheduling for the pulse thread where the operating system allows it (Linux, x86-64 and
 * ARM64, through JNA): {@code SCHED_FIFO} at a priority, the memory mapped so far locked
 * ({@code mlockall(MCL_CURRENT)}) so that paging it out cannot stall a pulse, and optionally one CPU. Without the rights (CAP_SYS_NICE or an rtprio
 * limit; CAP_IPC_LOCK or a memlock limit) it changes nothing and says why, with how to grant them
 * (docs/timing.md, "Real-time priority"); tmshost runs either way.
 */
public final class RealTime {
    /** Above the kernel's threaded interrupt handlers (50), below its watchdogs (99). */
    public static final int DEFAULT_PRIORITY = 80;
    /**
     * A simulated device's threads and its pty relay: above the pulse thread, as hardware is not the
     * host's to delay (a device's log must not carry the host machine's scheduling).
     */
    public static final int DEVICE_PRIORITY = 85;
    /**
     * The threads that watch the device for the pulse thread: a driver's link thread (keep-alives,
     * status, pulse reports) and the session's interlock monitor. Below the pulse thread, so a report
     * is read and a trip seen in time under load, and watching never delays a pulse. (At normal
     * priority they also kept the JVM's safepoints waiting behind the machine's other programs.)
     */
    public static final int WATCH_PRIORITY = 75;
    private static final int SCHED_FIFO = 1;
    private static final int MCL_CURRENT = 1;
    private static final int EPERM = 1;
    private static final int ENOMEM = 12;
    private static final String HOW = "grant it with the shipped systemd unit (LimitRTPRIO=80, LimitMEMLOCK=infinity),"
            + " or setcap cap_sys_nice,cap_ipc_lock+ep on the java binary (docs/timing.md, \"Real-time priority\")";

    /** What the pulse thread wants: a priority and, if set, one CPU. */
    public record Request(int priority, OptionalInt cpu) {
        public Request {
            if (priority < 1 || priority > 99) {
                throw new IllegalArgumentException("SCHED_FIFO priorities are 1..99, got " + priority);
            }
        }

        public static Request defaults() {
            return new Request(DEFAULT_PRIORITY, OptionalInt.empty());
        }
    }

    /**
     * What was applied to the calling thread (and the process, for memory).
     *
     * @param problem empty when everything asked for was applied, else what was refused and how to grant it
     */
    public record Grant(boolean fifo, int priority, OptionalInt cpu, boolean memoryLocked, String problem) {
        public boolean complete() {
            return problem.isEmpty();
        }

        /** For the arming report and the record, e.g. "pulse thread: SCHED_FIFO 80, CPU 3, memory locked". */
        public String describe() {
            StringBuilder text = new StringBuilder("pulse thread: ");
            text.append(fifo ? "SCHED_FIFO " + priority : "normal scheduling (no real-time priority)");
            cpu.ifPresent(c -> text.append(", CPU ").append(c));
            text.append(memoryLocked ? ", memory locked" : ", memory not locked");
            if (!problem.isEmpty()) {
                text.append(" (").append(problem).append(")");
            }
            return text.toString();
        }
    }

    private RealTime() {
    }

    /** Applies {@code request} to the calling thread: call it first thing on the pulse thread. */
    public static Grant promoteCurrentThread(Request request) {
        if (!Platform.isLinux()) {
            return new Grant(false, 0, OptionalInt.empty(), false, "real-time scheduling is only set up on Linux");
        }
        LibC libc;
        try {
            libc = LibC.load();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return new Grant(false, 0, OptionalInt.empty(), false, "cannot reach the C library: " + e.getMessage());
        }
        StringBuilder problems = new StringBuilder();
        // what is mapped now; not MCL_FUTURE, which would fault in and lock every later heap growth at once,
        // a stall of its own (a fixed, pre-touched heap locks it all: docs/timing.md, JVM flags)
        boolean locked = call(() -> libc.mlockall(MCL_CURRENT), "mlockall", problems);
        SchedParam param = new SchedParam();
        param.sched_priority = request.priority();
        boolean fifo = call(() -> libc.sched_setscheduler(0, SCHED_FIFO, param), "SCHED_FIFO", problems);
        OptionalInt cpu = OptionalInt.empty();
        if (request.cpu().isPresent()) {
            int c = request.cpu().getAsInt();
            long[] mask = new long[Math.max(1, c / 64 + 1)];
            mask[c / 64] = 1L << (c % 64);
            if (call(() -> libc.sched_setaffinity(0, new NativeLong(mask.length * 8L), mask), "CPU " + c, problems)) {
                cpu = request.cpu();
            }
        }
        if (!problems.isEmpty()) {
            problems.append("; ").append(HOW);
        }
        return new Grant(fifo, fifo ? request.priority() : 0, cpu, locked, problems.toString());
    }

    /**
     * SCHED_FIFO {@code priority} for thread or process {@code tid} (0: the calling thread), nothing
     * else: no memory lock, no CPU. For the simulated devices that stand in for hardware.
     *
     * @return false where refused (no rights) or not on Linux: the thread runs as before
     */
    public static boolean fifo(long tid, int priority) {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            SchedParam param = new SchedParam();
            param.sched_priority = priority;
            return LibC.load().sched_setscheduler((int) tid, SCHED_FIFO, param) == 0;
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            return false;
        }
    }

    /**
     * Tries {@code request} on a short-lived thread, which then ends (before arming: what the pulse
     * thread will get). Memory locking is process-wide, so a probe that may lock it does.
     */
    public static Grant probe(Request request) {
        Grant[] result = new Grant[1];
        Thread probe = new Thread(() -> result[0] = promoteCurrentThread(request), "tmshost-rt-probe");
        probe.setDaemon(true);
        probe.start();
        try {
            probe.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return result[0] != null ? result[0]
                : new Grant(false, 0, OptionalInt.empty(), false, "the real-time probe did not finish");
    }

    private interface Call {
        int run() throws LastErrorException;
    }

    private static boolean call(Call call, String what, StringBuilder problems) {
        try {
            return call.run() == 0;
        } catch (LastErrorException e) {
            if (!problems.isEmpty()) {
                problems.append(", ");
            }
            problems.append(what).append(" refused (").append(e.getErrorCode() == EPERM ? "EPERM: no permission"
                    : e.getErrorCode() == ENOMEM ? "ENOMEM: beyond the locked-memory limit"
                    : "errno " + e.getErrorCode()).append(')');
            return false;
        }
    }

    /** {@code struct sched_param}. */
    @Structure.FieldOrder({"sched_priority"})
    public static final class SchedParam extends Structure {
        public int sched_priority;
    }

    private interface LibC extends Library {
        static LibC load() {
            return Native.load("c", LibC.class);
        }

        int sched_setscheduler(int pid, int policy, SchedParam param) throws LastErrorException;

        int sched_setaffinity(int pid, NativeLong cpusetsize, long[] mask) throws LastErrorException;

        int mlockall(int flags) throws LastErrorException;

        int sched_getscheduler(int pid) throws LastErrorException;
    }

    /** The calling thread runs under {@code SCHED_FIFO} (as the kernel says, not as we asked). */
    public static boolean currentThreadIsFifo() {
        try {
            return Platform.isLinux() && LibC.load().sched_getscheduler(0) == SCHED_FIFO;
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            return false;
        }
    }
}
