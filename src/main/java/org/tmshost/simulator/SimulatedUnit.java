package org.tmshost.simulator;

import org.tmshost.profile.HardwareProfile;
import org.tmshost.yaml.DataFileText;
import org.tmshost.yaml.FieldReader;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.LocatedYaml;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What sets one emulated unit apart from others of its model ({@code simulator/units/*.yaml},
 * docs/simulator.md): a lab's Rapid² with software V9 and its unlock code, a MagPro with its serial
 * number and coil. Every field is optional; an absent field keeps the emulator's default.
 *
 * @param softwareVersion {major, minor, patch}; Magstim Rapid only
 * @param unlockCode      {@code xxxx-xxxxxxxx-cc}; Magstim Rapid V9+ only, and required there
 * @param armLatencyMs    arming to ready
 * @param rechargeMs      after a pulse, ready again this much later; Magstim only
 * @param serialNumber    reported in MagPro status replies (3 bytes)
 * @param coilType        reported in MagPro status replies (60 = Cool-B65)
 */
public record SimulatedUnit(String name, Optional<int[]> softwareVersion, Optional<String> unlockCode,
                            Optional<Integer> armLatencyMs, Optional<Integer> rechargeMs,
                            Optional<Integer> serialNumber, Optional<Integer> coilType) {

    public static SimulatedUnit none() {
        return new SimulatedUnit("", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** Reads a unit file and checks that it can be {@code profile}'s device. */
    public static SimulatedUnit read(Path file, HardwareProfile profile) throws InvalidFileException {
        return parse(file.toString(), DataFileText.read(file, "simulated unit", DataFileText.MAX_BYTES), profile);
    }

    public static SimulatedUnit parse(String fileName, String text, HardwareProfile profile)
            throws InvalidFileException {
        FieldReader fields = FieldReader.of(LocatedYaml.parse(fileName, text));
        String name = fields.requireText("name", "the unit's name");
        fields.optionalText("description", "free text");
        SimulatedUnit unit = new SimulatedUnit(name,
                fields.parsedText("softwareVersion", "a version such as \"9.0.0\"", SimulatedUnit::version, false),
                fields.parsedText("unlockCode", "the unit's unlock code", SimulatedUnit::unlockCode, false),
                fields.optionalInt("armLatencyMs", 0, 60_000),
                fields.optionalInt("rechargeMs", 0, 60_000),
                fields.optionalInt("serialNumber", 0, 0xFF_FFFF),
                fields.optionalInt("coilType", 0, 255));
        if (!fields.hasErrors()) {
            unit.problemsWith(profile).forEach(fields::errorAt);
        }
        fields.finish();
        return unit;
    }

    /** This unit with every field {@code overrides} sets replaced (command-line options over a file). */
    public SimulatedUnit overriddenBy(SimulatedUnit overrides) {
        return new SimulatedUnit(overrides.name.isEmpty() ? name : overrides.name,
                overrides.softwareVersion.or(() -> softwareVersion), overrides.unlockCode.or(() -> unlockCode),
                overrides.armLatencyMs.or(() -> armLatencyMs), overrides.rechargeMs.or(() -> rechargeMs),
                overrides.serialNumber.or(() -> serialNumber), overrides.coilType.or(() -> coilType));
    }

    /** Why this unit cannot be {@code profile}'s device, by field name (empty: it can). */
    public Map<String, String> problemsWith(HardwareProfile profile) {
        Map<String, String> problems = new LinkedHashMap<>();
        String protocol = profile.wireProtocol();
        boolean magstim = protocol.startsWith("magstim-");
        boolean rapid = protocol.equals("magstim-rapid");
        String model = " (" + profile.name() + " is a " + profile.model() + ")";
        if (softwareVersion.isPresent() && !rapid) {
            problems.put("softwareVersion", "only a Magstim Rapid reports a software version" + model);
        }
        if (unlockCode.isPresent() && !rapid) {
            problems.put("unlockCode", "only a Magstim Rapid with software V9 or later has an unlock code" + model);
        }
        int major = softwareVersion.map(v -> v[0]).orElse(8);
        if (rapid && unlockCode.isPresent() && major < 9) {
            problems.put("unlockCode", "a Rapid with software before V9 takes remote control without a code; "
                    + "set softwareVersion to 9 or later");
        }
        if (rapid && unlockCode.isEmpty() && major >= 9) {
            problems.put("unlockCode", "is missing; a Rapid with software V9 or later needs its unlock code");
        }
        if (rechargeMs.isPresent() && !magstim) {
            problems.put("rechargeMs", "a MagPro reports no ready state; its rates come from the profile" + model);
        }
        long minimumMs = profile.limits().minInterPulseIntervalMs().longValue();
        if (rechargeMs.isPresent() && magstim && rechargeMs.get() < minimumMs) {
            problems.put("rechargeMs", "at least the profile's minimum inter-pulse interval, " + minimumMs
                    + " ms: the simulated device would refuse a sooner pulse anyway");
        }
        if (serialNumber.isPresent() && magstim) {
            problems.put("serialNumber", "a Magstim unit does not report a serial number on its serial link");
        }
        if (coilType.isPresent() && magstim) {
            problems.put("coilType", "a Magstim unit does not report a coil type on its serial link");
        }
        return problems;
    }

    /** "9", "9.1" or "9.1.0" as {major, minor, patch}. */
    public static int[] version(String text) {
        String[] parts = text.trim().split("\\.", -1);
        int[] version = new int[3];
        if (parts.length > 3) {
            throw new IllegalArgumentException("a version such as \"9.0.0\": at most three numbers");
        }
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].matches("[0-9]{1,2}")) {
                throw new IllegalArgumentException("a version such as \"9.0.0\": numbers of one or two digits");
            }
            version[i] = Integer.parseInt(parts[i]);
        }
        if (version[0] < 1) {
            throw new IllegalArgumentException("a version from 1 upwards");
        }
        return version;
    }

    /**
     * Checks an unlock code's shape and its own check digits: the last two characters are the Magstim
     * checksum (one's complement of the byte sum) of the first 14, in hex. Derived from the three
     * codes quoted in public issues (MAGIC #11, #13, MagPy #5), all of which satisfy it.
     */
    public static String unlockCode(String text) {
        if (!text.matches("[0-9a-fA-F]{4}-[0-9a-fA-F]{8}-[0-9a-fA-F]{2}")) {
            throw new IllegalArgumentException("an unlock code of the shape xxxx-xxxxxxxx-cc (hex digits), "
                    + "without the 'Q' and without a checksum character after it");
        }
        String expected = checkDigits(text.substring(0, 14));
        if (!text.substring(14).equalsIgnoreCase(expected)) {
            throw new IllegalArgumentException("an unlock code whose last two characters check the rest: for "
                    + text.substring(0, 14) + " they would be " + expected + "; copy the code exactly as Magstim sent it");
        }
        return text;
    }

    static String checkDigits(String first14) {
        int sum = 0;
        for (byte b : first14.getBytes(StandardCharsets.ISO_8859_1)) {
            sum += b & 0xFF;
        }
        return String.format(Locale.ROOT, "%02x", ~sum & 0xFF);
    }
}
