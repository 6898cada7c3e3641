package org.tmshost.console;

import org.tmshost.record.RecordStore;
import org.tmshost.record.SubjectId;
import org.tmshost.record.SubjectIdRefused;
import org.tmshost.safety.SafetyEnvelope;

/**
 * A subject id as a technician enters it at a door ({@code --subject}, the console's {@code subject}):
 * normalised, matched against the site policy's {@code subjectIdPattern}, and, if new, resembling no
 * subject on record. Refused with {@link SubjectIdRefused} (exit 2), naming the value and the rule.
 */
public final class SubjectEntry {
    private SubjectEntry() {
    }

    public static SubjectId admit(RecordStore store, String entered, SafetyEnvelope envelope) {
        return store.admitSubject(SubjectId.of(entered, envelope.subjectIdPattern()));
    }

    /** How the id was taken, for the technician: {@code q1}, or {@code q1 (entered as "Q1 ")}. */
    public static String said(SubjectId id, String entered) {
        return id.value().equals(entered) ? id.value() : id.value() + " (entered as \"" + entered + "\")";
    }
}
