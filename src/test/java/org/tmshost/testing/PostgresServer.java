package org.tmshost.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests of a site's shared records (contracts.md §8): the
 * distribution's own server binaries ({@code apt-get install postgresql}), a throwaway cluster in a
 * temporary directory, listening on 127.0.0.1 only. Not a mock and not an embedded library, so that
 * the records code meets the server's real SQL, locking, authentication and restarts.
 *
 * <p>{@link #shared()} is one server per test JVM, started on first use, because a cluster takes
 * about a second to make; each test takes its own {@link #createDatabase database} on it (don't close
 * it). A test that stops or restarts the server takes its own with {@link #startNew()} and closes it.
 *
 * <p>Authentication: the superuser {@value #SUPERUSER} is trusted on 127.0.0.1, so {@link #url} needs
 * no password (the tests that don't care about passwords stay simple); every other role must give
 * its SCRAM password ({@link #createRole}), so the product's password handling (password file,
 * environment) is tested against a server that really refuses a wrong or missing one.
 *
 * <p>{@link #startNewWithTls()} is a server that takes TLS connections only: {@code ssl=on} with a
 * certificate for 127.0.0.1 from a {@link SelfSignedCa} made at start ({@link #caCertificate()}), every
 * role trusted over TLS on 127.0.0.1 and refused without it.
 *
 * <p>The server refuses to run as root and CI runs as root: then initdb and pg_ctl run as the
 * {@code postgres} user (which the package creates) and the cluster's directory belongs to it.
 */
public final class PostgresServer implements AutoCloseable {
    /** The superuser the cluster is made with; trusted on 127.0.0.1. */
    public static final String SUPERUSER = "tmshost";

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,40}");
    private static final int PORT_ATTEMPTS = 5;
    private static final long TIMEOUT_SECONDS = 60;
    private static final Set<PostgresServer> OPEN = ConcurrentHashMap.newKeySet();
    private static final Object SHARED_LOCK = new Object();
    private static PostgresServer shared;

    static {
        // a test JVM leaves no server running and no cluster on disk, whatever its tests forgot
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (PostgresServer server : List.copyOf(OPEN)) {
                server.close();
            }
        }, "postgres-server-cleanup"));
    }

    private final Path binaries;
    private final boolean asPostgresUser;
    private final Path directory;
    private final boolean tls;
    private final AtomicInteger databases = new AtomicInteger();
    private int port;
    private boolean running;

    private PostgresServer(Path binaries, boolean asPostgresUser, Path directory, boolean tls) {
        this.binaries = binaries;
        this.asPostgresUser = asPostgresUser;
        this.directory = directory;
        this.tls = tls;
    }

    /** The server of this test JVM, started on first use and stopped when the JVM exits. */
    public static PostgresServer shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null) {
                shared = startNew();
            }
            return shared;
        }
    }

    /**
     * A new server of the caller's own, on a free port; {@link #close()} stops and deletes it. (Not
     * {@code start()}: that is the instance method that starts a stopped server again.)
     */
    public static PostgresServer startNew() {
        return startNew(false);
    }

    /**
     * A new server of the caller's own that takes TLS connections only (see the class comment); a
     * client verifies it with {@code sslmode=verify-full&sslrootcert=}{@link #caCertificate()}.
     */
    public static PostgresServer startNewWithTls() {
        return startNew(true);
    }

    private static PostgresServer startNew(boolean tls) {
        Path binaries = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path directory = Files.createTempDirectory("tmshost-pg");
            PostgresServer server = new PostgresServer(binaries, root, directory, tls);
            OPEN.add(server);
            try {
                UserPrincipal postgres = root ? directory.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres") : null;
                if (root) {
                    Files.setOwner(directory, postgres);
                }
                server.initdb();
                if (tls) {
                    server.enableTls(postgres);
                }
                server.startOnFreePort();
                return server;
            } catch (RuntimeException | IOException e) {
                server.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a PostgreSQL server", e);
        }
    }

    /** The records URL of {@code database} as the superuser: {@code postgresql://127.0.0.1:PORT/DB?user=tmshost}. */
    public String url(String database) {
        return url(database, SUPERUSER);
    }

    /** The records URL of {@code database} as {@code user}; the URL carries no password (contracts.md §8). */
    public String url(String database, String user) {
        return "postgresql://127.0.0.1:" + port + "/" + database + "?user=" + user;
    }

    /** The JDBC URL of {@code database} as the superuser, who needs no password. */
    public String jdbcUrl(String database) {
        return "jdbc:" + url(database);
    }

    /** The JDBC URL of {@code database} as {@code user}; give the password as the "password" property. */
    public String jdbcUrl(String database, String user) {
        return "jdbc:" + url(database, user);
    }

    /** The certificate of the CA that signed a {@link #startNewWithTls() TLS server}'s certificate. */
    public Path caCertificate() {
        if (!tls) {
            throw new IllegalStateException("this server was started without TLS; use startNewWithTls()");
        }
        return directory.resolve("tls/ca.crt");
    }

    public int port() {
        return port;
    }

    /** The server's log, to quote when a test fails. */
    public Path log() {
        return directory.resolve("log");
    }

    /** Creates a new empty UTF-8 database owned by the superuser; returns its name, {@code prefix} + a number. */
    public String createDatabase(String prefix) {
        return createDatabase(prefix, SUPERUSER);
    }

    /**
     * Creates a new empty UTF-8 database owned by {@code owner} (who may then create tables in its
     * public schema); returns its name, {@code prefix} + a number.
     */
    public String createDatabase(String prefix, String owner) {
        String name = checkedName(prefix) + databases.incrementAndGet();
        checkedName(name);
        execute("CREATE DATABASE " + name + " OWNER " + checkedName(owner)
                + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        return name;
    }

    /** Creates a role that may log in with {@code password} only (SCRAM-SHA-256 over 127.0.0.1). */
    public void createRole(String name, String password) {
        if (SUPERUSER.equals(name)) {
            throw new IllegalArgumentException(SUPERUSER + " is the trusted superuser; choose another role name");
        }
        execute("CREATE ROLE " + checkedName(name) + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
    }

    public synchronized boolean running() {
        return running;
    }

    /** Stops the server (fast: open sessions are ended, the data is checkpointed). */
    public synchronized void stop() {
        if (running) {
            pgCtl("stop", "-m", "fast");
            running = false;
        }
    }

    /** Stops the server and starts it again, on the same port with the same data. */
    public synchronized void restart() {
        stop();
        start();
    }

    /** Starts the stopped server again, on the same port with the same data. */
    public synchronized void start() {
        if (!running) {
            pgCtl(startArguments());
            running = true;
        }
    }

    /** Stops the server and deletes its cluster. */
    @Override
    public synchronized void close() {
        try {
            if (running) {
                pgCtl("stop", "-m", "immediate");
                running = false;
            }
        } finally {
            OPEN.remove(this);
            delete(directory);
        }
    }

    private void initdb() {
        run(command(binaries.resolve("initdb").toString(), "-D", directory.resolve("data").toString(),
                "-U", SUPERUSER, "--locale=C", "-E", "UTF8", "--no-sync"));
        // replaces initdb's rules: local socket and the superuser are trusted, other roles need a password
        String rules = String.join("\n",
                "local all all trust",
                "host all " + SUPERUSER + " 127.0.0.1/32 trust",
                "host all all 127.0.0.1/32 scram-sha-256",
                "");
        Path hba = directory.resolve("data/pg_hba.conf");
        try {
            Files.writeString(hba, rules, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + hba, e);
        }
    }

    /**
     * Turns TLS on and makes it the only way in over TCP: a CA and a server certificate for 127.0.0.1,
     * the key the server's user's alone (the server refuses a key others can read).
     */
    private void enableTls(UserPrincipal serverUser) throws IOException {
        SelfSignedCa ca = SelfSignedCa.create(directory.resolve("tls"), "tmshost test CA");
        SelfSignedCa.ServerCertificate server = ca.issueServer("127.0.0.1");
        if (serverUser != null) {
            Files.setOwner(server.key(), serverUser);
        }
        Files.writeString(directory.resolve("data/pg_hba.conf"), String.join("\n",
                "local all all trust",
                "hostssl all all 127.0.0.1/32 trust",
                "hostnossl all all 127.0.0.1/32 reject",
                ""), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("data/postgresql.conf"), String.join("\n",
                "",
                "ssl = on",
                "ssl_cert_file = '" + server.certificate() + "'",
                "ssl_key_file = '" + server.key() + "'",
                ""), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private void startOnFreePort() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            try {
                pgCtl(startArguments());
                running = true;
                return;
            } catch (IllegalStateException e) {
                // another process took the port between our probe and the server's bind
                if (attempt == PORT_ATTEMPTS || !Files.readString(log()).contains("could not bind")) {
                    throw e;
                }
            }
        }
    }

    private String[] startArguments() {
        return new String[] {"start", "-w", "-t", Long.toString(TIMEOUT_SECONDS), "-l", log().toString(),
                "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1"};
    }

    private void pgCtl(String... arguments) {
        List<String> command = new ArrayList<>(List.of(binaries.resolve("pg_ctl").toString(), "-D",
                directory.resolve("data").toString()));
        command.addAll(List.of(arguments));
        run(command(command.toArray(String[]::new)));
    }

    private List<String> command(String... command) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private void run(List<String> command) {
        Path output = directory.resolve("commands.out");
        try {
            Files.writeString(output, "");
            // output to a file, not a pipe: the server pg_ctl starts must not hold a pipe of ours open
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS + 10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took more than "
                        + (TIMEOUT_SECONDS + 10) + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit "
                        + process.exitValue() + "):\n" + Files.readString(output) + logTail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }

    private String logTail() {
        try {
            if (!Files.exists(log())) {
                return "";
            }
            List<String> lines = Files.readAllLines(log());
            return "\nserver log " + log() + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private void execute(String sql) {
        // a TLS server refuses a connection without TLS; the server's own set-up need not verify it
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres") + (tls ? "&sslmode=require" : ""));
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on port " + port + " refused: " + sql, e);
        }
    }

    private static String checkedName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain lower-case SQL name: \"" + name + "\"");
        }
        return name;
    }

    /** The newest installed server's binaries: Debian's /usr/lib/postgresql/VERSION/bin, else PATH. */
    private static Path binaries() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                var newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .filter(v -> v.getFileName().toString().matches("\\d+"))
                        .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "initdb"))
                    && Files.isExecutable(Path.of(dir, "pg_ctl"))) {
                return Path.of(dir);
            }
        }
        throw new IllegalStateException("no PostgreSQL server here (no /usr/lib/postgresql/*/bin/initdb, no"
                + " initdb on PATH): the records tests need a real one, apt-get install postgresql");
    }

    private static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a leftover temporary directory is not worth failing a test for
        }
    }
}
