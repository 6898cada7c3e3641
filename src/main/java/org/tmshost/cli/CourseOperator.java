package org.tmshost.cli;

import org.tmshost.course.CourseInputRefused;
import org.tmshost.profile.SiteLimits;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.session.SiteUsers;
import org.tmshost.session.UserAudit;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.PrintableText;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.Optional;

/**
 * Who records a course change ({@code --operator}): as for {@code run}, a site user once the site has
 * users, signed in with their password where the site policy sets {@code operatorsAuthenticate}
 * (asked without echo on a terminal, else one line of standard input).
 */
final class CourseOperator {
    @Option(names = "--operator", paramLabel = "ID", required = true, description = "Who records this (recorded with "
            + "the change); a site user once the site has users, their password asked when the site policy sets "
            + "operatorsAuthenticate.")
    String name;

    /** Signs {@link #name} in to record course changes, or refuses (exit 2, nothing written). */
    void signIn(CourseAction.Desk desk) throws IOException, InvalidFileException, CourseInputRefused {
        Optional<String> refused = refusal(desk.home(), desk.store());
        if (refused.isPresent()) {
            throw new CourseInputRefused(refused.get());
        }
    }

    /** Why {@link #name} may not record course changes here, if they may not. */
    Optional<String> refusal(TmsHome home, RecordStore store) throws IOException, InvalidFileException {
        SiteUsers users = SiteUsers.of(home, store, UserAudit.into(store));
        Optional<String> notAUser = users.operatorRefusal(name);
        if (notAUser.isPresent()) {
            return Optional.of("--operator " + PrintableText.escaped(notAUser.get()));
        }
        if (!SafetyEnvelope.inForce(SiteLimits.current()).operatorsAuthenticate()) {
            return Optional.empty();
        }
        char[] password = Passwords.of(name);
        try {
            if (users.authenticate(name, password, "record course changes (site policy operatorsAuthenticate)")
                    .isEmpty()) {
                return Optional.of("--operator refused (the site policy asks operators to authenticate): unknown "
                        + "user, wrong password or a locked account for '" + PrintableText.escaped(name) + "' (audited)");
            }
            return Optional.empty();
        } finally {
            SiteUsers.wipe(password);
        }
    }
}
