package org.tmshost.cli;

import org.tmshost.record.RecordStore;
import org.tmshost.record.SessionsExport;
import org.tmshost.record.SubjectIdRefused;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;

/**
 * What {@code sessions export} was asked for: one session (ID) or a subject's sessions, CSV or JSON,
 * per pulse or per session. Every refusal is bad input (exit 2) naming the option and the value.
 */
record ExportRequest(Long sessionId, String subject, boolean csv, boolean summary, CommandSpec spec) {

    static ExportRequest of(Long sessionId, String subject, String format, boolean summary, CommandSpec spec) {
        if ((sessionId == null) == (subject == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), sessionId == null
                    ? "give a session ID or --subject SUBJECT" : "give a session ID or --subject SUBJECT, not both");
        }
        if (!format.equals("csv") && !format.equals("json")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format must be csv or json, not '"
                    + format + "'");
        }
        return new ExportRequest(sessionId, subject, format.equals("csv"), summary, spec);
    }

    /** The export's text; JSON ends with a line break as CSV does. */
    String text(RecordStore store, ZoneId zone) {
        SessionsExport export;
        if (sessionId != null) {
            export = SessionsExport.session(store, SessionsCommand.find(store, sessionId, spec), zone);
        } else {
            try {
                export = SessionsExport.subject(store, subject, zone);
            } catch (SubjectIdRefused e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--subject: " + e.getMessage());
            }
        }
        if (csv) {
            return summary ? export.summaryCsv() : export.pulsesCsv();
        }
        return (summary ? export.summaryJson() : export.sessionsJson()) + "\n";
    }

    /** Writes {@code text} to {@code file}; a failure names the file and the operating system's reason. */
    static void write(Path file, String text, CommandSpec spec) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--output " + file + ": cannot write it: "
                    + reason(e));
        }
    }

    /** The operating system's reason (permission denied, no such file or directory), else the exception's words. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "its directory does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
