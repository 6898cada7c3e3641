package org.tmshost.session;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The state machine's allowed transitions. */
@Tag("unit")
class SessionStateTest {
    @Test
    void pulsesCanOnlyStartFromArmedAndEndStatesAreFinal() {
        for (SessionState state : SessionState.values()) {
            assertThat(state.canGoTo(SessionState.RUNNING)).as(state + " -> RUNNING")
                    .isEqualTo(state == SessionState.ARMED || state == SessionState.PAUSED);
            if (state.isTerminal()) {
                assertThat(state.next()).as(state + " is final").isEmpty();
            }
        }
        assertThat(SessionState.RUNNING.canGoTo(SessionState.PAUSED)).isTrue();
        assertThat(SessionState.PREPARED.canGoTo(SessionState.COMPLETED)).isFalse();
        assertThat(SessionState.IDLE.next()).containsExactly(SessionState.PREPARED);
        assertThat(SessionState.values()).filteredOn(s -> s.canGoTo(SessionState.INTERRUPTED)).isEmpty();
    }

    @Test
    void onlyAPersonsStopEndsAborted() {
        for (InterlockCause cause : InterlockCause.values()) {
            boolean personal = cause == InterlockCause.STOP_BUTTON || cause == InterlockCause.CONSOLE_STOP;
            assertThat(cause.endState()).as(cause.name())
                    .isEqualTo(personal ? SessionState.ABORTED : SessionState.FAULTED);
        }
    }
}
