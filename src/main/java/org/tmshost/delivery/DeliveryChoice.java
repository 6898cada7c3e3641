package org.tmshost.delivery;

/** The planner's answer: a {@link Delivery}, or why the plan cannot reach this device. */
public sealed interface DeliveryChoice {
    record Chosen(Delivery delivery) implements DeliveryChoice {
    }

    /** @param reason what the device or link cannot do, with the numbers, and what would work instead */
    record Refused(String reason) implements DeliveryChoice {
    }
}
