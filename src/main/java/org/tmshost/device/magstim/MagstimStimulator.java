package org.tmshost.device.magstim;

import org.tmshost.device.FaultCodes;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceIdentity;
import org.tmshost.device.DeviceStatus;
import org.tmshost.device.PulseTrigger;
import org.tmshost.device.Stimulator;
import org.tmshost.device.TrainTimer;
import org.tmshost.device.transport.LinkThread;
import org.tmshost.device.transport.Transport;
import org.tmshost.profile.HardwareProfile;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A Magstim 200², BiStim² or Rapid² driven over its serial protocol ({@link MagstimCodec}).
 *
 * <h2>Threads and the port</h2>
 * One command is in flight at a time ({@link MagstimPort}: a fair lock from write to the end of its
 * reply). The <b>link thread</b> ({@link MagstimKeepAlive}) sends the keep-alive ({@code Q@}, or
 * {@code x@} with an unlock code) every {@code keepAlivePeriodMs} and reads the coil temperature
 * every {@code temperaturePeriodMs}; bad or missing replies one more than the budget latch
 * {@code link-lost} in {@link #status()}, tell the listener, and send a best-effort {@code EA}.
 * Callers' commands share the port and also renew the unit's lease ({@link MagstimLease}).
 *
 * <p><b>Trade-off on the pulse path.</b> {@link #trigger()} fires with {@code EH} and must not wait
 * behind the link thread for long. It waits for the port at most one reply timeout (an exchange in
 * flight takes about 5–25 ms at 9600 baud); if the port is still busy it does not fire and reports
 * {@code magstim-fire-skipped-port-busy} in {@link #status()}, which trips the session. A serial
 * {@code EH} is a ≤1 Hz single-pulse path with ≈10 ms jitter (MAGIC #18); timing-critical pulses
 * go through the TTL trigger input, not this class.
 *
 * <p>Every parameter write is followed by a read-back ({@link MagstimSettings}: {@code J@} on
 * 200²/BiStim², {@code \@} on Rapid²); a mismatch disarms and throws {@code readback-mismatch}. There
 * is no way to send {@code b@} (ignore coil interlock): {@link MagstimCommands} has no factory for it.
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

    private final HardwareProfile profile;
    private final MagstimModel model;
    private final MagstimLinkOptions options;
    private final MagstimLease lease;
    private final MagstimDeviceState state = new MagstimDeviceState();
    private final MagstimPort port;
    private final PulseTrigger trigger;
    private final MagstimCommand keepAlive;
    private final SoftwareVersion version;
    private final MagstimSettings settings;
    private final MagstimTrainTimer trainTimer;
    private final LinkThread linkThread;

    private MagstimStimulator(HardwareProfile profile, Transport transport, MagstimLinkOptions options)
            throws DeviceFault {
        this.profile = profile;
        this.model = MagstimModel.of(profile);
        this.options = options;
        this.lease = new MagstimLease(options);
        this.port = new MagstimPort(transport, options, lease, state);
        this.trigger = port::fire;
        MagstimCommand enable = options.unlockCode().map(MagstimCommands::enableRemoteControl)
                .orElseGet(MagstimCommands::enableRemoteControl);
        // what the line holds from before (a killed host's unread replies) is no answer to this host
        port.discardStaleInput();
        MagstimReply enabled = port.exchange(enable, options.replyTimeoutMillis());
        if (enabled instanceof MagstimReply.Failed failed && failed.fault() != ReplyFault.INVALID_DATA) {
            port.discardStaleInput(); // a reply still arriving to the previous host's last command: ask once more
            enabled = port.exchange(enable, options.replyTimeoutMillis());
        }
        if (enabled instanceof MagstimReply.Failed
                && ((MagstimReply.Failed) enabled).fault() == ReplyFault.INVALID_DATA) {
            throw new DeviceFault("magstim-remote-control-refused", "the stimulator refused remote control"
                    + (options.unlockCode().isPresent() ? ": check the unlock code, it is specific to this unit"
                    : ": Rapid software V9 and later need the unit's unlock code from Magstim"));
        }
        MagstimPort.require(enabled);
        if (model == MagstimModel.RAPID) {
            MagstimReply.Acknowledged reply = MagstimPort.require(
                    port.exchange(MagstimCommands.getVersion(), options.replyTimeoutMillis()));
            version = SoftwareVersion.parse(reply.payload()).orElseThrow(() -> new DeviceFault(
                    ReplyFault.MALFORMED.code(), "the Rapid's software version '" + reply.payload() + "' is unreadable"));
        } else {
            version = SoftwareVersion.UNKNOWN;
        }
        this.keepAlive = options.unlockCode().isPresent() && version.atLeast(9) ? MagstimCommands.getSystemStatus()
                : MagstimCommands.enableRemoteControl();
        this.settings = new MagstimSettings(profile, model, version, port, state);
        this.trainTimer = new MagstimTrainTimer(model, version, port, settings, state, trigger);
        // the arming checks run right after connecting: read what they need now, not one keep-alive later
        settings.readCoilTemperatureAtOpen(options.replyTimeoutMillis());
        MagstimKeepAlive link = new MagstimKeepAlive(port, state, keepAlive, options);
        this.linkThread = new LinkThread("magstim-link", () -> !port.linkLoss().declared(),
                () -> link.turn(this::linkRunning), closed -> { });
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

    private boolean linkRunning() {
        return linkThread.running();
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
        return lease.knownRunningUntilNanos();
    }

    /** The lease's end counted from the last command's latest arrival (an upper bound). */
    @Override
    public long unattendedStopNanos() {
        return lease.unattendedStopNanos();
    }

    @Override
    public void watchUnattendedStop(LongConsumer watcher) {
        lease.watch(watcher);
    }

    /** Called once, on the link thread, when the link is declared lost. */
    @Override
    public void onLinkFault(Consumer<DeviceFault> listener) {
        port.linkLoss().listen(listener);
    }

    /**
     * What the unit said: the Magstim protocol has no model command, so the model is not reported,
     * only which command set the unit answered (and a Rapid's software version, {@code ND}). The
     * profile's model is never given as the device's.
     */
    @Override
    public DeviceIdentity identify() {
        String firmware = model == MagstimModel.RAPID ? "software " + version
                : DeviceIdentity.NOT_REPORTED + " (the 200²/BiStim² protocol has no version command)";
        String answered = model == MagstimModel.RAPID ? "answered the Rapid² command set (software " + version + ")"
                : "answered the " + model.wireProtocol() + " command set";
        // nothing on the wire tells a simulator from a unit: the profile says which one this is
        return new DeviceIdentity(DeviceIdentity.NOT_REPORTED + " (the Magstim protocol has no model command); "
                + "the unit " + answered, firmware, profile.simulation());
    }

    /** Arms ({@code EB}) and waits up to the arm timeout for the ready bit; disarms if it never comes. */
    @Override
    public void arm() throws DeviceFault {
        port.acknowledged(MagstimCommands.arm());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.armReadyTimeoutMillis());
        while (true) {
            InstrumentStatus status = port.acknowledged(keepAlive).status();
            if (status.ready()) {
                state.clearPulseFault();
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
        port.command(MagstimCommands.disarm());
    }

    /**
     * Channel 0 is power A ({@code @nnn}); channel 1 is BiStim power B ({@code Annn}). Reads the
     * value back and returns what the unit reports.
     */
    @Override
    public int setOutput(int channel, int outputPercentMso) throws DeviceFault {
        return settings.setOutput(channel, outputPercentMso);
    }

    /** BiStim² inter-pulse interval ({@code Cnnn}), in ms or, in hi-res mode, 0.1 ms; read back by {@code J@}. */
    public int setInterPulseInterval(int intervalSteps) throws DeviceFault {
        return settings.setInterPulseInterval(intervalSteps);
    }

    /**
     * BiStim² 0.1 ms interval resolution on ({@code Y@}) or off ({@code Z@}); refused while armed.
     * Not read back: the public documents give no read-back for this mode (see docs).
     */
    public void setHighResolutionTiming(boolean on) throws DeviceFault {
        settings.setHighResolutionTiming(on);
    }

    /**
     * Rapid² train: frequency ({@code B}, 0.1 Hz), pulses ({@code D}), then the coupled duration
     * ({@code [}, 0.1 s) = pulses / frequency, and reads all three back. The output must have been
     * set first (TDb 087: power before frequency, the maximum frequency depends on power). The
     * duration must come out as a whole number of 0.1 s, at least 0.1 s (duration 0 means
     * single-pulse mode, so shorter trains cannot be set over serial: MagPy #12).
     */
    public RapidParameters configureTrain(int frequencyTenthsHz, int pulses) throws DeviceFault {
        return trainTimer.configureTrain(frequencyTenthsHz, pulses);
    }

    /** Rapid² single-pulse mode: duration 0 ({@code [000}), read back. */
    public void setSinglePulseMode() throws DeviceFault {
        trainTimer.setSinglePulseMode();
    }

    /** {@code \@}. */
    public RapidParameters rapidParameters() throws DeviceFault {
        return settings.rapidParameters();
    }

    /** {@code J@} (200², BiStim²). */
    public PowerSettings powerSettings() throws DeviceFault {
        return settings.powerSettings();
    }

    /** {@code F@}. */
    public CoilTemperatures coilTemperatures() throws DeviceFault {
        return settings.coilTemperatures();
    }

    /** {@code I@}. */
    public ErrorCode errorCode() throws DeviceFault {
        return settings.errorCode();
    }

    /** {@code EH} ({@link MagstimPort#fire}); the channel is ignored (a BiStim fires both units at the set interval). */
    @Override
    public PulseTrigger trigger() {
        return trigger;
    }

    /**
     * The Rapid²'s train mode and the BiStim²'s pair ({@link MagstimTrainTimer}); a 200² times
     * nothing itself.
     */
    @Override
    public Optional<TrainTimer> trainTimer() {
        return model == MagstimModel.MAGSTIM_200 ? Optional.empty() : Optional.of(trainTimer);
    }

    /**
     * The link's fault first, then the unit's error bit, then a refused or skipped fire; a fire the
     * unit refused because it had disarmed itself is no error of its own: the status shows it disarmed.
     */
    @Override
    public DeviceStatus status() {
        return state.toDeviceStatus(port.linkLoss().declared() ? LINK_LOST : null);
    }

    /** The instrument status byte of the last good reply. */
    public InstrumentStatus instrumentStatus() {
        return state.instrumentStatus();
    }

    @Override
    public void onLinkThreads(Runnable promotion) {
        linkThread.request(promotion);
    }

    /** Stops the link thread, disarms, returns control to the front panel and closes the transport. */
    @Override
    public void close() {
        if (!linkThread.running()) {
            return;
        }
        linkThread.stop(linkThread::interrupt);
        port.release();
    }
}
