package org.tmshost.record;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * What is known about a cortical excitability measurement when it starts: its plan (kind, conditions
 * in the plan's order, trials, intensities, intervals, seed), where its MEPs come from, the device,
 * and the course (and the course's session number) it belongs to, if any.
 *
 * @param kind                   {@value #PAIRED_PULSE} or {@value #RECRUITMENT}
 * @param conditions             the plan's condition names in its order (test, sici-2, ..., or 90%RMT, ...)
 * @param rmtPercentMso          the RMT the intensities are relative to
 * @param conditioningPercentRmt a paired trial's conditioning pulse
 * @param testPercentRmt         a paired-pulse measurement's test pulse
 * @param mepDescription         where the MEPs come from, in words
 * @param courseSession          the course's session number this measurement belongs to (needs a course)
 * @param host                   the host that runs it
 */
public record NewMeasurement(String subjectId, String operatorId, String kind, List<String> conditions,
                             int trialsPerCondition, double rmtPercentMso, double conditioningPercentRmt,
                             double testPercentRmt, double interTrialSeconds, double jitterSeconds, long seed,
                             String mepDescription, String profileName, String deviceUri, boolean simulated,
                             Optional<Long> courseId, Optional<Integer> courseSession, String host) {
    public static final String PAIRED_PULSE = "paired-pulse";
    public static final String RECRUITMENT = "recruitment";

    /** The subject id is normalised here ({@link SubjectId#of(String)}): one subject, one id. */
    public NewMeasurement {
        subjectId = SubjectId.of(subjectId).value();
        conditions = List.copyOf(conditions);
        if (!kind.equals(PAIRED_PULSE) && !kind.equals(RECRUITMENT)) {
            throw new IllegalArgumentException("a measurement is " + PAIRED_PULSE + " or " + RECRUITMENT + ", not '"
                    + kind + "'");
        }
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("a measurement needs a condition");
        }
        for (String c : conditions) { // stored comma separated: a name must come back as it went in
            if (c.isBlank() || c.contains(",") || !c.equals(c.strip())) {
                throw new IllegalArgumentException("condition name '" + c + "' cannot be stored (blank, a comma, "
                        + "or spaces at its ends)");
            }
        }
        if (new HashSet<>(conditions).size() != conditions.size()) {
            throw new IllegalArgumentException("a condition is named twice in " + conditions);
        }
        if (trialsPerCondition < 1) {
            throw new IllegalArgumentException("trials per condition must be 1 or more, was " + trialsPerCondition);
        }
        if (courseSession.isPresent() && courseId.isEmpty()) {
            throw new IllegalArgumentException("a course session number (" + courseSession.get() + ") needs a course");
        }
        if (courseSession.isPresent() && courseSession.get() < 1) {
            throw new IllegalArgumentException("a course's sessions are numbered from 1, was " + courseSession.get());
        }
    }

    /** Trials the plan gives: every condition {@code trialsPerCondition} times. */
    public int plannedTrials() {
        return conditions.size() * trialsPerCondition;
    }
}
