package org.tmshost.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The site's users and roles: a home's own {@code $TMSHOST_HOME/users.yaml}, or, when its records
 * are a site database, the site's {@code site_users}, shared by every host of the site (issue 18;
 * {@link #of}). Passwords are stored only as salted PBKDF2-HMAC-SHA512 hashes ({@link PasswordHash};
 * {@value #DEFAULT_ITERATIONS} iterations by default, OWASP 2023), each entry carrying its own
 * iteration count so it can be raised later. The file is written atomically and, where the file
 * system allows, readable by its owner only.
 *
 * <p>Every failed sign-in is audited; {@value #MAX_FAILED_SIGN_INS} in a row lock the account (its
 * entry keeps the count and the lock, so both survive a restart and every sign-in reads them; on a
 * site the failures on every host add up and the lock holds on all) until a supervisor unlocks it.
 * Changes go through {@link #changes()}, which applies the four-eyes rules.
 *
 * <pre>{@code
 * SiteUsers users = SiteUsers.of(home, store, UserAudit.into(store));
 * users.changes().add("ana", Role.SUPERVISOR, password, Optional.empty());   // the site's first user
 * Optional<AuthenticatedUser> ana = users.authenticate("ana", password, "approve overrides");
 * }</pre>
 */
public final class SiteUsers {
    public static final int DEFAULT_ITERATIONS = 210_000;
    /** Failed sign-ins in a row that lock an account. */
    public static final int MAX_FAILED_SIGN_INS = 5;

    /** One stored user, as in the file; {@code failedSignIns} counts failures since the last success. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    record Entry(@JsonProperty("role") String role, @JsonProperty("salt") String salt,
                 @JsonProperty("iterations") int iterations, @JsonProperty("hash") String hash,
                 @JsonProperty("failedSignIns") int failedSignIns, @JsonProperty("locked") boolean locked) {
        Role parsedRole() {
            return Role.valueOf(role.toUpperCase(Locale.ROOT));
        }
    }

    private final UserEntries entries;
    private final int iterations;
    private final UserAudit audit;
    private final Optional<Path> unusedFile;

    private SiteUsers(UserEntries entries, int iterations, UserAudit audit, Optional<Path> unusedFile) {
        this.entries = entries;
        this.iterations = iterations;
        this.audit = Objects.requireNonNull(audit, "audit");
        this.unusedFile = unusedFile;
    }

    /**
     * The users of {@code home} whose records are {@code store}: the site's ({@code site_users})
     * when the store is a site database, else the home's {@code users.yaml}; auditing into {@code audit}.
     */
    public static SiteUsers of(TmsHome home, RecordStore store, UserAudit audit) throws IOException {
        return of(home, store, DEFAULT_ITERATIONS, audit);
    }

    /** As {@link #of(TmsHome, RecordStore, UserAudit)}, hashing new passwords with {@code iterations} (tests use fewer). */
    public static SiteUsers of(TmsHome home, RecordStore store, int iterations, UserAudit audit) throws IOException {
        if (!store.shared()) {
            return load(home.usersFile(), iterations, audit);
        }
        // a users.yaml the home kept from before it joined the site is never merged into the site's users
        Path file = home.usersFile();
        return new SiteUsers(new SiteDatabaseUsers(store, audit), iterations, audit,
                Files.exists(file) ? Optional.of(file) : Optional.empty());
    }

    /** The users file, auditing into {@code audit}; a missing file is an empty site. */
    public static SiteUsers load(Path file, UserAudit audit) throws IOException {
        return load(file, DEFAULT_ITERATIONS, audit);
    }

    /** As {@link #load(Path, UserAudit)}, hashing new passwords with {@code iterations} (tests use fewer). */
    public static SiteUsers load(Path file, int iterations, UserAudit audit) throws IOException {
        return new SiteUsers(UsersFile.load(file), iterations, audit, Optional.empty());
    }

    /** Adding, resetting, re-roling, removing and unlocking users, under the four-eyes rules. */
    public UserChanges changes() {
        return new UserChanges(this);
    }

    /**
     * The user, if the name exists, the account is not locked, its hash has at least the work factor
     * in force (an entry edited down to {@code iterations: 1} signs no one in) and the password
     * matches (constant-time comparison). A failure is audited with {@code purpose}; a wrong password
     * counts towards the lock, a success resets the count.
     *
     * @param purpose what the sign-in is for, recorded with a failure (e.g. "approve overrides")
     */
    public Optional<AuthenticatedUser> authenticate(String name, char[] password, String purpose) throws IOException {
        Entry entry = entries.get(name).orElse(null);
        if (entry == null) {
            return failed(name, "unknown user", purpose);
        }
        if (entry.locked()) {
            return failed(name, "account locked", purpose);
        }
        if (entry.iterations() < iterations) {
            return failed(name, "password hash below the work factor in force (" + entry.iterations() + " < "
                    + iterations + " iterations)", purpose);
        }
        if (!PasswordHash.matches(password, entry.salt(), entry.hash(), entry.iterations())) {
            Optional<Entry> after = entries.signIn(name, true, MAX_FAILED_SIGN_INS);
            if (after.isEmpty()) { // locked or removed on another host since it was read
                return failed(name, entries.get(name).isPresent() ? "account locked" : "unknown user", purpose);
            }
            int failures = after.get().failedSignIns();
            failed(name, "wrong password (" + failures + " of " + MAX_FAILED_SIGN_INS + " in a row)", purpose);
            if (after.get().locked()) {
                audit.record(name, name, UserAction.LOCKED, "after " + MAX_FAILED_SIGN_INS
                        + " failed sign-ins in a row; a supervisor unlocks it");
            }
            return Optional.empty();
        }
        if (entry.failedSignIns() > 0 && entries.signIn(name, false, MAX_FAILED_SIGN_INS).isEmpty()) {
            return failed(name, "account locked", purpose); // on another host, since it was read
        }
        return Optional.of(new AuthenticatedUser(name, entry.parsedRole()));
    }

    /** As {@link #authenticate(String, char[], String)} for a plain sign-in. */
    public Optional<AuthenticatedUser> authenticate(String name, char[] password) throws IOException {
        return authenticate(name, password, "sign in");
    }

    private Optional<AuthenticatedUser> failed(String name, String why, String purpose) {
        audit.record(name, name, UserAction.SIGN_IN_FAILED, why + "; for: " + purpose);
        return Optional.empty();
    }

    /** Whether {@code name}'s account is locked by failed sign-ins. */
    public boolean locked(String name) {
        return entries.get(name).map(Entry::locked).orElse(false);
    }

    /** Names and roles, in the order they were added, with the lock or failed sign-ins where there are any. */
    public List<String> describe() {
        var lines = new ArrayList<String>();
        entries.all().forEach((name, entry) -> lines.add(name + " " + entry.role() + (entry.locked()
                ? "  LOCKED after " + entry.failedSignIns() + " failed sign-ins"
                : entry.failedSignIns() > 0 ? "  (" + entry.failedSignIns() + " failed sign-ins in a row)" : "")));
        return lines;
    }

    public boolean isEmpty() {
        return entries.all().isEmpty();
    }

    /** Where the users are, as a person reads it: the users file, or the site database. */
    public String where() {
        return entries.where();
    }

    /**
     * On a site database that has no users yet, while this home still has a {@code users.yaml} of
     * its own (from before it joined the site): that the file is not used and what to do instead.
     */
    public Optional<String> unusedUsersFile() {
        if (unusedFile.isEmpty() || !isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("this host's " + unusedFile.get() + " is not used: the users are the site's ("
                + entries.where() + "), which has none yet; a supervisor adds them on the site with 'tmshost "
                + "users add' (the file's users are not merged into the site's; it is left as it was)");
    }

    /**
     * Why {@code id} may not operate here: once a site has users, its operator is one of them (a
     * non-user once ran a session); a site with none records the id as given. A site database with
     * no users yet, joined by a home that had users of its own, refuses every operator until a
     * supervisor adds the site's: the home's users are not dropped silently.
     */
    public Optional<String> operatorRefusal(String id) {
        Map<String, Entry> users = entries.all();
        if (users.isEmpty()) {
            return unusedUsersFile();
        }
        if (users.containsKey(id)) {
            return Optional.empty();
        }
        return Optional.of("'" + id + "' is not a site user; a supervisor adds operators with 'tmshost users add'");
    }

    public Optional<Role> roleOf(String name) {
        return entries.get(name).map(Entry::parsedRole);
    }

    /** How many users have {@code role}. */
    int count(Role role) {
        return (int) entries.all().values().stream().filter(e -> e.parsedRole() == role).count();
    }

    /** Adds the site's first user: false, and nothing written, if the site has a user by now (another host's). */
    boolean addFirst(String name, Role role, char[] password) throws IOException {
        return entries.add(name, newEntry(role, password), true);
    }

    /** Adds {@code name}: false, and nothing written, if the name is a user by now. */
    boolean add(String name, Role role, char[] password) throws IOException {
        return entries.add(name, newEntry(role, password), false);
    }

    /** Sets a new password, clearing failed sign-ins and any lock; false if there is no such user. */
    boolean setPassword(String name, char[] password) throws IOException {
        String[] saltAndHash = PasswordHash.create(password, iterations);
        return entries.setPassword(name, saltAndHash[0], iterations, saltAndHash[1]);
    }

    /** False if there is no such user, or it would leave the site without a supervisor. */
    boolean setRole(String name, Role role) throws IOException {
        return entries.setRole(name, role);
    }

    boolean unlock(String name) throws IOException {
        return entries.unlock(name);
    }

    /** False if there is no such user, or it is the site's last supervisor. */
    boolean delete(String name) throws IOException {
        return entries.remove(name);
    }

    private Entry newEntry(Role role, char[] password) {
        String[] saltAndHash = PasswordHash.create(password, iterations);
        return new Entry(roleName(role), saltAndHash[0], iterations, saltAndHash[1], 0, false);
    }

    static String roleName(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    UserAudit audit() {
        return audit;
    }

    /** Overwrites a password buffer once it is no longer needed. */
    public static void wipe(char[] password) {
        Arrays.fill(password, '\0');
    }
}
