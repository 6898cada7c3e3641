package org.tmshost.hil;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One throwaway cell before a matrix: the first session in a JVM spends about a second loading
 * classes (record store, serial port, session), which moves arming later after the device is opened
 * than in every later cell. Cells whose outcome depends on that delay (e.g. an arming check that
 * races the driver's first status poll) would then differ between the first cell and the rest.
 * Once per JVM: both matrices run in the same test JVM, and the second finds the classes loaded.
 */
final class MatrixWarmUp {
    private static boolean done;

    private MatrixWarmUp() {
    }

    static synchronized void run(Path dir) throws Exception {
        if (done) {
            return;
        }
        MatrixCellRun.run(dir, MatrixProfiles.shipped("simulator"), MatrixProfiles.argument("simulator", dir),
                DeliveryMatrixHilTest.PROTOCOL_DIR.resolve("rtms-20hz.yaml"), Optional.empty());
        done = true;
    }
}
