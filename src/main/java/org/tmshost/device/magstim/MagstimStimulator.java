package org.tmshost.device.magstim;

import org.tmshost.device.FaultCodes;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.LinkThreadTask;
import org.tmshost.device.DeviceIdentity;
import org.tmshost.device.DeviceStatus;
import org.tmshost.device.LinkFaults;
import org.tmshost.device.PulseTrigger;
import org.tmshost.device.Stimulator;
import org.tmshost.device.transport.LinkClosedException;
import org.tmshost.device.transport.Transport;
import org.tmshost.profile.HardwareProfile;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Magstim 200², BiStim² or Rapid² driven over its serial protocol ({@link MagstimCodec}).
 *
 * <h2>Threads and the port</h2>
 * One command is in flight at a time: every exchange holds {@code port} (a fair lock) from write
 * to the end of its reply. The <b>link thread</b> sends the keep-alive ({@code Q@}, or {@code x@}
 * with an unlock code) every {@code keepAlivePeriodMs}, reads the coil temperature every
 * {@code temperaturePeriodMs}, and counts bad or missing replies; one more than the budget latches
 * {@code link-lost} in {@link #status()}, tells the listener, and sends a best-effort
 * {@code EA}. Callers' commands share the port and also renew the unit's lease.
 *
 * <p><b>Trade-off on the pulse path.</b> {@link #trigger()} fires with {@code EH} and must not wait
 * behind the link thread for long. It waits for the port at most one reply timeout (an exchange in
 * flight takes about 5–25 ms at 9600 baud); if the port is still busy it does not fire and reports
 * {@code magstim-fire-skipped-port-busy} in {@link #status()}, which trips the session. A serial
 * {@code EH} is a ≤1 Hz single-pulse path with ≈10 ms jitter (MAGIC #18); timing-critical pulses
 * go through the TTL trigger input, not this class.
 *
 * <p>Every parameter write is followed by a read-back ({@code J@} on 200²/BiStim², {@code \@} on
 * Rapid²); a mismatch disarms and throws {@code readback-mismatch}. There is no way to send
 * {@code b@} (ignore coil interlock): {@link MagstimCommands} has no factory for it.
 *
 * <p>The driver owns the transport and closes it in {@link #close()}.
 */
public final class MagstimStimulator implements Stimulator {
    public static final String LINK_LOST = FaultCodes.LINK_LOST;
    public static final String READBACK_MISMATCH = FaultCodes.READBACK_MISMATCH;
    public static final String FIRE_REFUSED = "magstim-fire-refused";
    public static final String FIRE_NO_ACK = "magstim-fire-not-acknowledged";
    public static final String FIRE_PORT_BUSY = "magstim-fire-skipped-port-busy";
    public static final String DEVICE_ERROR = "magstim-device-error";

    private static final int BUFFER = 64;
    private static final long TRAIN_STATUS_PERIOD_NANOS = 50_000_000L;
    private static final long REFUSAL_CHECK_NANOS = 5_000_000L;
    /** The Rapid's enforced wait after a train, during which its status is still watched closely. */
    private static final long TRAIN_WAIT_NANOS = 500_000_000L;

    private final HardwareProfile profile;
    private final MagstimModel model;
    private final Transport transport;
    private final MagstimLinkOptions options;
    private final ReentrantLock port = new ReentrantLock(true);
    private final byte[] replyBuffer = new byte[BUFFER];
    private final byte[] drainBuffer = new byte[BUFFER];
    private final MagstimCommand fireCommand = MagstimCommands.fire();
    private final byte[] fireFrame = fireCommand.frame();
    private final byte[] fireReply = new byte[3];
    private final PulseTrigger trigger = this::fire;
    private final MagstimCommand keepAlive;
    private final SoftwareVersion version;
    private final Thread linkThread;
    private final LinkThreadTask linkThreadTask = new LinkThreadTask();

    private volatile boolean running = true;
    private volatile int lastStatusBits = 0x01; // standby until the unit says otherwise
    private volatile double coilTemperatureCelsius = Double.NaN;
    private volatile String linkFault;
    /**
     * The latest the unit's lease may end: from when the last command was about to go onto the wire,
     * plus the reply timeout (a command that reaches the unit later than that is a missed reply; the
     * unit counts its lease from arrival), plus the lease.
     */
    private volatile long unattendedStopNanos = System.nanoTime();
    private volatile LongConsumer unattendedStopWatcher = nanos -> { };
    /** When the last command was sent that the unit answered armed: it ran its train at least until then. */
    private volatile long heardArmedNanos = System.nanoTime();
    private final LinkFaults linkFaults = new LinkFaults();
    private volatile String pulseFault;
    private volatile boolean powerWritten;
    private volatile long trainDurationNanos; // the loaded train's, 0 in single-pulse mode
    private volatile long refusedAtNanos;
    private volatile long statusReadAtNanos = System.nanoTime();
    private volatile boolean statusWanted;
    private volatile long trainUntilNanos = System.nanoTime();
    private int consecutiveFailures; // guarded by port

    private MagstimStimulator(HardwareProfile profile, Transport transport, MagstimLinkOptions options)
            throws DeviceFault {
        this.profile = profile;
        this.model = MagstimModel.of(profile);
        this.transport = transport;
        this.options = options;
        MagstimCommand enable = options.unlockCode().map(MagstimCommands::enableRemoteControl)
                .orElseGet(MagstimCommands::enableRemoteControl);
        // what the line holds from before (a killed host's unread replies) is no answer to this host
        discardStaleInput();
        MagstimReply enabled = exchange(enable, options.replyTimeoutMillis());
        if (enabled instanceof MagstimReply.Failed failed && failed.fault() != ReplyFault.INVALID_DATA) {
            discardStaleInput(); // a reply still arriving to the previous host's last command: ask once more
            enabled = exchange(enable, options.replyTimeoutMillis());
        }
        if (enabled instanceof MagstimReply.Failed
                && ((MagstimReply.Failed) enabled).fault() == ReplyFault.INVALID_DATA) {
            throw new DeviceFault("magstim-remote-control-refused", "the stimulator refused remote control"
                    + (options.unlockCode().isPresent() ? ": check the unlock code, it is specific to this unit"
                    : ": Rapid software V9 and later need the unit's unlock code from Magstim"));
        }
        require(enabled);
        if (model == MagstimModel.RAPID) {
            MagstimReply.Acknowledged reply = require(exchange(MagstimCommands.getVersion(), options.replyTimeoutMillis()));
            version = SoftwareVersion.parse(reply.payload()).orElseThrow(() -> new DeviceFault(
                    ReplyFault.MALFORMED.code(), "the Rapid's software version '" + reply.payload() + "' is unreadable"));
        } else {
            version = SoftwareVersion.UNKNOWN;
        }
        this.keepAlive = options.unlockCode().isPresent() && version.atLeast(9) ? MagstimCommands.getSystemStatus()
                : MagstimCommands.enableRemoteControl();
        // the arming checks run right after connecting: read what they need now, not one keep-alive later
        readCoilTemperature();
        this.linkThread = new Thread(this::runLink, "magstim-link");
        linkThread.setDaemon(true);
    }

    /**
     * Takes remote control of the unit on {@code transport} (and reads the Rapid's software
     * version), then starts the keep-alive link thread.
     *
     * @throws DeviceFault when the unit does not answer or refuses remote control; the transport is
     *                     closed in that case
     */
    public static MagstimStimulator open(HardwareProfile profile, Transport transport, MagstimLinkOptions options)
            throws DeviceFault {
        MagstimStimulator stimulator;
        try {
            stimulator = new MagstimStimulator(profile, transport, options);
        } catch (DeviceFault | RuntimeException e) {
            transport.close();
            throw e;
        }
        stimulator.linkThread.start();
        return stimulator;
    }

    public MagstimModel model() {
        return model;
    }

    /** {@link SoftwareVersion#UNKNOWN} on 200²/BiStim², which have no version command. */
    public SoftwareVersion softwareVersion() {
        return version;
    }

    /** One unit, or a BiStim²'s two (unit B is its second, set with {@code I@} and fired with the pair). */
    @Override
    public int reachableChannels() {
        return model == MagstimModel.BISTIM ? 2 : 1;
    }

    /**
     * When the last command was sent whose reply said armed (a lower bound): not its lease's end, as
     * a unit disarmed from its panel or by its own protection stops its train at once.
     */
    @Override
    public long knownRunningUntilNanos() {
        return heardArmedNanos;
    }

    /** The lease's end counted from the last command's latest arrival (an upper bound). */
    @Override
    public long unattendedStopNanos() {
        return unattendedStopNanos;
    }

    @Override
    public void watchUnattendedStop(LongConsumer watcher) {
        unattendedStopWatcher = watcher;
    }

    /** Before a command leaves: the lease it may renew, on record first (see {@link Stimulator#watchUnattendedStop}). */
    private void aboutToSend(long sendingAt) {
        long bound = sendingAt + TimeUnit.MILLISECONDS.toNanos(options.replyTimeoutMillis() + options.link().armedLeaseMs());
        unattendedStopWatcher.accept(bound);
        unattendedStopNanos = bound;
    }

    /** Called once, on the link thread, when the link is declared lost. */
    @Override
    public void onLinkFault(Consumer<DeviceFault> listener) {
        linkFaults.listen(listener);
    }

    @Override
    public DeviceIdentity identify() {
        String firmware = model == MagstimModel.RAPID ? "software " + version
                : "not reported (the 200²/BiStim² protocol has no version command)";
        // nothing on the wire tells a simulator from a unit: the profile says which one this is
        return new DeviceIdentity(profile.model(), firmware, profile.simulation());
    }

    /** Arms ({@code EB}) and waits up to the arm timeout for the ready bit; disarms if it never comes. */
    @Override
    public void arm() throws DeviceFault {
        require(command(MagstimCommands.arm()));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.armReadyTimeoutMillis());
        while (true) {
            InstrumentStatus status = require(command(keepAlive)).status();
            if (status.ready()) {
                pulseFault = null;
                return;
            }
            if (!status.armed()) {
                throw new DeviceFault("magstim-disarmed-while-arming", "the stimulator disarmed itself while charging"
                        + (status.errorPresent() ? " and reports an error; read it with errorCode()" : ""));
            }
            if (System.nanoTime() - deadline > 0) {
                disarm();
                throw new DeviceFault("magstim-arm-timeout", "the stimulator did not become ready within "
                        + options.armReadyTimeoutMillis() + " ms; it was disarmed");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(50, options.link().keepAlivePeriodMs())));
        }
    }

    /** {@code EA}; never throws. A failure shows in {@link #status()} through the link budget. */
    @Override
    public void disarm() {
        command(MagstimCommands.disarm());
    }

    /**
     * Channel 0 is power A ({@code @nnn}); channel 1 is BiStim power B ({@code Annn}). Reads the
     * value back and returns what the unit reports.
     */
    @Override
    public int setOutput(int channel, int outputPercentMso) throws DeviceFault {
        if (channel < 0 || channel > 1 || (channel == 1 && model != MagstimModel.BISTIM)) {
            throw new DeviceFault(FaultCodes.NO_SUCH_CHANNEL, "a " + profile.model() + " has no unit " + channel
                    + " on its serial protocol");
        }
        if (outputPercentMso < 0 || outputPercentMso > profile.limits().maxOutputPercentMso()) {
            throw new DeviceFault(FaultCodes.OUTPUT_OUT_OF_RANGE, "output " + outputPercentMso + "% MSO is outside 0.."
                    + profile.limits().maxOutputPercentMso() + " for " + profile.name());
        }
        require(command(channel == 0 ? MagstimCommands.setPowerA(outputPercentMso)
                : MagstimCommands.setPowerB(outputPercentMso)));
        int readBack;
        if (model == MagstimModel.RAPID) {
            readBack = rapidParameters().powerPercentMso();
        } else {
            PowerSettings settings = powerSettings();
            readBack = channel == 0 ? settings.powerA() : settings.powerB();
        }
        verify("output of unit " + channel + " (%MSO)", outputPercentMso, readBack);
        powerWritten = true;
        return readBack;
    }

    /** BiStim² inter-pulse interval ({@code Cnnn}), in ms or, in hi-res mode, 0.1 ms; read back by {@code J@}. */
    public int setInterPulseInterval(int intervalSteps) throws DeviceFault {
        requireModel(MagstimModel.BISTIM, "an inter-pulse interval");
        require(command(MagstimCommands.setInterPulseInterval(intervalSteps)));
        int readBack = powerSettings().interPulseInterval();
        verify("inter-pulse interval", intervalSteps, readBack);
        return readBack;
    }

    /**
     * BiStim² 0.1 ms interval resolution on ({@code Y@}) or off ({@code Z@}); refused while armed.
     * Not read back: the public documents give no read-back for this mode (see docs).
     */
    public void setHighResolutionTiming(boolean on) throws DeviceFault {
        requireModel(MagstimModel.BISTIM, "hi-res timing");
        require(command(MagstimCommands.setHighResolutionTiming(on)));
    }

    /**
     * Rapid² train: frequency ({@code B}, 0.1 Hz), pulses ({@code D}), then the coupled duration
     * ({@code [}, 0.1 s) = pulses / frequency, and reads all three back. The output must have been
     * set first (TDb 087: power before frequency, the maximum frequency depends on power). The
     * duration must come out as a whole number of 0.1 s, at least 0.1 s (duration 0 means
     * single-pulse mode, so shorter trains cannot be set over serial: MagPy #12).
     */
    public RapidParameters configureTrain(int frequencyTenthsHz, int pulses) throws DeviceFault {
        requireModel(MagstimModel.RAPID, "device-timed trains");
        if (!powerWritten) {
            throw new DeviceFault("magstim-power-before-frequency", "set the output before the train frequency: "
                    + "the Rapid's maximum frequency depends on its power");
        }
        if (frequencyTenthsHz <= 0 || pulses <= 0) {
            throw new DeviceFault("train-invalid", "a train needs a positive frequency and pulse count");
        }
        long numerator = 100L * pulses;
        if (numerator % frequencyTenthsHz != 0 || numerator / frequencyTenthsHz < 1) {
            throw new DeviceFault("train-duration-not-representable", pulses + " pulses at "
                    + frequencyTenthsHz / 10.0 + " Hz last " + (pulses * 10.0 / frequencyTenthsHz)
                    + " s; the Rapid sets durations in whole 0.1 s of at least 0.1 s. Use TTL triggers for this train");
        }
        int durationTenths = (int) (numerator / frequencyTenthsHz);
        try {
            require(command(MagstimCommands.setFrequency(frequencyTenthsHz)));
            require(command(MagstimCommands.setPulseCount(pulses, version)));
            require(command(MagstimCommands.setDuration(durationTenths, version)));
        } catch (IllegalArgumentException e) {
            throw new DeviceFault("train-invalid", e.getMessage());
        }
        RapidParameters readBack = rapidParameters();
        verify("train frequency (0.1 Hz)", frequencyTenthsHz, readBack.frequencyTenthsHz());
        verify("pulses per train", pulses, readBack.pulses());
        verify("train duration (0.1 s)", durationTenths, readBack.durationTenthsSecond());
        trainDurationNanos = durationTenths * 100_000_000L;
        return readBack;
    }

    /** Rapid² single-pulse mode: duration 0 ({@code [000}), read back. */
    public void setSinglePulseMode() throws DeviceFault {
        requireModel(MagstimModel.RAPID, "single-pulse mode");
        require(command(MagstimCommands.setDuration(0, version)));
        verify("train duration (0.1 s)", 0, rapidParameters().durationTenthsSecond());
        trainDurationNanos = 0;
    }

    /** {@code \@}. */
    public RapidParameters rapidParameters() throws DeviceFault {
        requireModel(MagstimModel.RAPID, "Rapid parameters");
        MagstimReply.Acknowledged reply = require(command(MagstimCommands.getRapidParameters(version)));
        return RapidParameters.parse(reply.payload(), version).orElseThrow(() -> malformed(reply));
    }

    /** {@code J@} (200², BiStim²). */
    public PowerSettings powerSettings() throws DeviceFault {
        if (model == MagstimModel.RAPID) {
            throw new DeviceFault(FaultCodes.UNSUPPORTED, "the Rapid reports its parameters with rapidParameters()");
        }
        MagstimReply.Acknowledged reply = require(command(MagstimCommands.getParameters()));
        return PowerSettings.parse(reply.payload()).orElseThrow(() -> malformed(reply));
    }

    /** {@code F@}. */
    public CoilTemperatures coilTemperatures() throws DeviceFault {
        MagstimReply.Acknowledged reply = require(command(MagstimCommands.getCoilTemperature()));
        CoilTemperatures temperatures = CoilTemperatures.parse(reply.payload()).orElseThrow(() -> malformed(reply));
        coilTemperatureCelsius = temperatures.hottestCelsius();
        return temperatures;
    }

    /**
     * Connect-time read of the coil temperature ({@code F@}). A unit that does not answer {@code F@}
     * (the command is in MagPy and MAGIC, not in the vendor's Rev 1.0/5.1 documents) keeps no reading,
     * which the arming checks report; a unit that answers garbage is a malformed-reply fault.
     */
    private void readCoilTemperature() throws DeviceFault {
        MagstimReply reply = exchange(MagstimCommands.getCoilTemperature(), options.replyTimeoutMillis());
        if (reply instanceof MagstimReply.Acknowledged acknowledged) {
            coilTemperatureCelsius = CoilTemperatures.parse(acknowledged.payload())
                    .orElseThrow(() -> malformed(acknowledged)).hottestCelsius();
        } else if (((MagstimReply.Failed) reply).fault() != ReplyFault.UNKNOWN_COMMAND) {
            throw ((MagstimReply.Failed) reply).toDeviceFault();
        }
    }

    /** {@code I@}. */
    public ErrorCode errorCode() throws DeviceFault {
        MagstimReply.Acknowledged reply = require(command(MagstimCommands.getErrorCode()));
        return ErrorCode.parse(reply.payload()).orElseThrow(() -> malformed(reply));
    }

    @Override
    public PulseTrigger trigger() {
        return trigger;
    }

    /**
     * The Rapid²'s train mode ({@code B}, {@code D}, {@code [} loaded and read back; {@code EH} starts a
     * train) and the BiStim²'s pair ({@code Y@}/{@code Z@} resolution and {@code C} interval, read back
     * with {@code X@} and {@code J@}; {@code EH} fires unit A, then unit B after the interval). A 200²
     * times nothing itself.
     */
    @Override
    public java.util.Optional<org.tmshost.device.TrainTimer> trainTimer() {
        if (model == MagstimModel.MAGSTIM_200) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new org.tmshost.device.TrainTimer() {
            @Override
            public void singlePulses() throws DeviceFault {
                if (model == MagstimModel.BISTIM) {
                    throw new DeviceFault("bistim-fires-both-units", "a BiStim² fires both units on every trigger;"
                            + " single pulses need one 200² unit on its own profile");
                }
                setSinglePulseMode();
            }

            @Override
            public void load(org.tmshost.device.TrainSetting train) throws DeviceFault {
                if (model == MagstimModel.BISTIM) {
                    loadPair(train);
                } else {
                    configureTrain(train.frequencyTenthsHz(), train.pulses());
                }
            }

            @Override
            public PulseTrigger starter() {
                return trigger; // one EH: a Rapid train in train mode, a BiStim pair
            }
        });
    }

    /**
     * Sets the BiStim² pair: hi-res (0.1 ms steps) when the interval fits 0.1-99.9 ms, else whole ms,
     * then the interval (read back by {@code J@}), then reads the system mode ({@code X@}): the
     * interval's unit depends on it. Both are refused while armed, so this runs before arming.
     */
    private void loadPair(org.tmshost.device.TrainSetting pair) throws DeviceFault {
        if (!pair.pair()) {
            throw new DeviceFault(FaultCodes.UNSUPPORTED, "a BiStim² times pairs of its two units, not trains");
        }
        long isi = pair.intervalNanos();
        boolean hiRes = isi % 100_000L == 0 && isi <= 99_900_000L;
        if (!hiRes && isi % 1_000_000L != 0) {
            throw new DeviceFault("bistim-interval-not-representable", "a BiStim² cannot be set to " + isi / 1e6
                    + " ms between its units");
        }
        setHighResolutionTiming(hiRes);
        setInterPulseInterval((int) (hiRes ? isi / 100_000L : isi / 1_000_000L));
        String mode = require(command(MagstimCommands.getSystemMode())).payload();
        String expected = hiRes ? "4" : "2"; // master, high- or low-resolution BiStim mode (cboulay README)
        if (!mode.equals(expected)) {
            disarm();
            throw new DeviceFault(READBACK_MISMATCH, "set the BiStim to " + (hiRes ? "high" : "low")
                    + "-resolution timing but it reports system mode '" + mode + "'; it was disarmed");
        }
    }

    /**
     * Fires {@code EH}; the channel is ignored (a BiStim fires both units at the set interval).
     * {@link PulseTrigger#REFUSED} when it was not sent (port busy) or the unit answered {@code ES},
     * {@link PulseTrigger#UNCONFIRMED} when no acknowledgement came (it may have fired). No
     * allocation of its own: the frame and reply buffer are pre-built; only a contended
     * {@code tryLock} may allocate inside the JDK. Returns the time since {@code EH} was written (its
     * 3 ms of transmission at 9600 baud follow), that is, how long reading the acknowledgement took.
     */
    private long fire(int pulseIndex, int outputPercentMso, int channel) {
        long writtenAt = -1;
        boolean locked;
        try {
            locked = port.tryLock(options.replyTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            pulseFault = FIRE_PORT_BUSY;
            return PulseTrigger.REFUSED; // never sent
        }
        boolean refused = false;
        boolean unconfirmed = false;
        try {
            long sendingAt = System.nanoTime();
            aboutToSend(sendingAt);
            transport.write(fireFrame, 0, fireFrame.length);
            writtenAt = System.nanoTime();
            if (trainDurationNanos > 0) {
                trainUntilNanos = writtenAt + trainDurationNanos + TRAIN_WAIT_NANOS;
            }
            int got = readReply(fireCommand, fireReply, options.replyTimeoutMillis());
            if (MagstimCodec.isPlainAcknowledgement('E', fireReply, got)) {
                if (InstrumentStatus.armed(fireReply[1])) {
                    heardArmedNanos = sendingAt;
                }
                lastStatusBits = fireReply[1] & 0xFF;
                consecutiveFailures = 0;
            } else if (got == 3 && fireReply[0] == 'E' && fireReply[1] == 'S') {
                consecutiveFailures = 0;
                pulseFault = FIRE_REFUSED;
                refused = true; // the unit said it would not fire (not ready, in its wait, disarmed, hot coil)
                refusedAtNanos = System.nanoTime();
                statusWanted = true; // the link thread reads why at once
            } else {
                pulseFault = FIRE_NO_ACK;
                unconfirmed = true; // it may have heard EH and fired: only its reply was lost
                countFailure("no acknowledgement of EH");
                drainStaleInput();
            }
        } catch (IOException e) {
            pulseFault = FIRE_NO_ACK;
            unconfirmed = true; // a write that failed may still have left the host whole
            linkLost("the serial link closed while firing: " + e.getMessage());
        } finally {
            port.unlock();
        }
        if (refused) {
            return PulseTrigger.REFUSED;
        }
        if (unconfirmed) {
            return PulseTrigger.UNCONFIRMED;
        }
        return System.nanoTime() - writtenAt;
    }

    /**
     * The link's fault first, then the unit's error bit, then a refused or skipped fire; a fire the
     * unit refused because it had disarmed itself is no error of its own: the status shows it disarmed.
     */
    @Override
    public DeviceStatus status() {
        InstrumentStatus status = new InstrumentStatus(lastStatusBits);
        String fault = linkFault;
        if (fault == null && status.errorPresent()) {
            // "replace coil" with the error: the unit stopped over its coil's temperature (TDb 086/087)
            fault = status.replaceCoil() ? DeviceStatus.COIL_OVER_TEMPERATURE : DEVICE_ERROR;
        }
        // a refusal is explained by the first status read after it (disarmed, error, hot coil): until
        // then it is not reported, so the session ends on the cause and not on the symptom
        boolean unexplained = FIRE_REFUSED.equals(pulseFault) && statusReadAtNanos - refusedAtNanos < 0;
        if (fault == null && !unexplained && !(FIRE_REFUSED.equals(pulseFault) && !status.armed())) {
            fault = pulseFault;
        }
        return new DeviceStatus(status.armed(), status.ready(), coilTemperatureCelsius, fault);
    }

    /** The instrument status byte of the last good reply. */
    public InstrumentStatus instrumentStatus() {
        return new InstrumentStatus(lastStatusBits);
    }

    @Override
    public void onLinkThreads(Runnable promotion) {
        linkThreadTask.request(promotion);
    }

    /** Stops the link thread, disarms, returns control to the front panel and closes the transport. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        linkThread.interrupt();
        try {
            linkThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (transport.isOpen()) {
            command(MagstimCommands.disarm());
            command(MagstimCommands.disableRemoteControl());
        }
        transport.close();
    }

    // --- link thread ---

    private void runLink() {
        long keepAliveNanos = TimeUnit.MILLISECONDS.toNanos(options.link().keepAlivePeriodMs());
        long trainPollNanos = Math.min(keepAliveNanos, TRAIN_STATUS_PERIOD_NANOS);
        long temperatureEveryNanos = TimeUnit.MILLISECONDS.toNanos(options.temperaturePeriodMs());
        long next = System.nanoTime() + keepAliveNanos;
        long nextTemperature = System.nanoTime();
        long last = System.nanoTime();
        while (running && linkFault == null) {
            linkThreadTask.runIfRequested();
            // while the unit runs a train the host started, its status is read more often: a Rapid reports
            // no pulses, so its status is how the host learns the train stopped (disarmed, fault)
            long periodNanos = System.nanoTime() - trainUntilNanos < 0 ? trainPollNanos : keepAliveNanos;
            next = Math.min(next, last + periodNanos);
            if (statusWanted) {
                statusWanted = false;
                next = System.nanoTime();
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(Math.min(wait, REFUSAL_CHECK_NANOS)); // a train or a refusal shortens the wait
                continue;
            }
            last = System.nanoTime();
            next += periodNanos;
            if (next - System.nanoTime() < 0) {
                next = System.nanoTime() + periodNanos; // we fell behind: no catch-up burst of keep-alives
            }
            exchange(keepAlive, options.link().keepAlivePeriodMs());
            if (running && System.nanoTime() - nextTemperature >= 0) {
                nextTemperature = System.nanoTime() + temperatureEveryNanos;
                MagstimReply reply = exchange(MagstimCommands.getCoilTemperature(), options.link().keepAlivePeriodMs());
                if (reply instanceof MagstimReply.Acknowledged) {
                    CoilTemperatures.parse(((MagstimReply.Acknowledged) reply).payload())
                            .ifPresent(t -> coilTemperatureCelsius = t.hottestCelsius());
                }
            }
        }
    }

    // --- exchanges ---

    private MagstimReply command(MagstimCommand command) {
        return exchange(command, 4 * options.replyTimeoutMillis());
    }

    /** One command and its reply, holding the port; waits at most {@code lockWaitMillis} for the port. */
    private MagstimReply exchange(MagstimCommand command, long lockWaitMillis) {
        if (linkFault != null) {
            return new MagstimReply.Failed(command.code(), ReplyFault.NO_REPLY, "the link was lost earlier");
        }
        boolean locked;
        try {
            locked = port.tryLock(lockWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            return new MagstimReply.Failed(command.code(), ReplyFault.NO_REPLY, "the serial port stayed busy");
        }
        try {
            byte[] frame = command.frame();
            long sendingAt = System.nanoTime();
            aboutToSend(sendingAt);
            transport.write(frame, 0, frame.length);
            int got = readReply(command, replyBuffer, options.replyTimeoutMillis());
            MagstimReply reply = MagstimCodec.decode(command, replyBuffer, got);
            if (reply instanceof MagstimReply.Acknowledged) {
                InstrumentStatus status = ((MagstimReply.Acknowledged) reply).status();
                if (status.armed()) {
                    heardArmedNanos = sendingAt; // armed when it got this: its train ran at least until here
                }
                lastStatusBits = status.bits();
                statusReadAtNanos = System.nanoTime();
                consecutiveFailures = 0;
            } else {
                ReplyFault fault = ((MagstimReply.Failed) reply).fault();
                if (fault == ReplyFault.UNKNOWN_COMMAND || fault == ReplyFault.INVALID_DATA
                        || fault == ReplyFault.CONFLICT) {
                    consecutiveFailures = 0; // the unit answered: the link is alive
                } else {
                    countFailure(fault.description() + " for " + command);
                    drainStaleInput();
                }
            }
            return reply;
        } catch (IOException e) {
            linkLost("the serial link closed: " + e.getMessage());
            return new MagstimReply.Failed(command.code(), ReplyFault.NO_REPLY, "link closed: " + e.getMessage());
        } finally {
            port.unlock();
        }
    }

    /** Reads until the reply is complete, the buffer is full, or the timeout passes. Holds the port. */
    private int readReply(MagstimCommand command, byte[] buffer, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        int have = 0;
        while (true) {
            int needed = Math.min(buffer.length, MagstimCodec.replyLength(command, buffer, have));
            if (have >= needed) {
                return have;
            }
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remainingMillis <= 0) {
                return have;
            }
            have += transport.read(buffer, have, needed - have, remainingMillis);
        }
    }

    /**
     * After a bad or late reply: bytes still arriving for it must not be read as the next
     * command's reply. Only on the failure path, because an empty read is not free: jSerialComm
     * on POSIX waits at least 100 ms (VTIME is in tenths of a second) whatever timeout is asked.
     */
    private void drainStaleInput() throws IOException {
        for (int i = 0; i < 8 && transport.read(drainBuffer, 0, drainBuffer.length, 1) > 0; i++) {
            // discard
        }
    }

    private void discardStaleInput() throws DeviceFault {
        try {
            drainStaleInput();
        } catch (IOException e) {
            throw new DeviceFault(FaultCodes.LINK_LOST, "the serial link closed while opening: " + e.getMessage());
        }
    }

    private void countFailure(String what) {
        consecutiveFailures++;
        if (consecutiveFailures > options.missedReplyBudget()) {
            linkLost(consecutiveFailures + " replies in a row were missing or corrupt (last: " + what + ")");
        }
    }

    private void linkLost(String why) {
        if (linkFault != null) {
            return;
        }
        linkFault = LINK_LOST;
        DeviceFault fault = new DeviceFault(LINK_LOST, "lost the link to the stimulator: " + why
                + ". The stimulator disarms itself when its lease runs out; check the cable and reconnect");
        if (transport.isOpen()) {
            try { // best effort: we hold the port (or are on the link thread)
                transport.write(MagstimCommands.disarm().frame());
            } catch (IOException ignored) {
                // the link is gone; the unit's own lease disarms it
            }
        }
        linkFaults.report(fault);
    }

    // --- helpers ---

    private static MagstimReply.Acknowledged require(MagstimReply reply) throws DeviceFault {
        if (reply instanceof MagstimReply.Acknowledged) {
            return (MagstimReply.Acknowledged) reply;
        }
        throw ((MagstimReply.Failed) reply).toDeviceFault();
    }

    private void verify(String what, int written, int readBack) throws DeviceFault {
        if (written != readBack) {
            disarm();
            throw new DeviceFault(READBACK_MISMATCH, "wrote " + what + " " + written + " but the stimulator reports "
                    + readBack + "; it was disarmed. Check the unit before continuing");
        }
    }

    private void requireModel(MagstimModel required, String what) throws DeviceFault {
        if (model != required) {
            throw new DeviceFault(FaultCodes.UNSUPPORTED, "a " + profile.model() + " has no " + what + " on its serial protocol");
        }
    }

    private static DeviceFault malformed(MagstimReply.Acknowledged reply) {
        return new DeviceFault(ReplyFault.MALFORMED.code(), ReplyFault.MALFORMED.description() + " (reply to '"
                + reply.command() + "': " + reply.payload().length() + " data bytes)");
    }

}
