package org.tmshost.device;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Where a device is (contracts.md §4): {@code sim:PROFILE}, {@code serial:/dev/ttyUSB0?profile=P},
 * {@code tcp://HOST:PORT?profile=P}, {@code gpio:pi?profile=P} (a Raspberry Pi's own GPIO header).
 */
public record DeviceUri(Scheme scheme, String address, int port, String profile) {
    public enum Scheme { SIM, SERIAL, TCP, GPIO }

    private static final String EXPECTED =
            "sim:PROFILE, serial:/dev/PORT?profile=PROFILE, tcp://HOST:PORT?profile=PROFILE or gpio:pi?profile=PROFILE";

    /** @throws IllegalArgumentException saying what was expected */
    public static DeviceUri parse(String text) {
        if (text.startsWith("sim:")) {
            String profile = text.substring("sim:".length());
            if (profile.isBlank() || profile.contains("?")) {
                throw new IllegalArgumentException("'" + text + "': expected " + EXPECTED);
            }
            return new DeviceUri(Scheme.SIM, "", 0, profile);
        }
        if (text.startsWith("serial:")) {
            String rest = text.substring("serial:".length());
            int query = rest.indexOf('?');
            String path = query < 0 ? rest : rest.substring(0, query);
            Optional<String> profile = query < 0 ? Optional.empty() : profileOf(rest.substring(query + 1));
            if (path.isBlank() || profile.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "': expected " + EXPECTED);
            }
            return new DeviceUri(Scheme.SERIAL, path, 0, profile.get());
        }
        if (text.startsWith("gpio:")) {
            String rest = text.substring("gpio:".length());
            int query = rest.indexOf('?');
            String board = query < 0 ? rest : rest.substring(0, query);
            Optional<String> profile = query < 0 ? Optional.empty() : profileOf(rest.substring(query + 1));
            if (!board.equals("pi") || profile.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "': expected " + EXPECTED);
            }
            return new DeviceUri(Scheme.GPIO, board, 0, profile.get());
        }
        if (text.startsWith("tcp://")) {
            try {
                URI uri = new URI(text);
                Optional<String> profile = uri.getRawQuery() == null ? Optional.empty() : profileOf(uri.getRawQuery());
                if (uri.getHost() == null || uri.getPort() <= 0 || profile.isEmpty()) {
                    throw new IllegalArgumentException("'" + text + "': expected " + EXPECTED);
                }
                return new DeviceUri(Scheme.TCP, uri.getHost(), uri.getPort(), profile.get());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("'" + text + "': expected " + EXPECTED);
            }
        }
        throw new IllegalArgumentException("'" + text + "': expected " + EXPECTED);
    }

    private static Optional<String> profileOf(String query) {
        for (String pair : query.split("&")) {
            if (pair.startsWith("profile=") && pair.length() > "profile=".length()) {
                return Optional.of(pair.substring("profile=".length()));
            }
        }
        return Optional.empty();
    }

    public boolean simulated() {
        return scheme == Scheme.SIM;
    }

    @Override
    public String toString() {
        return switch (scheme) {
            case SIM -> "sim:" + profile;
            case SERIAL -> "serial:" + address + "?profile=" + profile;
            case TCP -> "tcp://" + address + ":" + port + "?profile=" + profile;
            case GPIO -> "gpio:" + address + "?profile=" + profile;
        };
    }
}
