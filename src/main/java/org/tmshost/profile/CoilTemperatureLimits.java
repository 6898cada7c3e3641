package org.tmshost.profile;

import java.math.BigDecimal;

/** Coil surface temperature at which the host warns, and at which it stops a session. */
public record CoilTemperatureLimits(BigDecimal warnCelsius, BigDecimal stopCelsius) {
}
