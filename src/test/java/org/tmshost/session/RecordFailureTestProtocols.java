package org.tmshost.session;

/** The plan the record failure tests run. */
final class RecordFailureTestProtocols {
    /** 400 pulses at 10 Hz: more than the pulses table's last page holds, so a full store refuses a batch. */
    static final String LONG = """
            name: long 10 Hz
            kind: rtms
            frequencyHz: 10
            pulsesPerTrain: 40
            trains: 10
            interTrainIntervalSeconds: 10
            intensity: 80% RMT
            """;

    private RecordFailureTestProtocols() {
    }
}
