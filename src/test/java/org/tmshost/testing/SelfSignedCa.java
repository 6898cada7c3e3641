package org.tmshost.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority made with the {@code openssl} command, for the tests of TLS to a
 * site's PostgreSQL server: its certificate ({@link #certificate()}, what a client names as
 * {@code sslrootcert}) and the server certificates it {@link #issueServer issues}. EC P-256 keys, as
 * they take milliseconds to make; valid for two days, as no test outlives one.
 */
public final class SelfSignedCa {
    private static final String CURVE = "ec_paramgen_curve:prime256v1";
    private static final long TIMEOUT_SECONDS = 30;

    private final Path directory;

    private SelfSignedCa(Path directory) {
        this.directory = directory;
    }

    /** Makes a new CA (key and self-signed certificate) in {@code directory}, which it creates. */
    public static SelfSignedCa create(Path directory, String name) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + directory, e);
        }
        SelfSignedCa ca = new SelfSignedCa(directory);
        openssl(directory, "req", "-x509", "-newkey", "ec", "-pkeyopt", CURVE, "-nodes",
                "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=" + name,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        ownerOnly(directory.resolve("ca.key"));
        return ca;
    }

    /** The CA's certificate (PEM): what a client trusts. */
    public Path certificate() {
        return directory.resolve("ca.crt");
    }

    /** A server certificate and key for the IP address {@code ip} (its CN and its subjectAltName), signed by this CA. */
    public ServerCertificate issueServer(String ip) {
        try {
            Files.writeString(directory.resolve("server.ext"), String.join("\n",
                    "basicConstraints=CA:FALSE",
                    "keyUsage=critical,digitalSignature,keyEncipherment",
                    "extendedKeyUsage=serverAuth",
                    "subjectAltName=IP:" + ip,
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the server certificate's extensions", e);
        }
        openssl(directory, "req", "-new", "-newkey", "ec", "-pkeyopt", CURVE, "-nodes",
                "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=" + ip);
        openssl(directory, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-set_serial", Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE),
                "-days", "2", "-extfile", "server.ext", "-out", "server.crt");
        Path key = directory.resolve("server.key");
        ownerOnly(key);
        return new ServerCertificate(directory.resolve("server.crt"), key);
    }

    /** A server's certificate and its private key (mode 0600), both PEM. */
    public record ServerCertificate(Path certificate, Path key) {
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not chmod 600 " + file, e);
        }
    }

    private static void openssl(Path directory, String... arguments) {
        List<String> command = new ArrayList<>(List.of(executable()));
        command.addAll(List.of(arguments));
        Path output = directory.resolve("openssl.out");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took more than " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + ") in " + directory + ":\n" + Files.readString(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }

    /** The openssl command on PATH; without it the TLS tests cannot make their certificates. */
    private static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "openssl"))) {
                return Path.of(dir, "openssl").toString();
            }
        }
        throw new IllegalStateException("no openssl on PATH: the TLS tests of the site records make their"
                + " certificates with it (apt-get install openssl; .ci/run installs it)");
    }
}
