package org.tmshost.session;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@link SiteUsers} reads and writes its entries: a home's {@code users.yaml} ({@link UsersFile})
 * or a site database's {@code site_users} ({@link SiteDatabaseUsers}, issue 18). The rules stay in
 * {@link SiteUsers} and {@link UserChanges}; a write that returns false found the entries changed
 * since they were read (another host of the site got there first), and wrote nothing.
 */
interface UserEntries {
    /** Every entry, read now, in the order the users were added. */
    Map<String, SiteUsers.Entry> all();

    /** {@code name}'s entry, read now. */
    Optional<SiteUsers.Entry> get(String name);

    /** Adds {@code name}: false if the name exists or, when {@code onlyTheFirst}, there are users already. */
    boolean add(String name, SiteUsers.Entry entry, boolean onlyTheFirst) throws IOException;

    /** A new salt, hash and iteration count, clearing failed sign-ins and the lock; false if there is no such user. */
    boolean setPassword(String name, String salt, int iterations, String hash) throws IOException;

    /** A new role; false if there is no such user or (checked again on a site) it would leave no supervisor. */
    boolean setRole(String name, Role role) throws IOException;

    /** Clears the lock and the failed sign-ins; false if there is no such user. */
    boolean unlock(String name) throws IOException;

    /** Removes {@code name}; false if there is no such user or (checked again on a site) it is the last supervisor. */
    boolean remove(String name) throws IOException;

    /**
     * A sign-in's outcome, counted atomically: a failure adds one to the failed sign-ins in a row
     * and locks the account at {@code lockAt}, a success clears them. The entry after it, or empty
     * (nothing written) if the user is gone or locked by now.
     */
    Optional<SiteUsers.Entry> signIn(String name, boolean failed, int lockAt) throws IOException;

    /** Where the entries are, as a person reads it. */
    String where();
}
