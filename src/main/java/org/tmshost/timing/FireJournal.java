package org.tmshost.timing;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The pre-allocated record of every fired pulse: pulse index, planned time, actual time, output and
 * channel. Written only by the pulse thread, read concurrently by the recorder thread (and anyone
 * else) without locks.
 *
 * <p>Thread contract: (1) exactly one writer, the pulse thread, calls {@link #append}; (2) an entry's
 * fields are stored with plain writes, then the entry count is published with a release store, so a
 * reader that sees {@link #count()} {@code == n} (acquire load) sees entries {@code 0..n-1} complete;
 * (3) entries are never modified after publication; (4) the writer never waits for readers.
 *
 * <p>Layout (native byte order), in a direct buffer or a memory-mapped file so that, with
 * {@link #mapped}, fired pulses survive a killed process (the page cache keeps the stores):
 * <pre>
 * header (64 bytes): int magic 'TMSJ' | int version 1 | int capacity | int count (plain mirror)
 *                    | int expected end | int reserved | long device stops by | long device ran until
 *                    | 16 bytes store identity | 8 reserved
 * entry i at 64 + 32 * i: long plannedNanos | long actualNanos | int pulseIndex | int outputPercentMso | int channel | int flags
 * (flags: bit 0 = the device refused the pulse; 0 in journals written before the flag existed)
 * </pre>
 * The trigger is called before the entry is written. The actual time is when the pulse left the
 * host, as read after it left (the clock after the trigger returned, less what the trigger says it
 * went on after its pulse left), so it is never earlier than the truth; for a pulse the device times
 * within a train it is the train's start plus the pulse's offset. A process killed inside a trigger
 * call can lose that one pulse's entry.
 *
 * <p>A train the device times runs on without the host. So that a record closed without the host
 * (killed, or its link lost) holds what the device delivered, the pulse thread writes the rest of
 * such a train ahead, unpublished ({@link #expect}: entries up to the "expected end"), and the
 * device's link raises "device stops by" before each command that renews its lease
 * ({@link #raiseDeviceStopsBy}): when the device would stop by itself if the host fell silent now
 * (its keep-alive lease), or when the host disarmed it. Entries written ahead
 * whose device time is before that are what the device delivered ({@link #deliveredIfStoppedBy}).
 * Journals written before these fields existed hold 0 in both: nothing is written ahead.
 *
 * <p>The store identity names the record store the journal's session belongs to (zero in journals
 * written before it existed), so a journal left by a store that was since lost or replaced is
 * recognised as that store's. A journal file is created, never reused: one that exists is an error.
 */
public final class FireJournal {
    /** A journal is the owner's alone, as the record it feeds (0600 where the file system has POSIX modes). */
    private static final FileAttribute<?>[] OWNER_ONLY = FileSystems.getDefault().supportedFileAttributeViews()
            .contains("posix") ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];

    public static final int MAGIC = 0x544D534A;
    public static final int VERSION = 1;
    static final int HEADER_BYTES = 64;
    static final int ENTRY_BYTES = 32;
    private static final int COUNT_OFFSET = 12;
    private static final int EXPECTED_END_OFFSET = 16;
    private static final int STOPS_BY_OFFSET = 24;
    private static final int RAN_UNTIL_OFFSET = 32;
    private static final int STORE_OFFSET = 40;
    /** The store identity's length in bytes (32 hex digits). */
    public static final int STORE_BYTES = 16;
    private static final int REFUSED_FLAG = 1;
    private static final int UNCONFIRMED_FLAG = 2;
    private static final int PAGE_BYTES = 4096;
    private static final VarHandle COUNT;
    /** The header's longs, for the compare-and-set that raises "device stops by" from two threads. */
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(FireJournal.class, "count", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ByteBuffer buffer;
    private final int capacity;
    @SuppressWarnings("unused") // accessed through COUNT
    private volatile int count;

    private FireJournal(ByteBuffer buffer, int capacity) {
        this.buffer = buffer.order(ByteOrder.nativeOrder());
        this.capacity = capacity;
        this.buffer.putInt(0, MAGIC).putInt(4, VERSION).putInt(8, capacity).putInt(COUNT_OFFSET, 0)
                .putInt(EXPECTED_END_OFFSET, 0).putLong(STOPS_BY_OFFSET, 0L).putLong(RAN_UNTIL_OFFSET, 0L);
    }

    private FireJournal(ByteBuffer buffer, int capacity, int count) {
        this.buffer = buffer;
        this.capacity = capacity;
        COUNT.setRelease(this, count);
    }

    /**
     * Opens an existing journal file read-only, as its writer left it (also after the writer was
     * killed): the recovery path. Appending to it throws.
     *
     * @throws IOException if the file is missing, too short, or not a journal of this version
     */
    public static FireJournal open(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < HEADER_BYTES) {
                throw new IOException(file + " is not a fire journal: " + size + " bytes");
            }
            ByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.nativeOrder());
            if (map.getInt(0) != MAGIC || map.getInt(4) != VERSION) {
                throw new IOException(file + " is not a version " + VERSION + " fire journal");
            }
            int capacity = map.getInt(8);
            int count = map.getInt(COUNT_OFFSET);
            if (capacity < 1 || count < 0 || count > capacity || size < HEADER_BYTES + (long) ENTRY_BYTES * capacity) {
                throw new IOException(file + " has an inconsistent header (capacity " + capacity + ", count " + count + ")");
            }
            return new FireJournal(map, capacity, count);
        }
    }

    /** A journal for {@code capacity} pulses in an off-heap buffer. */
    public static FireJournal inMemory(int capacity) {
        return new FireJournal(ByteBuffer.allocateDirect(bytesFor(capacity)), capacity);
    }

    /** As {@link #mapped(Path, int, String)} with no store identity (zero). */
    public static FireJournal mapped(Path file, int capacity) throws IOException {
        return mapped(file, capacity, "0".repeat(2 * STORE_BYTES));
    }

    /**
     * A journal for {@code capacity} pulses in a new memory-mapped file, so the record of fired
     * pulses outlives the process; {@code storeIdentity} (32 hex digits) names the record store it
     * feeds. The mapping is set up here, never on the pulse thread.
     *
     * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists: a journal is evidence
     *                                                   and is never overwritten
     */
    public static FireJournal mapped(Path file, int capacity, String storeIdentity) throws IOException {
        byte[] store = java.util.HexFormat.of().parseHex(storeIdentity);
        if (store.length != STORE_BYTES) {
            throw new IllegalArgumentException("a store identity is " + STORE_BYTES + " bytes, got " + storeIdentity);
        }
        int bytes = bytesFor(capacity);
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE), OWNER_ONLY)) {
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
            for (int page = 0; page < map.capacity(); page += PAGE_BYTES) {
                map.put(page, (byte) 0); // fault every page in now, not on the pulse thread's first store to it
            }
            map.put(STORE_OFFSET, store);
            return new FireJournal(map, capacity);
        }
    }

    /** The size of a journal file for {@code capacity} pulses (what the free-space arming check counts). */
    public static long fileBytes(int capacity) {
        return bytesFor(capacity);
    }

    /**
     * The store identity in a journal file's header (32 hex digits, all zero for a journal written
     * before it existed); reads the header only.
     */
    public static String storeIdentityOf(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.nativeOrder());
            while (header.hasRemaining() && channel.read(header) >= 0) {
                // read the whole header
            }
            if (header.position() < HEADER_BYTES || header.getInt(0) != MAGIC) {
                throw new IOException(file + " is not a fire journal");
            }
            byte[] store = new byte[STORE_BYTES];
            header.get(STORE_OFFSET, store);
            return java.util.HexFormat.of().formatHex(store);
        }
    }

    private static int bytesFor(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("journal capacity must be >= 1, got " + capacity);
        }
        return Math.toIntExact(HEADER_BYTES + (long) ENTRY_BYTES * capacity);
    }

    /**
     * Appends one fired pulse. Pulse thread only; allocation-free.
     *
     * @throws IndexOutOfBoundsException when full (the scheduler sizes the journal to the plan)
     */
    public void append(int pulseIndex, long plannedNanos, long actualNanos, int outputPercentMso, int channel) {
        append(pulseIndex, plannedNanos, actualNanos, outputPercentMso, channel, false);
    }

    /**
     * Appends one pulse the host sent; {@code refused}: the device said it did not deliver it (a
     * deviation the record shows, never a delivered pulse). Pulse thread only; allocation-free.
     */
    public void append(int pulseIndex, long plannedNanos, long actualNanos, int outputPercentMso, int channel,
                       boolean refused) {
        publish((int) COUNT.getOpaque(this), pulseIndex, plannedNanos, actualNanos, outputPercentMso, channel,
                refused ? REFUSED_FLAG : 0);
    }

    /**
     * Appends one pulse whose fire command left the host without the device confirming it: it may or
     * may not have been delivered ({@link org.tmshost.device.PulseTrigger#UNCONFIRMED}). Not a delivered
     * pulse on record; one the device may have delivered. Pulse thread only; allocation-free.
     */
    public void appendUnconfirmed(int pulseIndex, long plannedNanos, long actualNanos, int outputPercentMso,
                                  int channel) {
        publish((int) COUNT.getOpaque(this), pulseIndex, plannedNanos, actualNanos, outputPercentMso, channel,
                UNCONFIRMED_FLAG);
    }

    private void publish(int entry, int pulseIndex, long plannedNanos, long actualNanos, int outputPercentMso,
                         int channel, int flags) {
        if (entry >= capacity) {
            throw new IndexOutOfBoundsException("fire journal full at " + capacity + " entries");
        }
        write(entry, pulseIndex, plannedNanos, actualNanos, outputPercentMso, channel, flags);
        buffer.putInt(COUNT_OFFSET, entry + 1);
        COUNT.setRelease(this, entry + 1);
    }

    /**
     * Writes ahead, unpublished, a pulse the device will time on its own after the last appended one
     * ({@code ahead} 0 is the next entry): the rest of a device-timed train, at the device's time.
     * The pulse thread appends the same entry once its time has passed. Pulse thread only;
     * allocation-free.
     */
    public void expect(int ahead, int pulseIndex, long plannedNanos, long deviceNanos, int outputPercentMso,
                       int channel) {
        int entry = (int) COUNT.getOpaque(this) + ahead;
        if (ahead < 0 || entry >= capacity) {
            throw new IndexOutOfBoundsException("entry " + entry + " is outside the journal's " + capacity);
        }
        write(entry, pulseIndex, plannedNanos, deviceNanos, outputPercentMso, channel, 0);
        if (entry + 1 > buffer.getInt(EXPECTED_END_OFFSET)) {
            buffer.putInt(EXPECTED_END_OFFSET, entry + 1);
        }
    }

    /**
     * When the device stops a train it times by itself ({@link System#nanoTime} of the writer): when
     * the host disarmed it. Written by the session's monitor as it ends the session, after
     * {@link #withdrawExpected()}.
     */
    public void deviceStopsBy(long nanos) {
        LONGS.setVolatile(buffer, STOPS_BY_OFFSET, nanos);
    }

    /**
     * Moves "device stops by" later, never earlier: the end of the device's lease if the host fell
     * silent now. Lock-free and allocation-free, from any thread: the device's link thread raises it
     * before each command that renews the lease leaves the host (the pulse thread's too), the monitor
     * as it polls, so a host killed just after a command holds a bound that covers it.
     */
    public void raiseDeviceStopsBy(long nanos) {
        long current;
        do {
            current = (long) LONGS.getVolatile(buffer, STOPS_BY_OFFSET);
            if (current != 0 && nanos <= current) {
                return;
            }
        } while (!LONGS.compareAndSet(buffer, STOPS_BY_OFFSET, current, nanos));
    }

    /**
     * Takes back the entries written ahead and not published: the host stopped the device (or can
     * no longer say what it delivered), and nothing after the published entries is on record.
     * Called by the session as it ends, once the pulse thread has stopped.
     */
    public void withdrawExpected() {
        buffer.putInt(EXPECTED_END_OFFSET, count());
    }

    /**
     * Until when the device is known to have run its timer ({@link System#nanoTime} of the writer):
     * the lease its last acknowledged command renewed. At most {@link #deviceStopsByNanos()}; the
     * pulses between the two may or may not have been delivered. The monitor thread is the only writer.
     */
    public void deviceRanUntil(long nanos) {
        buffer.putLong(RAN_UNTIL_OFFSET, nanos);
    }

    /** The last {@link #deviceRanUntil} written, or 0 when none was. */
    public long deviceRanUntilNanos() {
        return buffer.getLong(RAN_UNTIL_OFFSET);
    }

    /** The last {@link #deviceStopsBy} written, or 0 when none was (nothing to settle). */
    public long deviceStopsByNanos() {
        return (long) LONGS.getVolatile(buffer, STOPS_BY_OFFSET);
    }

    /** The end of the entries written ahead: at least {@link #count()}. */
    public int expectedEnd() {
        return Math.max(count(), buffer.getInt(EXPECTED_END_OFFSET));
    }

    /**
     * The entries the device delivered if it stopped at {@code stopsByNanos}: the published ones and
     * those written ahead whose device time is before it. Read when the writer is gone or halted.
     */
    public int deliveredIfStoppedBy(long stopsByNanos) {
        int end = count();
        int expectedEnd = expectedEnd();
        while (end < expectedEnd && actualNanos(end) - stopsByNanos < 0) {
            end++;
        }
        return end;
    }

    private void write(int entry, int pulseIndex, long plannedNanos, long actualNanos, int outputPercentMso, int channel,
                       int flags) {
        int at = HEADER_BYTES + ENTRY_BYTES * entry;
        buffer.putLong(at, plannedNanos);
        buffer.putLong(at + 8, actualNanos);
        buffer.putInt(at + 16, pulseIndex);
        buffer.putInt(at + 20, outputPercentMso);
        buffer.putInt(at + 24, channel);
        buffer.putInt(at + 28, flags);
    }

    /** Number of complete entries; entries below it may be read from any thread. */
    public int count() {
        return (int) COUNT.getAcquire(this);
    }

    public int capacity() {
        return capacity;
    }

    public int pulseIndex(int entry) {
        return buffer.getInt(offset(entry) + 16);
    }

    public long plannedNanos(int entry) {
        return buffer.getLong(offset(entry));
    }

    public long actualNanos(int entry) {
        return buffer.getLong(offset(entry) + 8);
    }

    /** {@code actualNanos - plannedNanos}. */
    public long latenessNanos(int entry) {
        return actualNanos(entry) - plannedNanos(entry);
    }

    /** The device refused this pulse: the host sent it, the subject did not receive it. */
    public boolean refused(int entry) {
        return (buffer.getInt(offset(entry) + 28) & REFUSED_FLAG) != 0;
    }

    /** Whether the device did not confirm this entry's fire command: it may or may not have delivered it. */
    public boolean unconfirmed(int entry) {
        return (buffer.getInt(offset(entry) + 28) & UNCONFIRMED_FLAG) != 0;
    }

    /** Published entries the device did not confirm ({@link #appendUnconfirmed}); not for the pulse thread. */
    public int unconfirmedCount() {
        int unconfirmed = 0;
        for (int entry = 0, end = count(); entry < end; entry++) {
            unconfirmed += unconfirmed(entry) ? 1 : 0;
        }
        return unconfirmed;
    }

    public int outputPercentMso(int entry) {
        return buffer.getInt(offset(entry) + 20);
    }

    public int channel(int entry) {
        return buffer.getInt(offset(entry) + 24);
    }

    private int offset(int entry) {
        if (entry < 0 || entry >= expectedEnd()) {
            throw new IndexOutOfBoundsException("entry " + entry + " of " + count());
        }
        return HEADER_BYTES + ENTRY_BYTES * entry;
    }

    @Override
    public String toString() {
        return "FireJournal[" + count() + "/" + capacity + "]";
    }
}
