package org.tmshost.profile;

import org.tmshost.yaml.DataFileText;
import org.tmshost.yaml.FieldReader;
import org.tmshost.yaml.FieldReader.Range;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.LocatedYaml;
import org.tmshost.yaml.SourceLocation;
import org.tmshost.yaml.ValidationError;
import org.tmshost.yaml.YamlNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds and validates hardware profiles. A PROFILE argument is a path to a YAML file, or a name
 * looked up among the profiles a supervisor installed into the site ({@link SiteLimits}), then in
 * {@code ./hardware-profiles/} (or {@code $TMSHOST_PROFILES}), then the copies shipped in the jar.
 * Every profile carries its file and whether the site has it in force: a path or a directory file
 * that is not byte-identical to a profile in force loads as NOT_INSTALLED (the envelope then asks
 * for a supervisor's approval), never silently as the shipped one. Values beyond the
 * {@link HardBounds} are refused here.
 */
public final class HardwareProfiles {
    public static final Set<String> WIRE_PROTOCOLS =
            Set.of("magstim-200", "magstim-bistim", "magstim-rapid", "magventure-magpro", "ttl");
    private static final String BUNDLED = "/hardware-profiles/";

    private HardwareProfiles() {
    }

    /** The profile directory in use: {@code $TMSHOST_PROFILES} or {@code ./hardware-profiles}. */
    public static Path directory() {
        String configured = System.getenv("TMSHOST_PROFILES");
        return Path.of(configured != null && !configured.isBlank() ? configured : "hardware-profiles");
    }

    public static HardwareProfile load(String nameOrPath) throws InvalidFileException {
        return load(nameOrPath, SiteLimits.current());
    }

    /** As {@link #load(String)}, judged against {@code site}'s installed limits. */
    public static HardwareProfile load(String nameOrPath, SiteLimits site) throws InvalidFileException {
        return load(nameOrPath, site, directory());
    }

    /** As {@link #load(String, SiteLimits)}, with {@code directory} for {@code ./hardware-profiles}. */
    static HardwareProfile load(String nameOrPath, SiteLimits site, Path directory) throws InvalidFileException {
        Path asPath = Path.of(nameOrPath);
        if (nameOrPath.endsWith(".yaml") && Files.exists(asPath)) {
            return parse(site.judgeProfile(asPath.toString(), read(asPath)));
        }
        if (!nameOrPath.contains("/")) {
            Optional<LimitsFile> installed = site.installedProfile(nameOrPath);
            if (installed.isPresent()) {
                return parse(installed.get());
            }
            Path inDirectory = directory.resolve(nameOrPath + ".yaml");
            if (Files.isRegularFile(inDirectory)) {
                return parse(site.judgeProfile(inDirectory.toString(), read(inDirectory)));
            }
            Optional<String> bundled = shippedText(nameOrPath);
            if (bundled.isPresent()) {
                return parse(LimitsFile.of("hardware-profiles/" + nameOrPath + ".yaml", bundled.get(),
                        LimitsFile.Standing.SHIPPED, "shipped in the jar"));
            }
        }
        throw new InvalidFileException(new ValidationError(SourceLocation.wholeFile(nameOrPath), null, null,
                "no such hardware profile; available: " + String.join(", ", names())));
    }

    /** Names of the profiles in the directory, the site and the jar. */
    public static List<String> names() {
        var names = new TreeSet<String>(shippedNames());
        names.addAll(SiteLimits.current().installedProfiles().keySet());
        if (Files.isDirectory(directory())) {
            try (Stream<Path> files = Files.list(directory())) {
                files.map(path -> path.getFileName().toString()).filter(file -> file.endsWith(".yaml"))
                        .map(file -> file.substring(0, file.length() - ".yaml".length())).forEach(names::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(names);
    }

    /** Names of the profiles shipped in the jar. */
    static List<String> shippedNames() {
        var names = new TreeSet<String>();
        bundled("index.txt").ifPresent(index -> index.lines().map(String::trim)
                .filter(line -> !line.isEmpty()).forEach(names::add));
        return List.copyOf(names);
    }

    /** The text of the profile {@code name} shipped in the jar. */
    static Optional<String> shippedText(String name) {
        return name.contains("/") ? Optional.empty() : bundled(name);
    }

    /** The raw text of a profile, for {@code profiles show}: the file {@link #load} reads. */
    public static String text(String name) throws InvalidFileException {
        return load(name).file().text();
    }

    /** A profile text from anywhere (tests, tools): judged against this process's site. */
    public static HardwareProfile parse(String fileName, String text) throws InvalidFileException {
        return parse(SiteLimits.current().judgeProfile(fileName, text));
    }

    /** Validates a profile file, within the hard bounds; the profile carries {@code file}. */
    public static HardwareProfile parse(LimitsFile file) throws InvalidFileException {
        FieldReader fields = FieldReader.of(LocatedYaml.parse(file.path(), file.text()));
        String name = fields.requireText("name", "the profile's name");
        String model = fields.requireText("model", "the device model, in words");
        boolean simulation = fields.requireBoolean("simulation");
        String wire = fields.parsedText("wireProtocol", "one of " + WIRE_PROTOCOLS, value -> {
            if (!WIRE_PROTOCOLS.contains(value)) {
                throw new IllegalArgumentException("one of " + String.join(", ", new TreeSet<>(WIRE_PROTOCOLS)));
            }
            return value;
        }, true).orElse("ttl");
        Optional<LinkSettings> link = fields.node("link").map(node -> link(fields.nested("link", node)));
        HardBounds.DeviceBounds bounds = HardBounds.shipped().forDevice(simulation, wire);
        Capabilities capabilities = capabilities(fields.nested("capabilities", fields.requireNode("capabilities", "a mapping")),
                bounds);
        DeviceLimits limits = limits(fields.nested("limits", fields.requireNode("limits", "a mapping")), bounds);
        TimingTolerances timing = fields.node("timing").map(node -> timing(fields.nested("timing", node)))
                .orElse(TimingTolerances.DEFAULT);
        Optional<GpioPins> gpio = fields.node("gpio").map(node -> gpio(fields.nested("gpio", node)));
        var sources = new ArrayList<String>();
        fields.node("sources").ifPresent(node -> {
            if (node instanceof YamlNode.Sequence list) {
                list.items().forEach(item -> fields.parsed(item, "sources", "text", s -> s).ifPresent(sources::add));
            } else {
                fields.error(node, "sources", "a list of texts");
            }
        });
        if (!wire.equals("ttl") && link.isEmpty() && !fields.hasErrors()) {
            fields.missing("link", "serial link settings for the " + wire + " protocol");
        }
        if (wire.equals("ttl") && gpio.isEmpty() && !simulation && !fields.hasErrors()) {
            fields.missing("gpio", "the GPIO pin map of a TTL rig");
        }
        fields.finish();
        return new HardwareProfile(name, model, simulation, wire, link, capabilities, limits, timing, gpio,
                List.copyOf(sources), file);
    }

    private static LinkSettings link(FieldReader link) {
        LinkSettings settings = new LinkSettings(
                link.requireInt("baud", 300, 4_000_000), link.requireInt("dataBits", 5, 8),
                link.parsedText("parity", "none, even or odd", HardwareProfiles::parity, true).orElse("none"),
                link.requireInt("stopBits", 1, 2), link.requireInt("keepAlivePeriodMs", 10, 60_000),
                link.requireInt("armedLeaseMs", 10, 600_000), link.requireInt("disarmedLeaseMs", 10, 600_000));
        link.checkUnknown();
        return settings;
    }

    private static String parity(String text) {
        if (!Set.of("none", "even", "odd").contains(text)) {
            throw new IllegalArgumentException("none, even or odd");
        }
        return text;
    }

    private static Capabilities capabilities(FieldReader caps, HardBounds.DeviceBounds bounds) {
        Capabilities capabilities = new Capabilities(caps.requireBoolean("deviceTimedTrains"),
                caps.requireBoolean("nativeBursts"), caps.requireBoolean("pairedPulses"),
                caps.requireBoolean("quadripulse"), caps.requireBoolean("ttlTriggerInput"),
                caps.requireBoolean("keepAliveLease"), caps.requireInt("channels", 1, 4),
                caps.requireDecimal("hostTimedSinglePulseRateHz", Range.positiveUpTo("1000")));
        bounds.maxHostTimedSinglePulseRateHz().ifPresent(max -> {
            if (!caps.hasErrors() && capabilities.hostTimedSinglePulseRateHz().compareTo(max) > 0) {
                caps.errorAt("hostTimedSinglePulseRateHz", "at most " + max.toPlainString() + " Hz: "
                        + bounds.rule("maxHostTimedSinglePulseRateHz"));
            }
        });
        caps.checkUnknown();
        return capabilities;
    }

    private static DeviceLimits limits(FieldReader limits, HardBounds.DeviceBounds bounds) {
        int maxOutput = limits.requireInt("maxOutputPercentMso", 1, 100);
        if (limits.has("maxOutputPercentMso") && maxOutput > bounds.maxOutputPercentMso()) {
            limits.errorAt("maxOutputPercentMso", "at most " + bounds.maxOutputPercentMso() + " %MSO: "
                    + bounds.rule("maxOutputPercentMso"));
        }
        BigDecimal minInterval = limits.requireDecimal("minInterPulseIntervalMs", Range.positiveUpTo("60000").decimals(6));
        if (limits.has("minInterPulseIntervalMs") && minInterval.compareTo(bounds.minInterPulseIntervalMs()) < 0) {
            limits.errorAt("minInterPulseIntervalMs", "at least " + bounds.minInterPulseIntervalMs().toPlainString()
                    + " ms, the device's hardware minimum: " + bounds.rule("minInterPulseIntervalMs"));
        }
        Optional<BigDecimal> minInterChannel = limits.optionalDecimal("minInterChannelIntervalMs",
                Range.positiveUpTo("60000").decimals(6));
        Optional<RateTable> rates = limits.node("maxRateVsOutput").map(node -> rateTable(limits, node, bounds));
        Optional<EnergyModel> energy = limits.node("energyModel").map(node -> energy(limits.nested("energyModel", node)));
        FieldReader coil = limits.nested("coilTemperature", limits.requireNode("coilTemperature", "warn/stop temperatures"));
        CoilTemperatureLimits temperature = new CoilTemperatureLimits(
                coil.requireDecimal("warnCelsius", Range.between("20", "60")),
                coil.requireDecimal("stopCelsius", Range.between("20", "60")));
        if (coil.has("stopCelsius") && temperature.stopCelsius().compareTo(bounds.maxCoilStopCelsius()) > 0) {
            coil.errorAt("stopCelsius", "at most " + bounds.maxCoilStopCelsius().toPlainString()
                    + " C, the vendor's limit: " + bounds.rule("maxCoilStopCelsius"));
        }
        if (!coil.hasErrors() && temperature.stopCelsius().compareTo(temperature.warnCelsius()) < 0) {
            coil.errorAt("stopCelsius", "at least the warning temperature (" + temperature.warnCelsius() + " C)");
        }
        coil.checkUnknown();
        limits.checkUnknown();
        return new DeviceLimits(maxOutput, minInterval, minInterChannel, rates, energy, temperature);
    }

    private static RateTable rateTable(FieldReader limits, YamlNode node, HardBounds.DeviceBounds bounds) {
        String expected = "a list of [output %MSO, max rate Hz] pairs with increasing output";
        if (!(node instanceof YamlNode.Sequence list) || list.items().isEmpty()) {
            limits.error(node, "maxRateVsOutput", expected);
            return new RateTable(List.of());
        }
        var points = new ArrayList<RateTable.Point>();
        int previous = -1;
        for (YamlNode item : list.items()) {
            if (!(item instanceof YamlNode.Sequence pair) || pair.items().size() != 2) {
                limits.error(item, "maxRateVsOutput", expected);
                continue;
            }
            Optional<BigDecimal> output = limits.decimal(pair.items().get(0), "maxRateVsOutput", Range.between("0", "100"));
            Optional<BigDecimal> rate = limits.decimal(pair.items().get(1), "maxRateVsOutput", Range.positiveUpTo("1000"));
            if (output.isEmpty() || rate.isEmpty()) {
                continue;
            }
            if (rate.get().compareTo(bounds.maxRateHz()) > 0) {
                limits.error(pair.items().get(1), "maxRateVsOutput", "at most " + bounds.maxRateHz().toPlainString()
                        + " Hz: " + bounds.rule("maxRateHz"));
                continue;
            }
            if (output.get().stripTrailingZeros().scale() > 0 || output.get().intValue() <= previous) {
                limits.error(item, "maxRateVsOutput", "whole-number outputs in increasing order");
                continue;
            }
            previous = output.get().intValue();
            points.add(new RateTable.Point(previous, rate.get()));
        }
        return new RateTable(points);
    }

    private static EnergyModel energy(FieldReader energy) {
        List<YamlNode> joules = energy.requireList("joulesPerPulse", "101 joule figures, one per output 0..100 %MSO");
        var values = new ArrayList<BigDecimal>();
        for (YamlNode item : joules) {
            energy.decimal(item, "joulesPerPulse", Range.between("0", "10000")).ifPresent(values::add);
        }
        if (energy.has("joulesPerPulse") && joules.size() != 101) {
            energy.errorAt("joulesPerPulse", "exactly 101 figures (index = output 0..100 %MSO), found " + joules.size());
        }
        EnergyModel model = new EnergyModel(values,
                energy.requireDecimal("trainEnergyBudgetJoules", Range.positiveUpTo("10000000")),
                energy.requireDecimal("rechargeJoulesPerSecond", Range.positiveUpTo("1000000")),
                energy.requireDecimal("minWaitAfterTrainSeconds", Range.between("0", "600")));
        energy.checkUnknown();
        return model;
    }

    private static TimingTolerances timing(FieldReader timing) {
        TimingTolerances tolerances = new TimingTolerances(
                timing.requireInt("earlyToleranceMicros", 0, 10_000), timing.requireInt("latenessLimitMicros", 1, 1_000_000));
        timing.checkUnknown();
        return tolerances;
    }

    private static GpioPins gpio(FieldReader gpio) {
        GpioPins pins = new GpioPins(gpio.requireInt("triggerOutPin", 0, 40),
                gpio.requireInt("triggerPulseWidthMicros", 1, 100_000),
                optionalPin(gpio, "stopButtonPin"), optionalPin(gpio, "footSwitchPin"),
                optionalPin(gpio, "coilReadyPin"), optionalPin(gpio, "loopbackInPin"));
        gpio.checkUnknown();
        return pins;
    }

    private static OptionalInt optionalPin(FieldReader gpio, String field) {
        return gpio.optionalInt(field, 0, 40).map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    private static String read(Path path) throws InvalidFileException {
        return DataFileText.read(path, "hardware profile", DataFileText.MAX_BYTES);
    }

    private static Optional<String> bundled(String file) {
        String resource = BUNDLED + (file.endsWith(".txt") ? file : file + ".yaml");
        try (InputStream in = HardwareProfiles.class.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
