package org.tmshost.session;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.console.ExitCode;
import org.tmshost.record.HostName;
import org.tmshost.record.RecordStore;
import org.tmshost.record.RecordsLocation;
import org.tmshost.record.TmsHome;
import org.tmshost.record.UserChangeRow;
import org.tmshost.testing.PostgresServer;
import org.tmshost.testing.TmsHostCli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 18: on a site database the users and roles are the site's ({@code site_users}), shared by
 * its hosts, on a real PostgreSQL server. A user added on one host signs in and approves on another;
 * failed sign-ins on every host add up to one lock that holds on all; the site's first user is added
 * without credentials on one host only, however the hosts race; the last supervisor stays one across
 * hosts; every audit row names its host. A home with its own SQLite file keeps users.yaml, and a
 * users.yaml brought to a site is never merged.
 */
@Tag("unit")
class SiteUsersAcrossHostsTest {
    private static final String SUP_PW = "supervisor-pass";
    private static final String OP_PW = "operator-pass";
    private static final String NEEDS_OVERRIDE = TmsHostCli.NEEDS_OVERRIDE_TRAIN;

    @TempDir
    Path dir;
    private String database;
    private RecordsLocation site;
    private final List<RecordStore> opened = new ArrayList<>();

    @BeforeEach
    void newSite() {
        database = PostgresServer.shared().createDatabase("users");
        site = RecordsLocation.parse(PostgresServer.shared().url(database));
    }

    @AfterEach
    void closeHosts() {
        opened.forEach(RecordStore::close);
        System.clearProperty(HostName.PROPERTY);
    }

    /** A host of the site: its own home and name, the shared database. */
    private RecordStore host(String name) throws Exception {
        System.setProperty(HostName.PROPERTY, name);
        RecordStore store = RecordStore.open(new TmsHome(Files.createDirectories(dir.resolve(name))), site, Map.of());
        opened.add(store);
        return store;
    }

    /** The users as {@code store}'s host sees them, auditing as that host; few PBKDF2 iterations (a test). */
    private SiteUsers users(RecordStore store) throws Exception {
        return SiteUsers.of(new TmsHome(dir.resolve(store.host())), store, 1_000,
                UserAudit.into(store, InstantSource.system(), store.host()));
    }

    private static char[] pw(String password) {
        return password.toCharArray();
    }

    private static Optional<AuthenticatedUser> as(SiteUsers users, String name, String password) throws Exception {
        return users.authenticate(name, pw(password));
    }

