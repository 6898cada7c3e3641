package org.tmshost.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.device.PulseTrigger;
import org.tmshost.timing.PulseScheduler;

import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

/**
 * The design's first invariant: the pulse thread is the only thread that fires (issue 13). No host
 * code calls {@link PulseTrigger#fire} but the scheduler's loop and the triggers it calls, which
 * pass its call on; the rest below fire nothing at a subject, each for the reason given. A new caller
 * (a threshold hunt firing on the console thread, as it did) fails this test.
 */
@Tag("unit")
class OnePulsePathTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.tmshost");

    /** The classes that may call a trigger's fire, and why. Top-level class names. */
    static final Map<String, String> MAY_FIRE = Map.of(
            "org.tmshost.timing.PulseScheduler", "the pulse thread's loop: the one place a subject's pulse is fired",
            "org.tmshost.session.OutputSettingTrigger", "a trigger the scheduler calls: sets the output, passes the call on",
            "org.tmshost.device.ttl.TtlRig", "a trigger the scheduler calls: refuses unless armed, passes the call on",
            "org.tmshost.device.ttl.LoopbackCheck", "an arming check of the trigger line, with the stimulator behind it disarmed",
            "org.tmshost.timing.SchedulerWarmUp", "warms the scheduler's code up with triggers that reach no device",
            "org.tmshost.dryrun.VirtualDeviceRun", "the dry run: a plan on a virtual device, nothing is connected",
            "org.tmshost.bench.NaiveBaselines", "the timing bench's baselines fire a probe, no device",
            "org.tmshost.simulator", "the simulated devices' own side (their models), not the host");

    private static boolean allowed(JavaClass origin) {
        String name = origin.getName().replaceAll("\\$.*", "");
        return MAY_FIRE.keySet().stream().anyMatch(allowed -> name.equals(allowed) || name.startsWith(allowed + "."));
    }

    @Test
    void onlyThePulseThreadFiresASubjectsPulse() {
        DescribedPredicate<JavaMethodCall> firing = DescribedPredicate.describe("PulseTrigger.fire",
                call -> call.getName().equals("fire") && call.getTargetOwner().isAssignableTo(PulseTrigger.class));
        DescribedPredicate<JavaClass> outsideTheList = DescribedPredicate.describe("not listed in MAY_FIRE",
                origin -> !allowed(origin));
        noClasses().that(outsideTheList).should().callMethodWhere(firing)
                .because("the pulse thread is the only thread that fires (design.md, invariant 1)").check(CLASSES);
    }

    /** Watchers see a session's schedule through {@code PulseTelemetry}; its scheduler stays inside the session. */
    @Test
    void noSessionHandsOutItsScheduler() {
        DescribedPredicate<JavaMethod> handsOutTheScheduler = DescribedPredicate.describe("returns a PulseScheduler",
                method -> method.getReturnType().getAllInvolvedRawTypes().stream()
                        .anyMatch(type -> type.isEquivalentTo(PulseScheduler.class)));
        noMethods().that().areDeclaredInClassesThat().resideInAPackage("org.tmshost.session").and().arePublic()
                .should(ArchCondition.from(handsOutTheScheduler))
                .because("the status panel or a bench holding the scheduler could pause, trip or re-time the pulse "
                        + "thread").check(CLASSES);
    }
}
