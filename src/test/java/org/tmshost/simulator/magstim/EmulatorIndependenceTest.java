package org.tmshost.simulator.magstim;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The emulator decides its bytes itself: a shared codec bug would pass both sides of every test. */
@Tag("unit")
class EmulatorIndependenceTest {
    @Test
    void theEmulatorDoesNotUseTheHostCodec() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.tmshost.simulator.magstim", "org.tmshost.device.magstim");
        noClasses().that().resideInAPackage("org.tmshost.simulator.magstim..")
                .should().dependOnClassesThat().resideInAPackage("org.tmshost.device.magstim..")
                .check(classes);
    }
}
