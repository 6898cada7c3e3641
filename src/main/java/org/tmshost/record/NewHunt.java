package org.tmshost.record;

/**
 * What is known about a motor threshold hunt when it starts.
 *
 * @param kind        RMT or AMT
 * @param method      the hunt's method label (e.g. ML-PEST)
 * @param criterionUv the MEP criterion, µV peak-to-peak
 * @param mepInput    where the MEPs come from, in words
 */
public record NewHunt(String subjectId, String operatorId, String kind, String method, double criterionUv,
                     String mepInput, String profileName, String deviceUri, boolean simulated) {

    /** The subject id is normalised here ({@link SubjectId#of(String)}): one subject, one id. */
    public NewHunt {
        subjectId = SubjectId.of(subjectId).value();
    }
}
