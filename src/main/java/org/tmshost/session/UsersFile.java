package org.tmshost.session;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A home's own users ({@code $TMSHOST_HOME/users.yaml}), read once and written whole after every
 * change: atomically and, where the file system allows, readable by its owner only.
 */
final class UsersFile implements UserEntries {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path file;
    private final Map<String, SiteUsers.Entry> users;

    private UsersFile(Path file, Map<String, SiteUsers.Entry> users) {
        this.file = file;
        this.users = users;
    }

    /** The users file; a missing file is an empty site. */
    static UsersFile load(Path file) throws IOException {
        Map<String, SiteUsers.Entry> users = new LinkedHashMap<>();
        if (Files.exists(file)) {
            Map<String, Map<String, SiteUsers.Entry>> root = YAML.readValue(file.toFile(),
                    new TypeReference<Map<String, Map<String, SiteUsers.Entry>>>() { });
            if (root != null && root.get("users") != null) {
                users.putAll(root.get("users"));
            }
        }
        return new UsersFile(file, users);
    }

    @Override
    public Map<String, SiteUsers.Entry> all() {
        return Collections.unmodifiableMap(users);
    }

    @Override
    public Optional<SiteUsers.Entry> get(String name) {
        return Optional.ofNullable(users.get(name));
    }

    @Override
    public boolean add(String name, SiteUsers.Entry entry, boolean onlyTheFirst) throws IOException {
        if (users.containsKey(name) || (onlyTheFirst && !users.isEmpty())) {
            return false;
        }
        users.put(name, entry);
        save();
        return true;
    }

    @Override
    public boolean setPassword(String name, String salt, int iterations, String hash) throws IOException {
        SiteUsers.Entry e = users.get(name);
        if (e == null) {
            return false;
        }
        users.put(name, new SiteUsers.Entry(e.role(), salt, iterations, hash, 0, false));
        save();
        return true;
    }

    @Override
    public boolean setRole(String name, Role role) throws IOException {
        SiteUsers.Entry e = users.get(name);
        if (e == null) {
            return false;
        }
        users.put(name, new SiteUsers.Entry(SiteUsers.roleName(role), e.salt(), e.iterations(), e.hash(),
                e.failedSignIns(), e.locked()));
        save();
        return true;
    }

    @Override
    public boolean unlock(String name) throws IOException {
        SiteUsers.Entry e = users.get(name);
        if (e == null) {
            return false;
        }
        users.put(name, new SiteUsers.Entry(e.role(), e.salt(), e.iterations(), e.hash(), 0, false));
        save();
        return true;
    }

    @Override
    public boolean remove(String name) throws IOException {
        if (users.remove(name) == null) {
            return false;
        }
        save();
        return true;
    }

    @Override
    public Optional<SiteUsers.Entry> signIn(String name, boolean failed, int lockAt) throws IOException {
        SiteUsers.Entry e = users.get(name);
        if (e == null || e.locked()) {
            return Optional.empty();
        }
        int failures = failed ? e.failedSignIns() + 1 : 0;
        boolean lock = failures >= lockAt;
        SiteUsers.Entry after = new SiteUsers.Entry(e.role(), e.salt(), e.iterations(), e.hash(), failures, lock);
        if (failures != e.failedSignIns() || lock) {
            users.put(name, after);
            save();
        }
        return Optional.of(after);
    }

    @Override
    public String where() {
        return file.toString();
    }

    private void save() throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, "users", ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's permissions apply
        }
        YAML.writeValue(temp.toFile(), Map.of("users", users));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
