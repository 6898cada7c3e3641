package org.tmshost.bench;

/**
 * One approach on one pattern. Lateness is actual minus planned ({@code t0 + offset}), in µs;
 * {@code isiCompressions} counts intervals shorter than planned by more than the early tolerance;
 * {@code cpuShare} is the firing thread's CPU time over wall time from first to last pulse;
 * {@code overDefaultLimit} counts pulses whose total lateness exceeds the default lateness limit (1 ms or
 * 10% of the interval); for naive approaches each would be a timing fault, the tmshost scheduler
 * faults only on its own lateness beyond the limit or total lateness beyond three limits;
 * {@code faultedAtPulse} is the pulse where the tmshost scheduler itself stopped the run with a
 * timing fault (later than 10% of its interval), -1 if the plan completed. A faulted run has no
 * cpuShare or allocatedBytesPerPulse (NaN, null in JSON).
 */
public record BenchRun(String pattern, String approach, int pulses, double p50Micros, double p99Micros,
                       double maxMicros, int isiCompressions, double cpuShare, double allocatedBytesPerPulse,
                       int overDefaultLimit, int faultedAtPulse) {
}
