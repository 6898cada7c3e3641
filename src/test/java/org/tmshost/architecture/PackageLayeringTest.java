package org.tmshost.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Package arrows point down only, as in docs/architecture.md. */
@Tag("unit")
class PackageLayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.tmshost");

    @Test
    void packagesOnlyDependDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("cli").definedBy("org.tmshost.cli..")
                .layer("console").definedBy("org.tmshost.console..")
                .layer("dryrun").definedBy("org.tmshost.dryrun..")
                .layer("report").definedBy("org.tmshost.report..")
                .layer("bench").definedBy("org.tmshost.bench..")
                .layer("course").definedBy("org.tmshost.course..")
                .layer("session").definedBy("org.tmshost.session..")
                .layer("excitability").definedBy("org.tmshost.excitability..")
                .layer("threshold").definedBy("org.tmshost.threshold..")
                .layer("safety").definedBy("org.tmshost.safety..")
                .layer("timing").definedBy("org.tmshost.timing..")
                .layer("record").definedBy("org.tmshost.record..")
                .layer("delivery").definedBy("org.tmshost.delivery..")
                .layer("protocol").definedBy("org.tmshost.protocol..")
                .layer("device").definedBy("org.tmshost.device..")
                .layer("simulator").definedBy("org.tmshost.simulator..")
                .layer("profile").definedBy("org.tmshost.profile..")
                .layer("yaml").definedBy("org.tmshost.yaml..")
                .layer("stats").definedBy("org.tmshost.stats..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("console").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("stats").mayOnlyBeAccessedByLayers("threshold", "simulator", "excitability")
                .whereLayer("dryrun").mayOnlyBeAccessedByLayers("cli", "console")
                .whereLayer("report").mayOnlyBeAccessedByLayers("cli", "console", "dryrun")
                .whereLayer("course").mayOnlyBeAccessedByLayers("cli", "console", "report")
                .whereLayer("bench").mayOnlyBeAccessedByLayers("cli", "console")
                .whereLayer("session").mayOnlyBeAccessedByLayers("cli", "console", "dryrun", "bench", "course")
                // a measurement's trials reach the subject through the session's pulse path, as a hunt's pulses
                .whereLayer("excitability").mayOnlyBeAccessedByLayers("session", "cli", "console", "bench", "report",
                        "course")
                .whereLayer("threshold").mayOnlyBeAccessedByLayers("session", "cli", "console", "bench", "excitability")
                .whereLayer("safety").mayOnlyBeAccessedByLayers("session", "cli", "console", "dryrun", "report", "bench",
                        "course")
                // a simulated device's threads run at real-time priority (DeviceThreads); a hunt's clock is a timing.Clock
                .whereLayer("timing").mayOnlyBeAccessedByLayers("session", "cli", "console", "dryrun", "bench", "record",
                        "simulator", "threshold", "excitability")
                .whereLayer("record").mayOnlyBeAccessedByLayers("session", "cli", "console", "dryrun", "report", "bench",
                        "course")
                .whereLayer("delivery").mayOnlyBeAccessedByLayers("session", "safety", "cli", "console", "dryrun", "report",
                        "bench")
                .whereLayer("protocol").mayOnlyBeAccessedByLayers("session", "safety", "timing", "record",
                        "cli", "console", "dryrun", "report", "bench", "threshold", "delivery", "course", "excitability")
                .whereLayer("simulator").mayOnlyBeAccessedByLayers("session", "cli", "console", "dryrun", "bench")
                .whereLayer("device").mayOnlyBeAccessedByLayers("timing", "session", "simulator", "cli", "console", "dryrun",
                        "bench", "threshold", "delivery", "excitability")
                .whereLayer("profile").mayOnlyBeAccessedByLayers("session", "safety", "timing", "record", "protocol", "delivery",
                        "device", "simulator", "cli", "console", "dryrun", "report", "bench", "threshold", "excitability")
                .check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.tmshost.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
