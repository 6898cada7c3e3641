package org.tmshost.record;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.timing.FireJournal;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A missing, replaced or older database is noticed at start and before every session; no journal is
 * overwritten; ids never repeat once a home has given them (issue 14).
 */
@Tag("unit")
class StoreIdentityTest {
    private static final Instant MORNING = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path home;

    private Path db() {
        return new TmsHome(home).database();
    }

    private static NewSession session() {
        return new NewSession("s1", "op1", "itbs", "name: iTBS\n", "simulator", "p", "e", "sim:simulator", true,
                "PASS", 3);
    }

    private static NewHunt hunt() {
        return new NewHunt("s1", "op1", "RMT", "ML-PEST (Awiszus)", 50, "virtual", "simulator", "sim:simulator", true);
    }

    /** A home that has run sessions 1 and 2 (session 2 fired: its journal is in the home). */
    private String usedHome() throws Exception {
        try (RecordStore store = RecordStore.open(db())) {
            store.createSession(session(), MORNING);
            long second = store.createSession(session(), MORNING);
            store.startHunt(hunt(), MORNING);
            Files.createDirectories(new TmsHome(home).journals());
            FireJournal.mapped(new TmsHome(home).journalFor(second), 3, store.identity()).append(0, 0, 0, 40, 0);
            return store.identity();
        }
    }

    private void removeDatabase() throws Exception {
        for (String suffix : new String[]{"", "-wal", "-shm"}) {
            Files.deleteIfExists(home.resolve("records.db" + suffix));
        }
    }

    @Test
    void aDeletedDatabaseIsNoticedAtStartAndNoFreshOneIsCreated() throws Exception {
        usedHome();
        removeDatabase();
        assertThatThrownBy(() -> RecordStore.open(db())).isInstanceOf(StoreIdentityException.class)
                .hasMessageContaining("records.db is missing, but this home has had one")
                .hasMessageContaining("sessions up to 2").hasMessageContaining("1 fire journal(s)")
                .hasMessageContaining("tmshost records adopt");
        assertThat(db()).doesNotExist();
    }

    @Test
    void aHomeWithOnlyJournalsLeftIsStillAUsedHome() throws Exception {
        usedHome();
        removeDatabase();
        Files.delete(home.resolve("records.db.identity"));
        assertThatThrownBy(() -> RecordStore.open(db())).isInstanceOf(StoreIdentityException.class)
                .hasMessageContaining("is missing");
    }

    @Test
    void aDatabaseDeletedWhileOpenIsNoticedBeforeTheNextSessionOrHunt() throws Exception {
        try (RecordStore store = RecordStore.open(db())) {
            store.createSession(session(), MORNING);
            assertThat(store.lostOnDisk()).isEmpty();
            removeDatabase();
            assertThat(store.lostOnDisk()).get().asString().contains("was removed while tmshost had it open");
            assertThatThrownBy(() -> store.createSession(session(), MORNING)).isInstanceOf(StoreIdentityException.class)
                    .hasMessageContaining("was removed");
            assertThatThrownBy(() -> store.startHunt(hunt(), MORNING)).isInstanceOf(StoreIdentityException.class);
        }
    }

    @Test
    void aReplacedDatabaseIsRefused() throws Exception {
        usedHome();
        Path other = Files.createDirectories(home.resolve("elsewhere")).resolve("records.db");
        try (RecordStore store = RecordStore.open(other)) {
            store.createSession(session(), MORNING);
            store.createSession(session(), MORNING);
            store.startHunt(hunt(), MORNING);
        }
        removeDatabase();
        Files.copy(other, db(), StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> RecordStore.open(db())).isInstanceOf(StoreIdentityException.class)
                .hasMessageContaining("was replaced");
    }

    @Test
    void aDatabaseOlderThanItsHomeIsRefused() throws Exception {
        Path backup = home.resolve("backup.db");
        try (RecordStore store = RecordStore.open(db())) {
            store.createSession(session(), MORNING);
        }
        Files.copy(db(), backup);
        try (RecordStore store = RecordStore.open(db())) {
            store.createSession(session(), MORNING);
        }
        removeDatabase();
        Files.copy(backup, db());
        assertThatThrownBy(() -> RecordStore.open(db())).isInstanceOf(StoreIdentityException.class)
                .hasMessageContaining("older than its home").hasMessageContaining("given session 2");
    }

    @Test
    void idsNeverRepeatAfterTheDatabaseIsReplaced() throws Exception {
        String lost = usedHome();
        removeDatabase();
        assertThat(RecordStore.adopt(db())).contains("(it was store " + lost + ")")
                .contains("new sessions are numbered from 3, hunts from 2");
        try (RecordStore store = RecordStore.open(db())) {
            assertThat(store.identity()).isNotEqualTo(lost);
            assertThat(store.createSession(session(), MORNING)).isEqualTo(3);
            assertThat(store.startHunt(hunt(), MORNING)).isEqualTo(2);
        }
        assertThat(Files.readString(home.resolve("records.db.identity"))).contains("sessions=3").contains("hunts=2");
    }

    @Test
    void aJournalIsNeverOverwrittenAndNamesItsStore() throws Exception {
        String store = usedHome();
        Path journal = new TmsHome(home).journalFor(2);
        byte[] before = Files.readAllBytes(journal);
        assertThatThrownBy(() -> FireJournal.mapped(journal, 3, store)).isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> FireJournal.mapped(journal, 3)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(journal)).isEqualTo(before);
        assertThat(FireJournal.storeIdentityOf(journal)).isEqualTo(store);
        assertThat(FireJournal.open(journal).count()).isEqualTo(1);
    }
}
