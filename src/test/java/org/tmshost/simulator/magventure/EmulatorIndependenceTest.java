package org.tmshost.simulator.magventure;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The emulator decides its bytes itself: a bug shared with the host codec would pass both sides. */
@Tag("unit")
class EmulatorIndependenceTest {
    @Test
    void emulatorDoesNotUseTheHostCodec() {
        noClasses().that().resideInAPackage("org.tmshost.simulator.magventure..")
                .should().dependOnClassesThat().resideInAPackage("org.tmshost.device.magventure..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.tmshost.simulator.magventure"));
    }
}
