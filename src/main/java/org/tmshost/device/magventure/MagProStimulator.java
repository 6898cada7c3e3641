package org.tmshost.device.magventure;

import org.tmshost.device.FaultCodes;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.LinkThreadTask;
import org.tmshost.device.LinkFaults;
import org.tmshost.device.DeviceIdentity;
import org.tmshost.device.DeviceStatus;
import org.tmshost.device.PulseTrigger;
import org.tmshost.device.Stimulator;
import org.tmshost.device.transport.Transport;
import org.tmshost.profile.HardwareProfile;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Drives a MagVenture MagPro (R30, X100, with or without MagOption) over its serial protocol
 * (codec: {@link MagProCommands}, {@link MagProMessages}). Every write is read back from the
 * device's own reports (notifications or a status reply); a mismatch is a {@link DeviceFault}.
 *
 * <p>One link thread reads frames continuously: notifications update the state that
 * {@link #status()} reports, a status request goes out every poll period, and silence beyond the
 * limit or more bad frames in a row than the budget latch a {@code link-lost} fault (reported to
 * the listeners, and the device is told to disable). Channel 0 is amplitude A, channel 1
 * amplitude B (X100 with MagOption, Twin/Dual).
 */
public final class MagProStimulator implements Stimulator {
    public static final String LINK_LOST = FaultCodes.LINK_LOST;
    public static final String READ_BACK_MISMATCH = FaultCodes.READBACK_MISMATCH;
    public static final String NO_REPLY = "no-reply";
    public static final String NOT_ARMED = FaultCodes.NOT_ARMED;
    public static final String NOT_READY = FaultCodes.NOT_READY;
    public static final String OUTPUT_MISMATCH = "output-mismatch";
    public static final String NO_SUCH_TRIGGER = "no-such-trigger";
    public static final String INVALID_PARAMETER = "invalid-parameter";
    public static final String WRONG_MODEL = "wrong-model";
    private static final byte[] TRIGGER_BYTES = MagProCommands.singleTrigger().toBytes();
    private static final byte[] START_TRAIN_BYTES = MagProCommands.startTrain().toBytes();
    /** A train is started by the host; the device's own inter-train interval never runs (one train per load). */
    private static final java.math.BigDecimal UNUSED_ITI_SECONDS = java.math.BigDecimal.ONE;
    /** An interval on the Standard mode grid; unused outside bursts and pairs, but sent with the mode. */
    private static final int STANDARD_IPI_TENTHS_MS = 100;
    private static final int RECENT_MESSAGES = 64;

    private final HardwareProfile profile;
    private final Transport transport;
    private final MagProLinkOptions settings;
    private final MagProFrameReader reader;
    private final Thread linkThread;
    private final LinkThreadTask linkThreadTask = new LinkThreadTask();
    private final AtomicBoolean writeGate = new AtomicBoolean();
    private final LinkFaults linkFaults = new LinkFaults();
    private final ArrayDeque<Received> recent = new ArrayDeque<>();
    private final Object messages = new Object();
    private final PulseTrigger trigger = this::fire;
    private final PulseTrigger trainStarter = this::startLoadedTrain;
    private volatile boolean running = true;
    private long sequence;
    private volatile MagProStatusByte lastStatus;
    private volatile int amplitudeA = -1;
    private volatile int amplitudeB = -1;
    private volatile int coilTemperatureCelsius = -1;
    private volatile int coilType = -1;
    private volatile int lastDiDtA = -1;
    private volatile boolean trainRunning;
    private volatile long enabledAtNanos;
    private volatile boolean loadedPair;
    private volatile int pulsesPerReport = 1;
    private volatile int confirmedPulses;
    private volatile int badFramesInRow;
    private volatile int badFramesTotal;
    private volatile String faultCode;
    private volatile DeviceFault linkLoss;
    private volatile long lastGoodFrameNanos;
    private volatile long lastBadFrameNanos = Long.MIN_VALUE;
    private long lastPollNanos;

    private record Received(long sequence, MagProMessage message) {
    }

    private MagProStimulator(HardwareProfile profile, Transport transport, MagProLinkOptions settings) {
        this.profile = profile;
        this.transport = transport;
        this.settings = settings;
        this.reader = new MagProFrameReader(TimeUnit.MILLISECONDS.toNanos(settings.replyTimeoutMillis()));
        this.lastGoodFrameNanos = System.nanoTime();
        this.linkThread = new Thread(this::runLink, "magpro-link " + transport.description());
        linkThread.setDaemon(true);
    }

    /** Opens the driver on a transport (it then owns the transport) with default settings. */
    public static MagProStimulator open(HardwareProfile profile, Transport transport) {
        return open(profile, transport, MagProLinkOptions.defaults());
    }

    /**
     * Opens the driver on a transport, which it then owns, and starts its link thread.
     *
     * @throws IllegalArgumentException when the profile is not a {@code magventure-magpro} profile
     */
    public static MagProStimulator open(HardwareProfile profile, Transport transport, MagProLinkOptions settings) {
        if (!"magventure-magpro".equals(profile.wireProtocol())) {
            throw new IllegalArgumentException("profile " + profile.name() + " speaks " + profile.wireProtocol()
                    + ", not magventure-magpro");
        }
        MagProStimulator stimulator = new MagProStimulator(profile, transport, settings);
        stimulator.linkThread.start();
        return stimulator;
    }

    /** Called once, on the link thread, when the link is declared lost. */
    @Override
    public void onLinkFault(Consumer<DeviceFault> listener) {
        linkFaults.listen(listener);
    }

    @Override
    public DeviceIdentity identify() throws DeviceFault {
        MagProMessage.Status status = requestStatus();
        MagProModel model = status.status().model();
        if (model == null || !fitsProfile(model)) {
            throw new DeviceFault(WRONG_MODEL, "the device reports model " + (model == null ? "unknown" : model.displayName())
                    + " but the profile " + profile.name() + " is for the " + profile.model() + "; choose the right profile");
        }
        return new DeviceIdentity(model.displayName() + ", serial " + status.serialNumber(),
                "not reported by the MagPro protocol", profile.simulation());
    }

    private boolean fitsProfile(MagProModel model) {
        String expected = profile.model();
        boolean family = expected.contains("R30") ? model.isR30Family()
                : !expected.contains("X100") || model == MagProModel.X100 || model == MagProModel.X100_OPTION;
        boolean channels = profile.capabilities().channels() < 2 || model.hasOption();
        return family && channels;
    }

    @Override
    public void arm() throws DeviceFault {
        requireLink();
        double stop = profile.limits().coilTemperature().stopCelsius().doubleValue();
        if (coilTemperatureCelsius >= stop) {
            throw new DeviceFault(DeviceStatus.COIL_OVER_TEMPERATURE, "the coil reports " + coilTemperatureCelsius
                    + " C, at or above the stop limit of " + stop + " C; let it cool before enabling");
        }
        long after = currentSequence();
        send(MagProCommands.enable(true));
        boolean confirmed = await(after, m -> m instanceof MagProMessage.WithStatus s && s.status().enabled()) != null
                || requestStatus().status().enabled();
        if (!confirmed) {
            throw new DeviceFault("arm-refused", "the MagPro did not report itself enabled after the enable command;"
                    + " check the coil and the front panel");
        }
        faultCode = null;
    }

    @Override
    public void disarm() {
        try {
            send(MagProCommands.enable(false));
        } catch (DeviceFault e) {
            // the link is gone; the link-loss fault already says so
        }
    }

    @Override
    public int setOutput(int channel, int outputPercentMso) throws DeviceFault {
        int channels = profile.capabilities().channels();
        if (channel < 0 || channel >= channels) {
            throw new DeviceFault(FaultCodes.NO_SUCH_CHANNEL, "the " + profile.model() + " has no unit " + channel
                    + " (0 = amplitude A" + (channels > 1 ? ", 1 = amplitude B" : "") + ")");
        }
        int max = profile.limits().maxOutputPercentMso();
        if (outputPercentMso < 0 || outputPercentMso > max) {
            throw new DeviceFault(FaultCodes.OUTPUT_OUT_OF_RANGE, "output " + outputPercentMso + " % MSO is outside 0.." + max);
        }
        requireLink();
        if (channels > 1 && (amplitudeA < 0 || amplitudeB < 0)) {
            requestStatus();
        }
        int wantA = channel == 0 ? outputPercentMso : amplitudeA;
        int wantB = channel == 1 ? outputPercentMso : amplitudeB;
        long after = currentSequence();
        send(channels > 1 ? MagProCommands.amplitude(wantA, wantB) : MagProCommands.amplitude(wantA));
        Predicate<MagProMessage> matches = m -> m instanceof MagProMessage.WithAmplitudes a && a.amplitudeA() == wantA
                && (channels < 2 || a.amplitudeB() == wantB);
        if (await(after, matches) == null) {
            MagProMessage.Status status = requestStatus();
            if (!matches.test(status)) {
                throw new DeviceFault(READ_BACK_MISMATCH, "amplitude set to A " + wantA + (channels > 1 ? ", B " + wantB : "")
                        + " % but the device reports A " + status.amplitudeA() + (channels > 1 ? ", B " + status.amplitudeB() : "")
                        + " %; do not stimulate, check the device");
            }
        }
        return channel == 0 ? wantA : wantB;
    }

    @Override
    public PulseTrigger trigger() {
        return trigger;
    }

    /**
     * Pulse thread: no allocation, no lock (a short spin on the write gate), no logging. Returns 0:
     * the trigger frame was written just before the return; its transmission (1.6 ms at 38400 baud)
     * follows.
     */
    private long fire(int pulseIndex, int outputPercentMso, int channel) {
        if (linkLoss != null) {
            return PulseTrigger.REFUSED;
        }
        MagProStatusByte status = lastStatus;
        if (channel != 0) {
            if (status == null || !status.mode().paired()) {
                faultCode = NO_SUCH_TRIGGER;
                return PulseTrigger.REFUSED; // nothing fires unit B outside Twin/Dual
            }
            return PulseTrigger.EMISSION_UNKNOWN; // in Twin/Dual the device times pulse B itself
        }
        return sendIfReady(TRIGGER_BYTES, outputPercentMso);
    }

    /** The Timing menu, one train per load, started by the host with command 0x04. */
    @Override
    public java.util.Optional<org.tmshost.device.TrainTimer> trainTimer() {
        return java.util.Optional.of(new org.tmshost.device.TrainTimer() {
            /** Standard mode with a single-pulse waveform, so one trigger is one pulse. */
            @Override
            public void singlePulses() throws DeviceFault {
                knownModel();
                MagProStatusByte status = lastStatus;
                if (status.mode() != MagProMode.STANDARD || status.waveform() == MagProWaveform.BIPHASIC_BURST) {
                    configure(new MainParameters(MagProMode.STANDARD, false, MagProWaveform.BIPHASIC, 2,
                            STANDARD_IPI_TENTHS_MS, 100));
                }
                loadedPair = false;
                pulsesPerReport = 1;
            }

            /** A train on the Timing page, or a pair in Dual mode (amplitude A, then B after the interval). */
            @Override
            public void load(org.tmshost.device.TrainSetting train) throws DeviceFault {
                if (train.pair()) {
                    long tenths = train.intervalNanos() / 100_000L;
                    if (train.intervalNanos() % 100_000L != 0) {
                        throw new DeviceFault(INVALID_PARAMETER, "the MagPro sets inter-pulse intervals in 0.1 ms");
                    }
                    configure(new MainParameters(MagProMode.DUAL, false, MagProWaveform.BIPHASIC, 2, (int) tenths, 100));
                    loadedPair = true;
                    pulsesPerReport = 1;
                    return;
                }
                if (train.bursts()) { // Biphasic Burst: one trigger of the train is one burst (native theta burst)
                    if (train.intraBurstNanos() % 100_000L != 0) {
                        throw new DeviceFault(INVALID_PARAMETER, "the MagPro sets burst intervals in 0.1 ms");
                    }
                    configure(MainParameters.biphasicBurst(train.pulsesPerBurst(),
                            (int) (train.intraBurstNanos() / 100_000L)));
                } else {
                    singlePulses();
                }
                loadedPair = false;
                pulsesPerReport = train.pulsesPerBurst();
                loadTrain(TrainParameters.sequence(java.math.BigDecimal.valueOf(train.frequencyTenthsHz(), 1),
                        train.triggers(), 1, UNUSED_ITI_SECONDS));
            }

            @Override
            public PulseTrigger starter() {
                return loadedPair ? trigger : trainStarter; // a pair is one single trigger in Dual mode
            }
        });
    }

    /** Pulse thread, as {@link #fire}: starts the train loaded on the Timing page. */
    private long startLoadedTrain(int pulseIndex, int outputPercentMso, int channel) {
        if (linkLoss != null) {
            return PulseTrigger.REFUSED;
        }
        return sendIfReady(START_TRAIN_BYTES, outputPercentMso);
    }

    /**
     * Pulse thread: writes a pre-encoded trigger or train start if the device is enabled, charged and
     * set to the planned output; otherwise sends nothing, says why in {@link #status()} and returns
     * {@link PulseTrigger#REFUSED}. No allocation, no lock.
     */
    private long sendIfReady(byte[] frame, int outputPercentMso) {
        MagProStatusByte status = lastStatus;
        if (status == null || !status.enabled()) {
            faultCode = NOT_ARMED;
            return PulseTrigger.REFUSED;
        }
        if (!charged()) {
            faultCode = NOT_READY;
            return PulseTrigger.REFUSED;
        }
        if (outputPercentMso != amplitudeA) {
            faultCode = OUTPUT_MISMATCH;
            return PulseTrigger.REFUSED;
        }
        try {
            write(frame);
        } catch (IOException e) {
            loseLink("a trigger could not be written: " + e.getMessage());
            return PulseTrigger.REFUSED;
        }
        return 0;
    }

    /**
     * Writes Main page settings (mode, waveform, burst), reads them back with a get and compares.
     * Biphasic Burst needs a profile with native bursts (X100).
     */
    public void configure(MainParameters main) throws DeviceFault {
        MagProModel model = knownModel();
        List<String> problems = main.problems(model);
        if (main.waveform() == MagProWaveform.BIPHASIC_BURST && !profile.capabilities().nativeBursts()) {
            problems = new java.util.ArrayList<>(problems);
            problems.add("the profile " + profile.name() + " has no native bursts");
        }
        if (!problems.isEmpty()) {
            throw new DeviceFault(INVALID_PARAMETER, "main parameters not sent: " + String.join("; ", problems));
        }
        send(MagProCommands.setMainParameters(model, main));
        long after = currentSequence();
        send(MagProCommands.getMainParameters());
        MagProMessage reply = await(after, m -> m instanceof MagProMessage.MainParametersReply);
        if (!(reply instanceof MagProMessage.MainParametersReply read)) {
            throw new DeviceFault(NO_REPLY, "the MagPro did not report its main parameters; check the link");
        }
        boolean same = read.mode() == main.mode() && read.waveform() == main.waveform()
                && read.reverseCurrent() == main.reverseCurrent()
                && (main.waveform() != MagProWaveform.BIPHASIC_BURST
                || (read.burstPulses() == main.burstPulses() && read.ipiTenthsMs() == main.ipiTenthsMs()))
                && (!main.mode().paired() || read.ipiTenthsMs() == main.ipiTenthsMs())
                && (main.mode() != MagProMode.TWIN || read.baRatioHundredths() == main.baRatioHundredths());
        if (!same) {
            throw new DeviceFault(READ_BACK_MISMATCH, "main parameters sent " + main + " but the device reports " + read
                    + "; do not stimulate, check the device");
        }
        requestStatus();
    }

    /**
     * Selects the Timing page and writes the train sequence (command 0x0B), validated first against
     * the device's model, mode and waveform, then read back with a get and compared.
     */
    public void loadTrain(TrainParameters train) throws DeviceFault {
        MagProModel model = knownModel();
        MagProStatusByte status = lastStatus;
        List<String> problems = train.problems(model, status.mode(), status.waveform());
        if (!problems.isEmpty()) {
            throw new DeviceFault(INVALID_PARAMETER, "train not sent: " + String.join("; ", problems));
        }
        send(MagProCommands.setPage(MagProPage.TIMING));
        send(MagProCommands.setTimingMenu(train));
        long after = currentSequence();
        send(MagProCommands.getTimingMenu());
        MagProMessage reply = await(after, m -> m instanceof MagProMessage.TimingMenu);
        if (!(reply instanceof MagProMessage.TimingMenu read)) {
            throw new DeviceFault(NO_REPLY, "the MagPro did not report its timing menu; check the link");
        }
        TrainParameters got = read.train();
        if (!got.equals(train)) {
            throw new DeviceFault(READ_BACK_MISMATCH, "train sent " + train + " but the device reports " + got
                    + "; do not stimulate, check the device");
        }
    }

    /** Starts the loaded train sequence (command 0x04); the device times every pulse. */
    public void startTrain() throws DeviceFault {
        MagProStatusByte status = lastStatus;
        if (status == null || !status.enabled()) {
            throw new DeviceFault(NOT_ARMED, "enable the MagPro before starting a train");
        }
        send(MagProCommands.startTrain());
    }

    /** Ready: enabled for at least the charge time (the protocol reports no ready bit). */
    @Override
    public DeviceStatus status() {
        MagProStatusByte status = lastStatus;
        boolean enabled = status != null && status.enabled() && linkLoss == null;
        DeviceFault lost = linkLoss;
        return new DeviceStatus(enabled, enabled && charged(), coilTemperatureCelsius,
                lost != null ? LINK_LOST : faultCode);
    }

    private boolean charged() {
        return System.nanoTime() - enabledAtNanos >= TimeUnit.MILLISECONDS.toNanos(settings.chargeMillis());
    }

    @Override
    public long lastHeardNanos() {
        return lastGoodFrameNanos;
    }

    @Override
    public long lastLinkErrorNanos() {
        return lastBadFrameNanos;
    }

    /** Pulses the device confirmed with a di/dt report since the driver opened. */
    @Override
    public int deliveredPulseCount() {
        return confirmedPulses;
    }

    /** The last status byte the device sent, or {@code null} before the first one. */
    public MagProStatusByte lastStatusByte() {
        return lastStatus;
    }

    /** Pulses the device confirmed with a di/dt notification. */
    public int confirmedPulses() {
        return confirmedPulses;
    }

    /** di/dt of amplitude A after the last pulse, A/µs, or -1. */
    public int lastDiDtA() {
        return lastDiDtA;
    }

    /** Coil type code from the last report (e.g. 60 = Cool-B65 per pytms), or -1. */
    public int coilType() {
        return coilType;
    }

    public boolean trainRunning() {
        return trainRunning;
    }

    /** Bad frames (CRC, framing, length) seen since the driver opened. */
    public int badFrames() {
        return badFramesTotal;
    }

    /** Why the link was declared lost, or {@code null}. */
    public DeviceFault linkLoss() {
        return linkLoss;
    }

    @Override
    public void onLinkThreads(Runnable promotion) {
        linkThreadTask.request(promotion);
    }

    @Override
    public void close() {
        if (running) {
            disarm();
            running = false;
            transport.close();
            try {
                linkThread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private MagProModel knownModel() throws DeviceFault {
        if (lastStatus == null || lastStatus.model() == null) {
            requestStatus();
        }
        MagProModel model = lastStatus.model();
        if (model == null) {
            throw new DeviceFault(WRONG_MODEL, "the device reports an undocumented model code");
        }
        return model;
    }

    private MagProMessage.Status requestStatus() throws DeviceFault {
        requireLink();
        long after = currentSequence();
        send(MagProCommands.status());
        MagProMessage reply = await(after, m -> m instanceof MagProMessage.Status);
        if (reply == null) {
            requireLink();
            throw new DeviceFault(NO_REPLY, "the MagPro did not answer a status request within "
                    + settings.replyTimeoutMillis() + " ms; check the cable (COM2, null-modem) and that the device is on");
        }
        return (MagProMessage.Status) reply;
    }

    private void requireLink() throws DeviceFault {
        DeviceFault lost = linkLoss;
        if (lost != null) {
            throw new DeviceFault(LINK_LOST, lost.getMessage());
        }
    }

    private void send(MagProFrame frame) throws DeviceFault {
        requireLink();
        try {
            write(frame.toBytes());
        } catch (IOException e) {
            loseLink("writing to " + transport.description() + " failed: " + e.getMessage());
            requireLink();
        }
    }

    private void write(byte[] bytes) throws IOException {
        while (!writeGate.compareAndSet(false, true)) {
            Thread.onSpinWait();
        }
        try {
            transport.write(bytes, 0, bytes.length);
        } finally {
            writeGate.set(false);
        }
    }

    private long currentSequence() {
        synchronized (messages) {
            return sequence;
        }
    }

    /** The first message after {@code afterSequence} that matches, or {@code null} on timeout or link loss. */
    private MagProMessage await(long afterSequence, Predicate<MagProMessage> matches) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.replyTimeoutMillis());
        synchronized (messages) {
            while (true) {
                for (Received received : recent) {
                    if (received.sequence() > afterSequence && matches.test(received.message())) {
                        return received.message();
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || linkLoss != null) {
                    return null;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(messages, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
    }

    private void runLink() {
        byte[] buffer = new byte[512];
        Consumer<FrameReadResult> onResult = this::onResult;
        lastPollNanos = System.nanoTime();
        try {
            while (running) {
                linkThreadTask.runIfRequested();
                int n = transport.read(buffer, 0, buffer.length, settings.readSliceMillis());
                long now = System.nanoTime();
                if (n > 0) {
                    reader.accept(buffer, 0, n, now, onResult);
                }
                reader.expire(now, onResult);
                if (linkLoss != null) {
                    continue;
                }
                if (now - lastPollNanos >= TimeUnit.MILLISECONDS.toNanos(settings.pollPeriodMillis())) {
                    lastPollNanos = now;
                    write(MagProCommands.status().toBytes());
                }
                if (now - lastGoodFrameNanos > TimeUnit.MILLISECONDS.toNanos(settings.silenceLimitMillis())) {
                    loseLink("no valid frame from the MagPro for " + settings.silenceLimitMillis()
                            + " ms; check the cable and that the device is on");
                }
            }
        } catch (IOException e) {
            if (running) {
                loseLink(transport.description() + " closed: " + e.getMessage());
            }
        }
    }

    private void onResult(FrameReadResult result) {
        if (result instanceof FrameFault fault) {
            onBadFrame(fault.kind() + ": " + fault.detail());
            return;
        }
        MagProMessage message = MagProMessages.decode((MagProFrame) result);
        if (message instanceof MagProMessage.Malformed malformed) {
            onBadFrame(malformed.problem());
            return;
        }
        badFramesInRow = 0;
        lastGoodFrameNanos = System.nanoTime();
        update(message);
        synchronized (messages) {
            sequence++;
            recent.addLast(new Received(sequence, message));
            if (recent.size() > RECENT_MESSAGES) {
                recent.removeFirst();
            }
            messages.notifyAll();
        }
    }

    private void onBadFrame(String what) {
        badFramesTotal++;
        lastBadFrameNanos = System.nanoTime();
        if (++badFramesInRow > settings.faultBudget()) {
            loseLink(badFramesInRow + " bad frames in a row from the MagPro (last: " + what
                    + "); check the cable, baud rate (38400 8N1) and port");
        }
    }

    private void update(MagProMessage message) {
        if (message instanceof MagProMessage.WithAmplitudes amplitudes) {
            amplitudeA = amplitudes.amplitudeA();
            amplitudeB = amplitudes.amplitudeB();
        }
        if (message instanceof MagProMessage.Status status) {
            coilTemperatureCelsius = status.coilTemperatureCelsius();
            coilType = status.coilType();
        } else if (message instanceof MagProMessage.Status2 status2) {
            coilTemperatureCelsius = status2.coilTemperatureCelsius();
            coilType = status2.coilType();
            trainRunning = status2.trainRunning();
        } else if (message instanceof MagProMessage.Coil coil) {
            coilTemperatureCelsius = coil.coilTemperatureCelsius();
            coilType = coil.coilType();
        } else if (message instanceof MagProMessage.DiDt diDt) {
            lastDiDtA = diDt.diDtA();
            // one report per trigger: in Twin/Dual mode it carries both units' di/dt, a pulse each;
            // in Biphasic Burst it covers the whole burst (the device reports no pulse inside it)
            boolean pair = diDt.status() != null && diDt.status().mode().paired();
            boolean burst = diDt.status() != null && diDt.status().waveform() == MagProWaveform.BIPHASIC_BURST;
            confirmedPulses += pair ? (diDt.diDtA() > 0 ? 1 : 0) + (diDt.diDtB() > 0 ? 1 : 0)
                    : burst ? pulsesPerReport : 1;
        } else if (message instanceof MagProMessage.Page page) {
            trainRunning = page.trainRunning();
        }
        // the status byte last: a reader that sees it (disabled, say) also sees the temperature that came with
        // it, so an over-temperature stop is read as one and not as an unexpected disarm (fault matrix, x100)
        if (message instanceof MagProMessage.WithStatus withStatus) {
            MagProStatusByte before = lastStatus;
            if (withStatus.status().enabled() && (before == null || !before.enabled())) {
                enabledAtNanos = System.nanoTime(); // charging starts when the device says it is enabled
            }
            lastStatus = withStatus.status();
        }
    }

    private void loseLink(String why) {
        synchronized (messages) {
            if (linkLoss != null) {
                return;
            }
            linkLoss = new DeviceFault(LINK_LOST, why);
            messages.notifyAll();
        }
        try {
            write(MagProCommands.enable(false).toBytes());
        } catch (IOException ignored) {
            // best effort: the device may already be unreachable
        }
        linkFaults.report(linkLoss);
    }
}
