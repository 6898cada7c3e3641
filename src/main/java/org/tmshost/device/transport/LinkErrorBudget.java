package org.tmshost.device.transport;

/**
 * How many link errors in a row (a missing or corrupt reply, a bad frame) a driver tolerates: one
 * more than the budget is link loss, and any good reply starts the count again. Used by one thread
 * at a time (the driver's link thread, or whoever holds its port).
 */
public final class LinkErrorBudget {
    private final int budget;
    private int inRow;

    /** @param budget errors in a row tolerated, not negative */
    public LinkErrorBudget(int budget) {
        this.budget = budget;
    }

    /** A good reply or frame: the link is alive. */
    public void passed() {
        inRow = 0;
    }

    /** One more error in a row; true when that is beyond the budget (the link is lost). */
    public boolean failed() {
        return ++inRow > budget;
    }

    /** Errors in a row so far. */
    public int inRow() {
        return inRow;
    }
}
