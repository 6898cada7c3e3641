package org.tmshost.profile;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.profile.LimitsFile.Standing;
import org.tmshost.yaml.ContentDigest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Which profiles a site has in force (issue 14): shipped or installed, and nothing else silently. */
@Tag("unit")
class SiteLimitsTest {
    private static final Instant NOON = Instant.parse("2026-11-29T12:00:00Z");

    @TempDir
    Path dir;

    private static String shipped(String name) {
        return HardwareProfiles.shippedText(name).orElseThrow();
    }

    @Test
    void aHardwareProfilesShadowOfAShippedNameIsNotInstalled() throws Exception {
        SiteLimits site = SiteLimits.at(dir.resolve("limits"));
        Path shadows = Files.createDirectories(dir.resolve("hardware-profiles"));
        String evil = shipped("magstim-rapid2").replace("[100, 15]]", "[100, 50]]");
        Files.writeString(shadows.resolve("magstim-rapid2.yaml"), evil);

        HardwareProfile loaded = HardwareProfiles.load("magstim-rapid2", site, shadows);
        assertThat(loaded.file().standing()).isEqualTo(Standing.NOT_INSTALLED);
        assertThat(loaded.file().path()).isEqualTo(shadows.resolve("magstim-rapid2.yaml").toString());
        assertThat(loaded.sha256()).isEqualTo(ContentDigest.sha256(evil));

        Files.writeString(shadows.resolve("magstim-rapid2.yaml"), shipped("magstim-rapid2"));
        assertThat(HardwareProfiles.load("magstim-rapid2", site, shadows).file().standing())
                .as("a byte-identical copy is the shipped profile").isEqualTo(Standing.SHIPPED);
        assertThat(HardwareProfiles.load("magstim-rapid2", site, dir.resolve("none")).file().standing())
                .isEqualTo(Standing.SHIPPED);
    }

    @Test
    void anInstalledProfileIsInForceAndReplacesTheShippedOneOfItsName() throws Exception {
        String relaxed = shipped("simulator").replace("latenessLimitMicros: 1000", "latenessLimitMicros: 20000");
        SiteLimits site = SiteLimits.at(dir.resolve("limits")).installProfile("simulator", relaxed, "sup", NOON);

        HardwareProfile byName = HardwareProfiles.load("simulator", site, dir.resolve("none"));
        assertThat(byName.file().standing()).isEqualTo(Standing.INSTALLED);
        assertThat(byName.file().provenance()).contains("sup").contains("2026-11-29T12:00:00Z");
        assertThat(byName.timing().latenessLimitMicros()).isEqualTo(20_000);

        Path copy = Files.writeString(dir.resolve("copy.yaml"), relaxed);
        assertThat(HardwareProfiles.load(copy.toString(), site, dir.resolve("none")).file().standing())
                .isEqualTo(Standing.INSTALLED);
        Path shippedCopy = Files.writeString(dir.resolve("shipped.yaml"), shipped("simulator"));
        assertThat(HardwareProfiles.load(shippedCopy.toString(), site, dir.resolve("none")).file().standing())
                .as("the shipped text is no longer in force once a site installs its own").isEqualTo(Standing.NOT_INSTALLED);
        assertThat(SiteLimits.at(dir.resolve("limits")).installedProfiles()).containsKey("simulator");
    }

    @Test
    void anInstalledFileEditedAfterItsInstallationIsNotInForce() throws Exception {
        SiteLimits site = SiteLimits.at(dir.resolve("limits"))
                .installProfile("magstim-rapid2", shipped("magstim-rapid2"), "sup", NOON);
        String edited = shipped("magstim-rapid2").replace("stopCelsius: 40", "stopCelsius: 39");
        Files.writeString(site.profileFile("magstim-rapid2"), edited);

        HardwareProfile loaded = HardwareProfiles.load("magstim-rapid2", SiteLimits.at(dir.resolve("limits")),
                dir.resolve("none"));
        assertThat(loaded.file().standing()).isEqualTo(Standing.CHANGED_SINCE_INSTALLED);
        assertThat(loaded.file().provenance()).contains("changed since").contains(ContentDigest.sha256(
                shipped("magstim-rapid2")));
    }

    @Test
    void aPolicyIsInForceOnlyWhenItIsTheSitesPolicy() throws Exception {
        SiteLimits site = SiteLimits.at(dir.resolve("limits"));
        String policy = SiteLimits.shippedPolicyText();
        assertThat(site.policyInForce().standing()).isEqualTo(Standing.SHIPPED);
        assertThat(site.judgePolicy("p.yaml", policy).standing()).isEqualTo(Standing.SHIPPED);
        String stricter = policy.replace("maxSessionPulses: 3000", "maxSessionPulses: 2000");
        assertThat(site.judgePolicy("p.yaml", stricter).standing()).isEqualTo(Standing.NOT_INSTALLED);

        SiteLimits installed = site.installPolicy(stricter, "sup", NOON);
        assertThat(installed.policyInForce().standing()).isEqualTo(Standing.INSTALLED);
        assertThat(installed.judgePolicy("p.yaml", stricter).standing()).isEqualTo(Standing.INSTALLED);
        assertThat(installed.judgePolicy("p.yaml", policy).standing())
                .as("the shipped policy relaxes the installed one").isEqualTo(Standing.NOT_INSTALLED);
        Files.writeString(installed.policyFile(), policy);
        assertThat(SiteLimits.at(dir.resolve("limits")).policyInForce().standing())
                .isEqualTo(Standing.CHANGED_SINCE_INSTALLED);
    }
}
