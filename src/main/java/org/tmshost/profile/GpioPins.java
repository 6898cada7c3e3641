package org.tmshost.profile;

import java.util.OptionalInt;

/** BCM pin numbers of a Raspberry Pi rig: the TTL trigger output and the safety inputs. */
public record GpioPins(int triggerOutPin, long triggerPulseWidthMicros, OptionalInt stopButtonPin,
                       OptionalInt footSwitchPin, OptionalInt coilReadyPin, OptionalInt loopbackInPin) {
}
