package org.tmshost.console;

import org.tmshost.device.DeviceFault;
import org.tmshost.record.RecordException;
import org.tmshost.record.RecordsLocationRefused;
import org.tmshost.record.RecordsLocation;
import org.tmshost.record.SubjectInSession;
import org.tmshost.record.TmsHome;
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
        if (e instanceof RecordsLocationRefused) {
            err.println("error: " + e.getMessage());
            return OptionalInt.of(ExitCode.BAD_INPUT);
        }
        if (e instanceof RecordException record) {
            return OptionalInt.of(recordFailure(record, TmsHome.resolve(), err));
        }
        if (e instanceof IOException) {
            err.println("error: " + e.getMessage());
            return OptionalInt.of(ExitCode.BAD_INPUT);
        }
        return OptionalInt.empty();
    }

    /**
     * Says why the record store failed and returns the exit code: another host's session of the same
     * subject is a safety refusal (3); a site's server out of reach is a fault with nothing armed (4);
     * anything else (a full disk, a lock held too long) aborts (5), its pulses kept in the fire journal.
     */
    public static int recordFailure(RecordException e, TmsHome home, PrintWriter err) {
        if (e instanceof SubjectInSession) {
            err.println("refused: " + e.getMessage());
            return ExitCode.SAFETY_REFUSED;
        }
        if (e.unreachable()) {
            err.println("error: the site's records are out of reach: " + e.getMessage() + ". Arming needs them (the "
                    + "dose ledger must be current): check the network and the PostgreSQL server; fired pulses stay "
                    + "in the fire journal under " + home.journals());
            return ExitCode.DEVICE_FAULT;
        }
        err.println("error: the record store failed: " + e.getMessage() + ". Check free disk space and that no other "
                + "program holds " + where(home) + "; fired pulses stay in the fire journal under " + home.journals());
        return ExitCode.INTERLOCK_ABORT;
    }

    private static String where(TmsHome home) {
        try {
            return RecordsLocation.resolve(home, System.getProperty(RecordsLocation.PROPERTY), System.getenv()).describe();
        } catch (RecordsLocationRefused e) {
            return home.database().toString();
        }
    }
}
