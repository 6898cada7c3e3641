package org.tmshost.record;

import java.time.LocalDate;

/**
 * A course as planned (issue 16), before it has an id: who, what, where, how often, how dosed, and
 * which outcomes are measured.
 *
 * @param name                 the id a clinic gives the course ("c1"); unique in the store
 * @param subjectId            normalised by the constructor; must be on record
 * @param protocolText         the protocol file's content, kept verbatim with its SHA-256
 * @param target               the target in free text ("left M1, hand knob, 5 cm lateral")
 * @param targetSite           a standard site name ("M1 contralateral to pain")
 * @param schedule             {@code daily}, {@code weekdays} or {@code dates:YYYY-MM-DD,...}
 * @param maintenanceSessions  sessions after the induction phase (0: none)
 * @param maintenanceEveryDays days between maintenance sessions (0 when there are none)
 * @param intensityRule        the protocol's intensity in words ("80% RMT")
 * @param thresholdsEvery      {@code session} or {@code week}: how often the threshold is re-measured
 * @param outcomes             measure names, primary first, comma separated
 * @param zone                 the zone the course's days are counted in
 */
public record NewCourse(String name, String subjectId, String protocolName, String protocolSha256,
                        String protocolText, String target, String targetSite, int plannedSessions, String schedule,
                        LocalDate startDate, int sessionsPerDay, int maintenanceSessions, int maintenanceEveryDays,
                        String intensityRule, String thresholdsEvery, String outcomes, String zone, String plannedBy) {
    public NewCourse {
        subjectId = SubjectId.of(subjectId).value();
    }
}
