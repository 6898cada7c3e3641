package org.tmshost.console;

import org.tmshost.session.SessionState;

/**
 * What the console shows about a session at one moment: a value, so the panel that draws it is a
 * pure function (and tested as one).
 *
 * @param train             1-based train of the next pulse (the last train once all fired)
 * @param nextTrainInNanos  time to the next train's first pulse while waiting between trains, else -1
 * @param coilCelsius       coil temperature the device reports, NaN when it reports none
 * @param p99LatenessNanos  99th percentile of pulse lateness so far, -1 before the first pulse
 * @param trip              the interlock cause and what it means once tripped, else null
 * @param records           why the records are behind the fire journal (the site's server out of reach), else null
 */
record StatusSnapshot(boolean simulated, long sessionId, String protocol, SessionState state, int fired,
                      int planned, int train, int trains, long elapsedNanos, long remainingNanos,
                      long nextTrainInNanos, int outputPercentMso, double coilCelsius, double coilWarnCelsius,
                      double coilStopCelsius, long p99LatenessNanos, String trip, String records) {

    StatusSnapshot(boolean simulated, long sessionId, String protocol, SessionState state, int fired, int planned,
                   int train, int trains, long elapsedNanos, long remainingNanos, long nextTrainInNanos,
                   int outputPercentMso, double coilCelsius, double coilWarnCelsius, double coilStopCelsius,
                   long p99LatenessNanos, String trip) {
        this(simulated, sessionId, protocol, state, fired, planned, train, trains, elapsedNanos, remainingNanos,
                nextTrainInNanos, outputPercentMso, coilCelsius, coilWarnCelsius, coilStopCelsius, p99LatenessNanos,
                trip, null);
    }

    /** Fraction of the planned pulses fired, 0..1. */
    double progress() {
        return planned <= 0 ? 0 : Math.min(1.0, (double) fired / planned);
    }
}
