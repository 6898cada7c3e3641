package org.tmshost.course;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What {@code course plan} asks for (contracts.md §6), as given; {@link Courses#plan} validates it.
 *
 * @param protocolName     the library name or file the protocol came from
 * @param protocolText     the protocol file's content
 * @param schedule         {@code daily}, {@code weekdays} or dates {@code YYYY-MM-DD,...}
 * @param start            the first day (default: today; dates schedules start at their first date)
 * @param maintenance      {@code N/EVERY}, if the course has maintenance sessions
 * @param outcomes         measure names, primary first (default {@code pain-nrs})
 * @param thresholdsEvery  {@code session} or {@code week}
 * @param newSubject       the subject has no record yet and is created with the course
 */
public record CoursePlanRequest(String name, String subjectId, String protocolName, String protocolText,
                                int sessions, String schedule, Optional<LocalDate> start, Optional<String> maintenance,
                                String target, String targetSite, List<String> outcomes, String thresholdsEvery,
                                int sessionsPerDay, boolean newSubject, String user) {
    public CoursePlanRequest {
        outcomes = List.copyOf(outcomes);
    }
}
