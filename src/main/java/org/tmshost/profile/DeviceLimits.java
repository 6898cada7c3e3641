package org.tmshost.profile;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The limits a profile states for its device.
 *
 * @param minInterChannelIntervalMs shortest interval between pulses of different units (paired
 *                                  pulse, QPS); pulses of one unit obey {@code minInterPulseIntervalMs}
 */
public record DeviceLimits(int maxOutputPercentMso, BigDecimal minInterPulseIntervalMs,
                           Optional<BigDecimal> minInterChannelIntervalMs, Optional<RateTable> rateVsOutput,
                           Optional<EnergyModel> energyModel, CoilTemperatureLimits coilTemperature) {
}
