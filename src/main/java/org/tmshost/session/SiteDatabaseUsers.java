package org.tmshost.session;

import org.tmshost.record.RecordStore;
import org.tmshost.record.SiteUserRow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A site's users in its site database ({@code site_users}, issue 18), shared by every host: read
 * afresh at every use, so a user added, locked or removed on one host is so on all; each write is
 * one transaction under the site's users' lock ({@link RecordStore#addSiteUser} and the rest).
 */
final class SiteDatabaseUsers implements UserEntries {
    private final RecordStore store;
    private final UserAudit clock;

    SiteDatabaseUsers(RecordStore store, UserAudit clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Map<String, SiteUsers.Entry> all() {
        Map<String, SiteUsers.Entry> users = new LinkedHashMap<>();
        store.siteUsers().forEach(row -> users.put(row.name(), entry(row)));
        return users;
    }

    @Override
    public Optional<SiteUsers.Entry> get(String name) {
        return store.siteUser(name).map(SiteDatabaseUsers::entry);
    }

    @Override
    public boolean add(String name, SiteUsers.Entry e, boolean onlyTheFirst) {
        return store.addSiteUser(new SiteUserRow(name, e.role(), e.salt(), e.iterations(), e.hash(), e.failedSignIns(),
                e.locked()), onlyTheFirst, clock.now());
    }

    @Override
    public boolean setPassword(String name, String salt, int iterations, String hash) {
        return store.putSiteUserPassword(name, salt, iterations, hash, clock.now());
    }

    @Override
    public boolean setRole(String name, Role role) {
        return store.putSiteUserRole(name, SiteUsers.roleName(role), clock.now());
    }

    @Override
    public boolean unlock(String name) {
        return store.unlockSiteUser(name, clock.now());
    }

    @Override
    public boolean remove(String name) {
        return store.removeSiteUser(name);
    }

    @Override
    public Optional<SiteUsers.Entry> signIn(String name, boolean failed, int lockAt) {
        return store.recordSignIn(name, failed, lockAt, clock.now()).map(SiteDatabaseUsers::entry);
    }

    @Override
    public String where() {
        return "the site's users, " + store.where();
    }

    private static SiteUsers.Entry entry(SiteUserRow row) {
        return new SiteUsers.Entry(row.role(), row.salt(), row.iterations(), row.hash(), row.failedSignIns(),
                row.locked());
    }
}
