package org.tmshost.record;

import org.tmshost.timing.FireJournal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which record database a home belongs to, kept beside it ({@code records.db.identity}, 0600): the
 * store's random identity (also in the database and in every fire journal's header) and the
 * highest session and hunt ids the home has given. With it a database that is missing, replaced, or
 * older than its home (restored from a backup) is recognised at start and before every session, and
 * a store made to replace a lost one gives ids above every id the home has seen, so no journal or
 * report is ever confused with another session's.
 */
final class StoreIdentity {
    /** The identity file's name beside a database named {@code db}. */
    static String fileName(String db) {
        return db + ".identity";
    }

    /** What the file holds. */
    record Marks(String store, long sessions, long hunts) {
    }

    /**
     * A journal in the home, by its name's session id. The store its header names is read only when
     * asked: at every open, only journals above the database's last session are read.
     */
    record Journal(Path file, long sessionId) {
        /** The store the header names; empty for a file tmshost cannot read as a journal. */
        Optional<String> store() {
            try {
                return Optional.of(FireJournal.storeIdentityOf(file));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    private static final Pattern JOURNAL = Pattern.compile("session-(\\d+)\\.journal");

    private final Path database;
    private final Path file;
    private final Path journals;

    StoreIdentity(Path database) {
        this.database = database.toAbsolutePath();
        this.file = this.database.resolveSibling(fileName(this.database.getFileName().toString()));
        this.journals = this.database.resolveSibling("journals");
    }

    Path file() {
        return file;
    }

    Path journalDirectory() {
        return journals;
    }

    Optional<Marks> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return Optional.of(new Marks(p.getProperty("store", ""), Long.parseLong(p.getProperty("sessions", "0").trim()),
                    Long.parseLong(p.getProperty("hunts", "0").trim())));
        } catch (IOException | NumberFormatException e) {
            throw new StoreIdentityException("cannot read " + file + ": " + e.getMessage() + "; it names the record "
                    + "database this home belongs to");
        }
    }

    /** Writes the file whole (a new file moved over the old one), owner-only. */
    void write(Marks marks) {
        String text = "# tmshost: the record database " + database.getFileName() + " this home belongs to, and the\n"
                + "# highest session and hunt ids it has given. Written by tmshost; do not edit or remove.\n"
                + "store=" + marks.store() + "\nsessions=" + marks.sessions() + "\nhunts=" + marks.hunts() + "\n";
        try {
            Path next = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".new", PrivateFiles.ownerOnly());
            Files.writeString(next, text, StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new RecordException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The home's journals, with the store each names (unreadable ones are left out). */
    List<Journal> journals() {
        var found = new ArrayList<Journal>();
        if (!Files.isDirectory(journals)) {
            return found;
        }
        try (Stream<Path> files = Files.list(journals)) {
            for (Path journal : (Iterable<Path>) files::iterator) {
                Matcher m = JOURNAL.matcher(journal.getFileName().toString());
                if (m.matches()) {
                    try {
                        found.add(new Journal(journal, Long.parseLong(m.group(1))));
                    } catch (NumberFormatException e) {
                        // a name beyond any id: not a journal tmshost wrote
                    }
                }
            }
        } catch (IOException e) {
            throw new RecordException("cannot list " + journals + ": " + e.getMessage(), e);
        }
        return found;
    }

    /** Refuses to create a database where the home shows it had one. */
    void refuseIfHomeUsed() {
        Optional<Marks> marks = read();
        List<Journal> journals = journals();
        if (marks.isEmpty() && journals.isEmpty()) {
            return;
        }
        throw new StoreIdentityException("the record database " + database + " is missing, but this home has had one ("
                + marks.map(m -> file.getFileName() + " names store " + m.store() + ", sessions up to " + m.sessions())
                .orElse("no identity file") + "; " + journals.size() + " fire journal(s) in " + this.journals
                + "). tmshost creates no new database over a used home. Restore " + database.getFileName()
                + " from your backup into " + database.getParent() + "; or, to start a new record here deliberately, "
                + "run 'tmshost records adopt' (its ids continue above every id this home has given; the journals are kept)");
    }

    /**
     * Checks an opened database against the home: the identity file names it, the home has given
     * no session or hunt id it lacks, and no journal of this store belongs to a session it lacks.
     */
    void check(String store, long maxSession, long maxHunt) {
        Optional<Marks> marks = read();
        String adopt = " Put back the right database, or run 'tmshost records adopt' to keep this one as the home's "
                + "record (ids continue above every id the home has given).";
        if (marks.isPresent() && !marks.get().store().equals(store)) {
            throw new StoreIdentityException("the record database " + database + " was replaced: it is store " + store
                    + ", but " + file.getFileName() + " and this home's journals belong to store " + marks.get().store()
                    + "." + adopt);
        }
        if (marks.isPresent() && (marks.get().sessions() > maxSession || marks.get().hunts() > maxHunt)) {
            throw new StoreIdentityException("the record database " + database + " is older than its home: it holds "
                    + "sessions up to " + maxSession + " and hunts up to " + maxHunt + ", but this home has given session "
                    + marks.get().sessions() + " and hunt " + marks.get().hunts() + " (restored from a backup?)." + adopt);
        }
        for (Journal journal : journals()) {
            if (journal.sessionId() > maxSession && journal.store().filter(store::equals).isPresent()) {
                throw new StoreIdentityException("the record database " + database + " lacks session "
                        + journal.sessionId() + ", whose fire journal " + journal.file() + " belongs to it." + adopt);
            }
        }
    }

    /** The highest session id the home has seen: the identity file's, and every journal's name. */
    long highestSession() {
        long high = read().map(Marks::sessions).orElse(0L);
        for (Journal journal : journals()) {
            high = Math.max(high, journal.sessionId());
        }
        return high;
    }

    long highestHunt() {
        return read().map(Marks::hunts).orElse(0L);
    }
}
