package org.tmshost.console;

import org.tmshost.record.SessionRow;
import org.tmshost.report.SessionReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The record from the console: {@code sessions} (the list, or one in full) and a session's HTML {@code report}. */
final class RecordCommands {
    private final ConsoleState state;
    private final ConsoleIo io;

    RecordCommands(ConsoleState state) {
        this.state = state;
        this.io = state.io;
    }

    int sessions(List<String> args, boolean json, boolean attempts) {
        if (args == null || args.isEmpty()) {
            return SessionListing.list(state.host.store(), new SessionListing.View(json, attempts, state.host.times()),
                    io.out());
        }
        if (args.size() != 2 || !args.get(0).equals("show")) {
            return io.bad("sessions [--attempts] [--json] or sessions show ID [--json]");
        }
        Optional<SessionRow> row = sessionRow(args.get(1));
        return row.map(r -> SessionListing.show(state.host.store(), r, json, state.host.times(), io.out()))
                .orElse(ExitCode.BAD_INPUT);
    }

    int report(String id, Path output) throws IOException {
        String which = id != null ? id : state.session == null ? null : Long.toString(state.session.id());
        if (which == null) {
            return io.bad("no session in this console yet: report ID");
        }
        Optional<SessionRow> row = sessionRow(which);
        if (row.isEmpty()) {
            return ExitCode.BAD_INPUT;
        }
        Path file = output != null ? output : Path.of("session-" + row.get().id() + ".html");
        Files.writeString(file, SessionReport.render(state.host.store(), row.get()), StandardCharsets.UTF_8);
        io.out().println("report: " + file);
        return ExitCode.OK;
    }

    private Optional<SessionRow> sessionRow(String id) {
        try {
            Optional<SessionRow> row = state.host.store().session(Long.parseLong(id));
            if (row.isEmpty()) {
                io.bad("no session " + id + " in the record; 'sessions' lists them");
            }
            return row;
        } catch (NumberFormatException e) {
            io.bad("a session id is a number, not '" + id + "'");
            return Optional.empty();
        }
    }
}
