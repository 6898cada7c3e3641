package org.tmshost.safety;

/**
 * A site's limits on late pulses for one protocol kind (site policy {@code deviations:}): the
 * session goes on through late pulses up to these, then faults on timing (docs/timing.md).
 *
 * @param perThousand late pulses per thousand of the plan's pulses
 * @param consecutive late pulses in a row
 * @param isolated    late pulses any session may have, whatever its length
 */
public record DeviationLimits(int perThousand, int consecutive, int isolated) {
}
