package org.tmshost.timing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever rights this machine gives, the grant says what the kernel applied: SCHED_FIFO where it was
 * allowed (the kernel confirms it), else normal scheduling with the reason and how to grant it.
 */
@Tag("unit")
class RealTimeTest {
    @Test
    void theGrantIsWhatTheKernelApplied() throws Exception {
        AtomicReference<RealTime.Grant> grant = new AtomicReference<>();
        AtomicBoolean fifo = new AtomicBoolean();
        Thread pulse = new Thread(() -> {
            grant.set(RealTime.promoteCurrentThread(new RealTime.Request(80, OptionalInt.of(0))));
            fifo.set(RealTime.currentThreadIsFifo());
        });
        pulse.start();
        pulse.join();

        RealTime.Grant g = grant.get();
        assertThat(g.fifo()).as(g.describe()).isEqualTo(fifo.get());
        if (g.fifo()) {
            assertThat(g.describe()).startsWith("pulse thread: SCHED_FIFO 80");
        } else {
            assertThat(g.describe()).contains("normal scheduling").contains("SCHED_FIFO refused")
                    .contains("docs/timing.md");
        }
        assertThat(RealTime.currentThreadIsFifo()).as("only the promoted thread").isFalse();
        System.out.println("[real-time] " + g.describe());
    }

    @Test
    void aPriorityOutsideSchedFifosRangeIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RealTime.Request(0, OptionalInt.empty()))
                .hasMessageContaining("1..99");
    }
}
