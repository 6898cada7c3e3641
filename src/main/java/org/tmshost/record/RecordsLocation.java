package org.tmshost.record;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Where a host's records are (contracts.md §8): the embedded SQLite file under its home (the
 * default), or a site's PostgreSQL database that every host of the clinic shares, named by
 * {@code postgresql://HOST[:PORT]/DB?user=NAME[&sslmode=...]}. The password never appears in the URL
 * (so never in a log, a record or a shell's history): it comes from the file
 * {@value #PASSWORD_FILE_ENV} names, readable by its owner only, or from {@value #PASSWORD_ENV}.
 */
public sealed interface RecordsLocation {
    /** The system property that names the records (set by {@code --records}; tests set it too). */
    String PROPERTY = "tmshost.records";
    String ENV = "TMSHOST_RECORDS";
    String PASSWORD_FILE_ENV = "TMSHOST_RECORDS_PASSWORD_FILE";
    String PASSWORD_ENV = "TMSHOST_RECORDS_PASSWORD";

    /** How the records are named to a person: never with a password. */
    String describe();

    /** This host's own SQLite file. */
    record LocalFile(Path file) implements RecordsLocation {
        @Override
        public String describe() {
            return file.toString();
        }
    }

    /** A site database on a PostgreSQL server; {@code options} are passed to the driver (sslmode, ...). */
    record SiteDatabase(String host, int port, String database, String user, Map<String, String> options)
            implements RecordsLocation {
        /** The driver options a URL may carry; anything else is refused by name. */
        static final Set<String> OPTIONS = Set.of("sslmode", "sslrootcert", "sslcert", "sslkey", "connectTimeout",
                "socketTimeout", "applicationName");

        public SiteDatabase {
            options = Map.copyOf(options);
        }

        @Override
        public String describe() {
            StringBuilder url = new StringBuilder("postgresql://" + host + ":" + port + "/" + database + "?user=" + user);
            options.forEach((k, v) -> url.append('&').append(k).append('=').append(v));
            return url.toString();
        }

        String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        /**
         * The driver's properties: the user, the options, the password from {@code env}, and timeouts
         * so that a server out of reach is a prompt, typed failure and never a hung recorder.
         */
        Properties driverProperties(Map<String, String> env) {
            Properties p = new Properties();
            p.setProperty("user", user);
            p.setProperty("connectTimeout", "5");
            p.setProperty("socketTimeout", "30");
            p.setProperty("tcpKeepAlive", "true");
            p.setProperty("ApplicationName", "tmshost");
            options.forEach(p::setProperty);
            password(env).ifPresent(pw -> p.setProperty("password", pw));
            return p;
        }

        private static java.util.Optional<String> password(Map<String, String> env) {
            String file = env.get(PASSWORD_FILE_ENV);
            if (file != null && !file.isBlank()) {
                return java.util.Optional.of(readPasswordFile(Path.of(file)));
            }
            return java.util.Optional.ofNullable(env.get(PASSWORD_ENV)).filter(pw -> !pw.isEmpty());
        }

        private static String readPasswordFile(Path file) {
            try {
                if (!Files.isRegularFile(file)) {
                    throw new RecordsLocationRefused(PASSWORD_FILE_ENV + ": " + file + " is not a file");
                }
                if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
                    if (mode.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                        throw new RecordsLocationRefused(PASSWORD_FILE_ENV + ": " + file + " can be read by others ("
                                + java.nio.file.attribute.PosixFilePermissions.toString(mode)
                                + "); make it its owner's alone: chmod 600 " + file);
                    }
                }
                String text = Files.readString(file, StandardCharsets.UTF_8);
                String line = text.lines().findFirst().orElse("").strip();
                if (line.isEmpty()) {
                    throw new RecordsLocationRefused(PASSWORD_FILE_ENV + ": " + file + " is empty");
                }
                return line;
            } catch (IOException e) {
                throw new RecordsLocationRefused(PASSWORD_FILE_ENV + ": cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The records for {@code home}: {@code named} (the {@code --records} option or the property), else
     * {@value #ENV}, else the home's own SQLite file.
     *
     * @throws RecordsLocationRefused naming what is wrong with the URL
     */
    public static RecordsLocation resolve(TmsHome home, String named, Map<String, String> env) {
        String url = named != null && !named.isBlank() ? named : env.get(ENV);
        if (url == null || url.isBlank() || url.equalsIgnoreCase("sqlite")) {
            return new LocalFile(home.database());
        }
        return parse(url.strip());
    }

    /** Parses {@code postgresql://HOST[:PORT]/DB?user=NAME[&option=value...]}. */
    public static SiteDatabase parse(String url) {
        String form = "; expected postgresql://HOST[:PORT]/DATABASE?user=NAME[&sslmode=...]";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RecordsLocationRefused("records URL '" + url + "' is malformed: " + e.getReason() + form);
        }
        if (!"postgresql".equalsIgnoreCase(uri.getScheme())) {
            throw new RecordsLocationRefused("records URL '" + url + "': only postgresql:// is supported (unset "
                    + ENV + " for this host's own SQLite records)" + form);
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new RecordsLocationRefused("records URL '" + url + "' names no host or database" + form);
        }
        if (uri.getUserInfo() != null) {
            throw new RecordsLocationRefused("records URL: give the user as ?user=NAME and the password in "
                    + PASSWORD_FILE_ENV + " (a file only its owner can read) or " + PASSWORD_ENV + ", never in the URL");
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.put(key, value);
            }
        }
        if (query.containsKey("password")) {
            throw new RecordsLocationRefused("records URL: a password in the URL would be logged and kept in shell "
                    + "history; put it in " + PASSWORD_FILE_ENV + " (a file only its owner can read) or " + PASSWORD_ENV);
        }
        String user = query.remove("user");
        if (user == null || user.isBlank()) {
            throw new RecordsLocationRefused("records URL '" + url + "' names no user" + form);
        }
        for (String key : query.keySet()) {
            if (!SiteDatabase.OPTIONS.contains(key)) {
                throw new RecordsLocationRefused("records URL: unknown option '" + key + "'; known: user, "
                        + String.join(", ", new java.util.TreeSet<>(SiteDatabase.OPTIONS)));
            }
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        return new SiteDatabase(uri.getHost(), port, uri.getPath().substring(1), user, query);
    }
}
