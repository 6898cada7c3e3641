package org.tmshost.console;

import org.tmshost.device.DeviceFault;
import org.tmshost.record.RecordException;
import org.tmshost.record.RecordsLocationRefused;
import org.tmshost.record.SubjectInSession;
import org.tmshost.record.SubjectIdRefused;
import org.tmshost.record.StoreIdentityException;
import org.tmshost.yaml.InvalidFileException;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.OptionalInt;

/** How the command line and the console tell a technician about the errors they expect. */
public final class ErrorMessages {
    private ErrorMessages() {
    }

    /**
     * Prints an expected error (a bad file, a device fault, a record failure, an I/O problem) and
     * returns its exit code; empty for anything else, which the caller treats as its own.
     */
    public static OptionalInt report(Exception e, PrintWriter err) {
        if (e instanceof InvalidFileException) {
            err.println("error: " + e.getMessage().replace("\n", "\nerror: "));
            return OptionalInt.of(ExitCode.BAD_INPUT);
        }
        if (e instanceof SubjectIdRefused) {
            err.println("error: " + e.getMessage());
            return OptionalInt.of(ExitCode.BAD_INPUT);
        }
        if (e instanceof DeviceFault fault) {
            err.println("device fault (" + fault.code() + "): " + fault.getMessage());
            return OptionalInt.of(ExitCode.DEVICE_FAULT);
        }
        if (e instanceof StoreIdentityException) {
            err.println("error: " + e.getMessage());
            return OptionalInt.of(ExitCode.DEVICE_FAULT); // the host's record is not there: docs/records.md
        }
        if (e instanceof SubjectInSession) {
            err.println("refused: " + e.getMessage());
            return OptionalInt.of(ExitCode.SAFETY_REFUSED); // a safety refusal before anything is armed
        }
        if (e instanceof RecordException record && record.unreachable()) {
            err.println("error: the site's records are out of reach: " + e.getMessage() + ". Nothing was armed; "
                    + "check the network and the PostgreSQL server");
            return OptionalInt.of(ExitCode.DEVICE_FAULT);
        }
        if (e instanceof RecordsLocationRefused) {
            err.println("error: " + e.getMessage());
            return OptionalInt.of(ExitCode.BAD_INPUT);
        }
        if (e instanceof RecordException) {
            err.println("error: the record store failed: " + e.getMessage() + ". Check free disk space; fired pulses "
                    + "stay in the fire journal");
            return OptionalInt.of(ExitCode.INTERLOCK_ABORT);
        }
        if (e instanceof IOException) {
            err.println("error: " + e.getMessage());
            return OptionalInt.of(ExitCode.BAD_INPUT);
        }
        return OptionalInt.empty();
    }
}
