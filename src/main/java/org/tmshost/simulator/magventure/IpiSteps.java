package org.tmshost.simulator.magventure;

/**
 * The emulated device's inter-pulse interval steps (tenths of a ms) and the index it reports for
 * one: position in the descending list. Computed arithmetically per segment, independently of
 * the host codec's table.
 */
final class IpiSteps {
    /** {from, to, step} in tenths of a ms, ascending. */
    private static final int[][] BURST = {{5, 100, 1}, {105, 200, 5}, {210, 1000, 10}};
    private static final int[][] PAIRED_TAIL = {{105, 200, 5}, {210, 1000, 10}, {1100, 5000, 100}, {5500, 10000, 500},
            {11000, 30000, 1000}};

    private IpiSteps() {
    }

    /** @return the reported index of {@code tenths}, or -1 when the device does not offer it */
    static int index(int tenths, int mode, int waveform) {
        int[][] segments;
        if (mode == 2 || mode == 3) {
            segments = new int[PAIRED_TAIL.length + 1][];
            segments[0] = new int[]{waveform == 0 ? 20 : 10, 100, 1};
            System.arraycopy(PAIRED_TAIL, 0, segments, 1, PAIRED_TAIL.length);
        } else {
            segments = BURST;
        }
        int total = 0;
        int ascending = -1;
        for (int[] segment : segments) {
            int count = (segment[1] - segment[0]) / segment[2] + 1;
            if (tenths >= segment[0] && tenths <= segment[1] && (tenths - segment[0]) % segment[2] == 0) {
                ascending = total + (tenths - segment[0]) / segment[2];
            }
            total += count;
        }
        return ascending < 0 ? -1 : total - 1 - ascending;
    }
}
