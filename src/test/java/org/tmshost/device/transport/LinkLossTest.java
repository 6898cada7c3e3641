package org.tmshost.device.transport;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.FaultCodes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The link loss both wire drivers declare, the error budget they count against, and their link thread. */
@Tag("unit")
class LinkLossTest {
    @Test
    void aLossIsDeclaredOnceAndTheUnitIsToldToDisarmBeforeTheListenersHearIt() {
        List<String> events = new ArrayList<>();
        LinkLoss loss = new LinkLoss(() -> events.add("disarm"), () -> events.add("latched"));
        loss.listen(fault -> events.add("told " + fault.getMessage()));

        assertThat(loss.declare(new DeviceFault(FaultCodes.LINK_LOST, "silence"))).isTrue();
        assertThat(loss.declare(new DeviceFault(FaultCodes.LINK_LOST, "garbage"))).isFalse();

        assertThat(events).containsExactly("latched", "disarm", "told silence");
        assertThat(loss.declared()).isTrue();
        assertThat(loss.fault().getMessage()).isEqualTo("silence");
    }

    @Test
    void aDisarmTheDeadLinkCannotCarryStillTellsTheListenersAndOneAddedLaterHearsItAtOnce() {
        LinkLoss loss = new LinkLoss(() -> {
            throw new IOException("port gone");
        });
        loss.declare(new DeviceFault(FaultCodes.LINK_LOST, "closed"));
        List<DeviceFault> heard = new ArrayList<>();
        loss.listen(heard::add);
        assertThat(heard).extracting(DeviceFault::getMessage).containsExactly("closed");
    }

    @Test
    void oneErrorMoreThanTheBudgetInARowIsLinkLossAndAGoodReplyStartsAgain() {
        LinkErrorBudget budget = new LinkErrorBudget(2);
        assertThat(budget.failed()).isFalse();
        assertThat(budget.failed()).isFalse();
        budget.passed();
        assertThat(budget.failed()).isFalse();
        assertThat(budget.failed()).isFalse();
        assertThat(budget.failed()).isTrue();
        assertThat(budget.inRow()).isEqualTo(3);
    }

    @Test
    void aTurnThatFindsTheLinkClosedIsReportedWhileTheDriverIsOpen() throws Exception {
        CompletableFuture<IOException> closed = new CompletableFuture<>();
        LinkThread thread = new LinkThread("test-link", () -> true, () -> {
            throw new IOException("hung up");
        }, closed::complete);
        thread.start();
        assertThat(closed.get(10, TimeUnit.SECONDS)).hasMessage("hung up");
        thread.stop(() -> { });
        assertThat(thread.running()).isFalse();
    }
}
