package org.tmshost.hil;

import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.profile.SiteLimits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The profiles a matrix runs, and what {@code run --profile} gets for each. By default a copy of the
 * shipped profile whose lateness limit is raised to {@value #RELAXED_LATENESS_LIMIT_MICROS} µs, as the
 * other session tests do ({@code TmsHostCli.relaxedSimulatorProfile}): this 2-core CI VM is not a
 * real-time host, and a timing fault would hide what the matrix is about (what was delivered and
 * what was recorded). The pulse scheduler still caps the limit at 10% of each interval. The
 * record-versus-device comparison always uses the shipped profile's limit.
 * {@code -Dtmshost.matrix.timing=shipped} runs the shipped profiles unchanged (on a real-time host).
 * The relaxed copy is installed into the cell's site ({@code dir/home}, the home {@link MatrixCellRun}
 * uses) as its supervisor would, so the envelope does not ask for approval of an uninstalled profile.
 */
final class MatrixProfiles {
    static final long RELAXED_LATENESS_LIMIT_MICROS = 20_000;

    private MatrixProfiles() {
    }

    static HardwareProfile shipped(String name) throws Exception {
        return HardwareProfiles.load(name);
    }

    static boolean relaxed() {
        return !"shipped".equals(System.getProperty("tmshost.matrix.timing"));
    }

    /** The {@code --profile} argument for {@code name}: the name, or a relaxed copy in {@code dir}. */
    static String argument(String name, Path dir) throws IOException {
        if (!relaxed()) {
            return name;
        }
        Path shipped = HardwareProfiles.directory().resolve(name + ".yaml");
        String text = Files.readString(shipped);
        String relaxedText = text.replaceFirst("latenessLimitMicros: \\d+",
                "latenessLimitMicros: " + RELAXED_LATENESS_LIMIT_MICROS);
        if (relaxedText.equals(text)) {
            throw new IllegalStateException(shipped + " has no latenessLimitMicros to relax");
        }
        Files.createDirectories(dir);
        SiteLimits.at(dir.resolve("home").resolve("limits")).installProfile(name, relaxedText, "hil-rig",
                java.time.Instant.now());
        return Files.writeString(dir.resolve(name + ".yaml"), relaxedText).toString();
    }
}