    /** sup, the site's first user, and op1, added by sup, both on {@code store}'s host. */
    private void siteUsers(RecordStore store) throws Exception {
        SiteUsers users = users(store);
        users.changes().add("sup", Role.SUPERVISOR, pw(SUP_PW), Optional.empty());
        users.changes().add("op1", Role.OPERATOR, pw(OP_PW), as(users, "sup", SUP_PW));
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(PostgresServer.shared().jdbcUrl(database));
             Statement st = c.createStatement()) {
            st.executeUpdate(statement);
        }
    }

    @Test
    void aUserAddedOnOneHostSignsInAndChangesUsersOnAnother() throws Exception {
        RecordStore a = host("stim-a");
        RecordStore b = host("stim-b");
        siteUsers(a);

        SiteUsers onB = users(b);
        assertThat(as(onB, "sup", SUP_PW)).hasValueSatisfying(u -> assertThat(u.role()).isEqualTo(Role.SUPERVISOR));
        assertThat(as(onB, "op1", OP_PW)).hasValueSatisfying(u -> assertThat(u.role()).isEqualTo(Role.OPERATOR));
        assertThat(onB.operatorRefusal("op1")).isEmpty();
        assertThat(onB.operatorRefusal("op9")).hasValueSatisfying(why -> assertThat(why).contains("not a site user"));
        onB.changes().add("op2", Role.OPERATOR, pw("op2-password"), as(onB, "sup", SUP_PW));

        SiteUsers onA = users(a);
        assertThat(onA.describe()).as("in the order they were added, on any host")
                .containsExactly("sup supervisor", "op1 operator", "op2 operator");
        assertThat(as(onA, "op2", "op2-password")).isPresent();
        assertThatThrownBy(() -> onA.changes().add("op2", Role.SUPERVISOR, pw("taken-over"), as(onA, "sup", SUP_PW)))
                .isInstanceOf(UserChangeRefused.class).hasMessageContaining("already a user (operator)");
        assertThat(as(users(b), "op2", "op2-password")).as("nothing replaced").isPresent();
        assertThat(users(b).where()).contains("the site's users").contains(database).doesNotContain("users.yaml");
        assertThat(dir.resolve("stim-a").resolve("users.yaml")).doesNotExist();
        assertThat(dir.resolve("stim-b").resolve("users.yaml")).doesNotExist();
    }

    /** Through the command line, as two hosts run it: sup added on host A approves a session's override on host B. */
    @Test
    void aSupervisorAddedOnHostAApprovesOverridesOnHostB() throws Exception {
        Path homeA = Files.createDirectories(dir.resolve("stim-a"));
        Path homeB = Files.createDirectories(dir.resolve("stim-b"));
        assertThat(tmshost("stim-a", homeA, SUP_PW + "\n", "users", "add", "sup", "--role", "supervisor")).isZero();
        assertThat(tmshost("stim-a", homeA, SUP_PW + "\n" + OP_PW + "\n", "users", "add", "op1", "--role", "operator",
                "--as", "sup")).isZero();

        try (TmsHostCli cli = onHost("stim-b", homeB)) {
            Path protocol = Files.writeString(homeB.resolve("long.yaml"), NEEDS_OVERRIDE);
            assertThat(cli.run("", "users", "list")).isZero();
            assertThat(cli.out()).isEqualTo("sup supervisor\nop1 operator\n");
            assertThat(cli.run(SUP_PW + "\n", "run", protocol.toString(), "--device", "sim:simulator", "--profile",
                    cli.relaxedSimulatorProfile().toString(), "--rmt", "50", "--mt-method", "emg", "--subject", "s1",
                    "--operator", "op1", "--yes", "--approve-as", "sup", "--reason", "ethics approval 12"))
                    .as(cli.err()).isZero();
        }
        try (RecordStore a = host("stim-a")) {
            opened.remove(a);
            assertThat(a.allSessions()).singleElement().satisfies(s -> assertThat(s.deliveredPulses()).isEqualTo(60));
            long session = a.allSessions().get(0).id();
            assertThat(a.overrides(session)).isNotEmpty()
                    .allSatisfy(o -> assertThat(o.approvedBy()).isEqualTo("sup"));
        }
    }

    private int tmshost(String host, Path home, String stdin, String... args) {
        try (TmsHostCli cli = onHost(host, home)) {
            int code = cli.run(stdin, args);
            assertThat(cli.out() + cli.err()).doesNotContain(SUP_PW).doesNotContain(OP_PW);
            return code;
        }
    }

    /** The command line of {@code host}, whose home is {@code home} and whose records are the site's. */
    private TmsHostCli onHost(String host, Path home) {
        System.setProperty(HostName.PROPERTY, host);
        TmsHostCli cli = new TmsHostCli(home); // restores the records property when closed
        System.setProperty(RecordsLocation.PROPERTY, site.describe());
        return cli;
    }

    @Test
    void failedSignInsOnTwoHostsAddUpToALockThatHoldsOnEveryHostAndTheAuditNamesEachHost() throws Exception {
        RecordStore a = host("stim-a");
        RecordStore b = host("stim-b");
        siteUsers(a);
        users(a).changes().add("sup2", Role.SUPERVISOR, pw("sup2-password"), as(users(a), "sup", SUP_PW));

        for (int i = 0; i < 3; i++) {
            assertThat(as(users(a), "sup", "a-wrong-guess")).isEmpty();
        }
        assertThat(users(b).describe()).contains("sup supervisor  (3 failed sign-ins in a row)");
        assertThat(as(users(b), "sup", "a-wrong-guess")).isEmpty();
        assertThat(users(b).locked("sup")).isFalse();
        assertThat(as(users(b), "sup", "a-wrong-guess")).isEmpty();
        assertThat(users(a).locked("sup")).as("3 on A and 2 on B are 5 in a row").isTrue();
        assertThat(as(users(a), "sup", SUP_PW)).as("the lock holds on A").isEmpty();
        assertThat(as(users(b), "sup", SUP_PW)).as("and on B").isEmpty();

        users(b).changes().unlock("sup", as(users(b), "sup2", "sup2-password"));
        assertThat(as(users(a), "sup", SUP_PW)).as("unlocked on B, signs in on A").isPresent();

        List<UserChangeRow> audit = a.userChanges();
        assertThat(audit).filteredOn(r -> r.action().equals("ADDED")).extracting(UserChangeRow::host)
                .containsOnly("stim-a");
        assertThat(audit).filteredOn(r -> r.action().equals("SIGN_IN_FAILED")).extracting(UserChangeRow::host)
                .containsExactly("stim-a", "stim-a", "stim-a", "stim-b", "stim-b", "stim-a", "stim-b");
        assertThat(audit).filteredOn(r -> r.action().equals("SIGN_IN_FAILED")).extracting(UserChangeRow::detail)
                .startsWith("wrong password (1 of 5 in a row); for: sign in")
                .contains("wrong password (5 of 5 in a row); for: sign in", "account locked; for: sign in");
        assertThat(audit).filteredOn(r -> r.action().equals("LOCKED")).singleElement()
                .satisfies(r -> assertThat(r.host()).isEqualTo("stim-b"));
        assertThat(audit).filteredOn(r -> r.action().equals("UNLOCKED")).singleElement()
                .satisfies(r -> assertThat(r.host()).isEqualTo("stim-b"));
        assertThat(b.userChanges()).as("one audit, read on any host").isEqualTo(audit);
    }

    /** Wrong guesses racing on two hosts: every one counted, the account locked once, at exactly five. */
    @Test
    void failedSignInsRacingOnTwoHostsAreEachCountedAndLockOnce() throws Exception {
        RecordStore[] hosts = {host("stim-a"), host("stim-b")};
        siteUsers(hosts[0]);
        for (int round = 0; round < 5; round++) {
            int before = hosts[0].userChanges().size();
            CyclicBarrier start = new CyclicBarrier(2);
            List<Callable<Integer>> guesses = new ArrayList<>();
            for (RecordStore store : hosts) {
                guesses.add(() -> {
                    SiteUsers users = users(store);
                    start.await();
                    int failed = 0;
                    for (int i = 0; i < 4; i++) {
                        failed += as(users, "sup", "a-wrong-guess").isEmpty() ? 1 : 0;
                    }
                    return failed;
                });
            }
            race(guesses);
            List<UserChangeRow> all = hosts[0].userChanges();
            List<UserChangeRow> audit = all.subList(before, all.size());
            assertThat(audit).filteredOn(r -> r.action().equals("SIGN_IN_FAILED") && r.detail().startsWith("wrong password"))
                    .as("round %d: five wrong passwords counted, the rest refused as locked", round).hasSize(5);
            assertThat(audit).filteredOn(r -> r.action().equals("SIGN_IN_FAILED") && r.detail().startsWith("account locked"))
                    .hasSize(3);
            assertThat(audit).filteredOn(r -> r.action().equals("LOCKED")).hasSize(1);
            assertThat(users(hosts[1]).describe()).contains("sup supervisor  LOCKED after 5 failed sign-ins");
            sql("UPDATE site_users SET failed_sign_ins = 0, locked = 0");
        }
    }

    @Test
    void theSitesFirstUserNeedsNoCredentialsOnOneHostOnlyAndAnOperatorIsNeverFirst() throws Exception {
        RecordStore a = host("stim-a");
        RecordStore b = host("stim-b");
        assertThatThrownBy(() -> users(b).changes().add("op1", Role.OPERATOR, pw(OP_PW), Optional.empty()))
                .isInstanceOf(UserChangeRefused.class).hasMessageContaining("first user of a site is a supervisor");
        users(a).changes().add("sup", Role.SUPERVISOR, pw(SUP_PW), Optional.empty());
        assertThatThrownBy(() -> users(b).changes().add("sup-b", Role.SUPERVISOR, pw("taken-over"), Optional.empty()))
                .as("the site has its first user, added on another host").isInstanceOf(UserChangeRefused.class)
                .hasMessageContaining("--as SUPERVISOR");
        assertThat(users(b).describe()).containsExactly("sup supervisor");

        sql("DELETE FROM site_users");
        for (int round = 0; round < 20; round++) {
            CyclicBarrier start = new CyclicBarrier(2);
            List<Callable<Boolean>> firsts = new ArrayList<>();
            for (RecordStore store : List.of(a, b)) {
                String name = "first-" + store.host();
                firsts.add(() -> {
                    UserChanges changes = users(store).changes();
                    start.await();
                    try {
                        changes.add(name, Role.SUPERVISOR, pw("first-password"), Optional.empty());
                        return true;
                    } catch (UserChangeRefused e) {
                        assertThat(e).hasMessageContaining("--as SUPERVISOR");
                        return false;
                    }
                });
            }
            assertThat(race(firsts)).as("round %d: one first user", round).containsExactlyInAnyOrder(true, false);
            assertThat(users(a).describe()).as("round %d", round).hasSize(1);
            sql("DELETE FROM site_users");
        }
    }

    /** Two supervisors demoting each other on two hosts at once: one is refused, the site keeps a supervisor. */
    @Test
    void theLastSupervisorStaysOneWhenTwoHostsChangeSupervisorsAtOnce() throws Exception {
        RecordStore a = host("stim-a");
        RecordStore b = host("stim-b");
        users(a).changes().add("sup", Role.SUPERVISOR, pw(SUP_PW), Optional.empty());
        for (int round = 0; round < 10; round++) {
            users(a).changes().add("sup2", Role.SUPERVISOR, pw("sup2-password"), as(users(a), "sup", SUP_PW));
            CyclicBarrier start = new CyclicBarrier(2);
            Callable<Boolean> aRemovesSup2 = () -> changed(() -> {
                SiteUsers users = users(a);
                Optional<AuthenticatedUser> sup = as(users, "sup", SUP_PW);
                start.await();
                users.changes().remove("sup2", sup);
            });
            Callable<Boolean> bDemotesSup = () -> changed(() -> {
                SiteUsers users = users(b);
                Optional<AuthenticatedUser> sup2 = as(users, "sup2", "sup2-password");
                start.await();
                users.changes().changeRole("sup", Role.OPERATOR, sup2);
            });
            List<Boolean> done = race(List.of(aRemovesSup2, bDemotesSup));
            assertThat(done).as("round %d", round).containsExactlyInAnyOrder(true, false);
            assertThat(users(a).describe()).as("round %d: one supervisor left", round)
                    .filteredOn(line -> line.contains(" supervisor")).hasSize(1);
            sql("DELETE FROM site_users WHERE name = 'sup2'");
            sql("UPDATE site_users SET role = 'supervisor' WHERE name = 'sup'");
        }
    }

    private interface Change {
        void run() throws Exception;
    }

    private static boolean changed(Change change) throws Exception {
        try {
            change.run();
            return true;
        } catch (UserChangeRefused e) {
            assertThat(e.getMessage()).containsAnyOf("last supervisor", "not a supervisor", "no user");
            return false;
        }
    }

    private static <T> List<T> race(List<Callable<T>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(work)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A home that kept users.yaml joins a site without users: told, never merged, operators refused until the site has users. */
    @Test
    void aUsersFileBroughtToASiteWithoutUsersIsNamedNotMergedAndRefusesOperators() throws Exception {
        Path home = Files.createDirectories(dir.resolve("stim-a"));
        try (RecordStore own = RecordStore.open(new TmsHome(home).database())) {
            SiteUsers users = SiteUsers.of(new TmsHome(home), own, 1_000, UserAudit.into(own));
            users.changes().add("sup", Role.SUPERVISOR, pw(SUP_PW), Optional.empty());
            assertThat(users.where()).isEqualTo(new TmsHome(home).usersFile().toString());
            assertThat(users.unusedUsersFile()).isEmpty();
        }
        String file = Files.readString(new TmsHome(home).usersFile());

        RecordStore a = host("stim-a");
        SiteUsers onSite = users(a);
        assertThat(onSite.isEmpty()).isTrue();
        assertThat(as(onSite, "sup", SUP_PW)).as("users.yaml signs no one in on the site").isEmpty();
        assertThat(onSite.unusedUsersFile()).hasValueSatisfying(why -> assertThat(why)
                .contains("users.yaml is not used").contains("the site's users").contains("none yet")
                .contains("tmshost users add").contains("not merged"));
        assertThat(onSite.operatorRefusal("anyone")).as("the home had users: no operator is taken on trust")
                .isEqualTo(onSite.unusedUsersFile());

        onSite.changes().add("sup", Role.SUPERVISOR, pw("site-password"), Optional.empty());
        assertThat(users(a).unusedUsersFile()).isEmpty();
        assertThat(users(a).operatorRefusal("sup")).isEmpty();
        assertThat(Files.readString(new TmsHome(home).usersFile())).as("users.yaml left as it was").isEqualTo(file);
    }

    /** The same home with its own SQLite records keeps users.yaml and writes nothing into site_users. */
    @Test
    void aHomeWithItsOwnRecordsKeepsItsUsersFile() throws Exception {
        Path home = Files.createDirectories(dir.resolve("solo"));
        try (RecordStore own = RecordStore.open(new TmsHome(home).database())) {
            assertThat(own.shared()).isFalse();
            SiteUsers users = SiteUsers.of(new TmsHome(home), own, 1_000, UserAudit.into(own));
            users.changes().add("sup", Role.SUPERVISOR, pw(SUP_PW), Optional.empty());
            assertThat(Files.readString(new TmsHome(home).usersFile())).contains("sup:").contains("salt:")
                    .doesNotContain(SUP_PW);
            assertThat(own.siteUsers()).isEmpty();
        }
    }
}
