package org.tmshost.record;

/** One sample of a session's coil temperature: µs since the session's t0 (its pulses' clock), °C. */
public record CoilTemperatureRow(long atMicros, double celsius) {
}
