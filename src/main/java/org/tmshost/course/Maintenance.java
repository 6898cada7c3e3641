package org.tmshost.course;

/**
 * Sessions after the induction phase: {@code sessions} of them, one every {@code everyDays} days
 * ({@code --maintenance 4/14}: four sessions a fortnight apart). None when {@code sessions} is 0.
 */
public record Maintenance(int sessions, int everyDays) {
    public static final Maintenance NONE = new Maintenance(0, 0);

    /** {@code N/EVERY} with EVERY in days, optionally suffixed {@code d} ({@code 4/14}, {@code 4/14d}). */
    static Maintenance parse(String text) throws CourseInputRefused {
        String[] parts = text.strip().split("/");
        try {
            if (parts.length == 2) {
                int n = Integer.parseInt(parts[0].strip());
                String every = parts[1].strip();
                int days = Integer.parseInt(every.endsWith("d") ? every.substring(0, every.length() - 1) : every);
                if (n >= 1 && n <= 100 && days >= 1 && days <= 365) {
                    return new Maintenance(n, days);
                }
            }
        } catch (NumberFormatException e) {
            // the refusal below says what is expected
        }
        throw new CourseInputRefused("--maintenance must be N/EVERY: N sessions (1 to 100), one every EVERY days "
                + "(1 to 365), e.g. 4/14; not '" + text + "'");
    }

    public String text() {
        return sessions == 0 ? "none" : sessions + "/" + everyDays + "d";
    }
}
