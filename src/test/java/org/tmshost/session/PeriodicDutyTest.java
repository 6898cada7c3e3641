package org.tmshost.session;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A duty cycle stepped by its period on a clock the test moves, and closed. No thread. */
@Tag("unit")
class PeriodicDutyTest {
    /** Counts its rounds; done after {@code last}. */
    private static final class Rounds implements DutyCycle {
        private final int last;
        private int rounds;

        Rounds(int last) {
            this.last = last;
        }

        @Override
        public int doWork() {
            return ++rounds;
        }

        @Override
        public boolean done() {
            return rounds >= last;
        }
    }

    @Test
    void aRoundRunsWhenItsPeriodHasComeAndNotBefore() {
        Rounds rounds = new Rounds(100);
        PeriodicDuty duty = new PeriodicDuty(rounds, 10, 1_000);

        assertThat(duty.doWorkIfDue(999)).isZero();
        assertThat(duty.doWorkIfDue(1_000)).isEqualTo(1);
        assertThat(duty.nextDueNanos()).isEqualTo(1_010);
        assertThat(duty.doWorkIfDue(1_009)).isZero();
        assertThat(duty.doWorkIfDue(1_015)).isEqualTo(1);
        assertThat(duty.nextDueNanos()).isEqualTo(1_025); // the period counts from the round
        assertThat(rounds.rounds).isEqualTo(2);
    }

    @Test
    void noRoundRunsOnceTheDutyIsDoneOrClosed() {
        Rounds one = new Rounds(1);
        PeriodicDuty done = new PeriodicDuty(one, 10, 0);
        assertThat(done.doWorkIfDue(0)).isEqualTo(1);
        assertThat(done.done()).isTrue();
        assertThat(done.doWorkIfDue(100)).isZero();
        assertThat(one.rounds).isEqualTo(1);

        Rounds many = new Rounds(100);
        PeriodicDuty closed = new PeriodicDuty(many, 10, 0);
        closed.close(0); // no thread: nothing to wait for
        assertThat(closed.done()).isTrue();
        assertThat(closed.doWorkIfDue(0)).isZero();
        assertThat(many.rounds).isZero();
    }
}
