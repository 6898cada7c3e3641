package org.tmshost.cli;

import org.tmshost.console.ExitCode;
import org.tmshost.profile.SiteLimits;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.session.AuthenticatedUser;
import org.tmshost.session.Role;
import org.tmshost.session.SiteUsers;
import org.tmshost.session.UserAudit;
import org.tmshost.yaml.ContentDigest;
import org.tmshost.yaml.DataFileText;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.PrintableText;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@code profiles install} and {@code policy install} share: the file's text, a supervisor's
 * credentials (the password asked without echo, or one line of standard input), the copy into the
 * site and the record of who installed what, when, with the text.
 */
final class LimitsInstaller {
    /** What to install once the file has been validated. */
    interface Install {
        SiteLimits into(SiteLimits site, String supervisor, Instant at) throws IOException;
    }

    private LimitsInstaller() {
    }

    static String read(Path file, String what) throws InvalidFileException {
        return DataFileText.read(file, what, DataFileText.MAX_BYTES);
    }

    /**
     * Authenticates {@code supervisor}, installs, records.
     *
     * @return the exit code: 0, or 2 when the credentials are refused
     */
    static int install(String kind, String name, Path source, String text, SupervisorCredentials supervisor,
                       Install install, PrintWriter out, PrintWriter err) throws IOException {
        String supervisorName;
        TmsHome home = TmsHome.resolve();
        char[] password = supervisor.password();
        Instant now = Instant.now();
        try (RecordStore store = RecordStore.open(home)) {
            Optional<AuthenticatedUser> user;
            try {
                // a wrong password is audited and counts towards the lock, as at every sign-in
                user = SiteUsers.of(home, store, UserAudit.into(store))
                        .authenticate(supervisor.name, password, "install a " + kind);
            } finally {
                SiteUsers.wipe(password);
            }
            if (user.isEmpty() || user.get().role() != Role.SUPERVISOR) {
                err.println("error: installing a " + kind + " needs a supervisor's name and password: "
                        + (user.isEmpty() ? "wrong name or password for '" + PrintableText.escaped(supervisor.name) + "'"
                        : user.get().name() + " is not a supervisor") + "; nothing was installed");
                return ExitCode.BAD_INPUT;
            }
            supervisorName = user.get().name();
            // recorded first: an installation the record does not hold must never be in force
            store.recordLimitInstall(kind, name, ContentDigest.sha256(text), text, source.toString(),
                    supervisorName, now);
        }
        install.into(SiteLimits.current(), supervisorName, now);
        out.println(kind + " " + PrintableText.escaped(name) + " installed by " + supervisorName + " (SHA-256 "
                + ContentDigest.sha256(text) + ")");
        return ExitCode.OK;
    }
}
