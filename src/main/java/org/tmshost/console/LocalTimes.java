package org.tmshost.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Instants as people at the host read them: local time with its zone, to the second
 * ({@code 2026-11-29 14:03:12 CET}), never UTC with nanoseconds. The zone is given (the session
 * settings' zone, the system's at the door), so a test pins it.
 */
public record LocalTimes(ZoneId zone) {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT);

    public LocalTimes {
        Objects.requireNonNull(zone, "zone");
    }

    /** The host's own zone, as {@code SessionSettings.defaults} uses. */
    public static LocalTimes ofSystem() {
        return new LocalTimes(ZoneId.systemDefault());
    }

    /** {@code 2026-11-29 14:03:12 CET}: the second the instant falls in (truncated, never rounded up). */
    public String of(Instant at) {
        return FORMAT.format(at.atZone(zone));
    }

    /** As {@link #of}, or "-" when there is none. */
    public String of(Optional<Instant> at) {
        return at.map(this::of).orElse("-");
    }
}
