package org.tmshost.course;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The days a course's induction sessions fall on: every day, Monday to Friday, or listed dates.
 * A scheduled day without a session is a missed day; the course then runs a day longer (a session is
 * never skipped to keep to the calendar).
 */
public sealed interface Schedule {
    /** Whether {@code day} is a treatment day. */
    boolean includes(LocalDate day);

    /** As stored and as {@code --schedule} takes it. */
    String text();

    /** The first treatment day on or after {@code day}, if the schedule has one. */
    default Optional<LocalDate> firstOnOrAfter(LocalDate day) {
        LocalDate d = day;
        for (int i = 0; i < 8; i++, d = d.plusDays(1)) {
            if (includes(d)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    record Daily() implements Schedule {
        @Override
        public boolean includes(LocalDate day) {
            return true;
        }

        @Override
        public String text() {
            return "daily";
        }
    }

    record Weekdays() implements Schedule {
        @Override
        public boolean includes(LocalDate day) {
            DayOfWeek d = day.getDayOfWeek();
            return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
        }

        @Override
        public String text() {
            return "weekdays";
        }
    }

    /** Listed dates, ascending, no repeats. */
    record Dates(List<LocalDate> dates) implements Schedule {
        public Dates {
            dates = List.copyOf(new TreeSet<>(dates));
        }

        @Override
        public boolean includes(LocalDate day) {
            return dates.contains(day);
        }

        @Override
        public Optional<LocalDate> firstOnOrAfter(LocalDate day) {
            return dates.stream().filter(d -> !d.isBefore(day)).findFirst();
        }

        @Override
        public String text() {
            return String.join(",", dates.stream().map(LocalDate::toString).toList());
        }
    }

    /** {@code daily}, {@code weekdays}, or dates {@code YYYY-MM-DD,YYYY-MM-DD,...}. */
    static Schedule parse(String text) throws CourseInputRefused {
        String t = text.strip();
        if (t.equals("daily")) {
            return new Daily();
        }
        if (t.equals("weekdays")) {
            return new Weekdays();
        }
        var dates = new ArrayList<LocalDate>();
        for (String part : t.split(",")) {
            try {
                LocalDate date = LocalDate.parse(part.strip());
                if (dates.contains(date)) {
                    throw new CourseInputRefused("--schedule lists " + date + " twice");
                }
                dates.add(date);
            } catch (DateTimeParseException e) {
                throw new CourseInputRefused("--schedule must be daily, weekdays or dates YYYY-MM-DD,YYYY-MM-DD,..., "
                        + "not '" + text + "' ('" + part.strip() + "' is not a date)");
            }
        }
        return new Dates(dates);
    }
}
