package org.tmshost.record;

import java.time.Instant;
import java.time.LocalDate;

/** A stored course as planned (see {@link NewCourse}); its state is in {@link CourseChangeRow}s. */
public record CourseRow(long id, String name, String subjectId, String protocolName, String protocolSha256,
                        String protocolText, String target, String targetSite, int plannedSessions, String schedule,
                        LocalDate startDate, int sessionsPerDay, int maintenanceSessions, int maintenanceEveryDays,
                        String intensityRule, String thresholdsEvery, String outcomes, String zone, String plannedBy,
                        Instant plannedAt) {
}
