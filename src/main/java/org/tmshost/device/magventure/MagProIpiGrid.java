package org.tmshost.device.magventure;

import java.util.ArrayList;
import java.util.List;

/**
 * The inter-pulse intervals the MagPro offers, in tenths of a millisecond. Command 0x09 sets an
 * interval by value but the device reports it as an index into this grid in descending order
 * (index 0 = longest), as pytms decodes it.
 * <ul>
 *   <li>Biphasic Burst (Standard/Power mode): 0.5..10 ms by 0.1, 10.5..20 ms by 0.5, 21..100 ms by 1.</li>
 *   <li>Twin/Dual: from 1.0 ms (2.0 ms when monophasic) to 10 ms by 0.1, 10.5..20 by 0.5, 21..100 by 1,
 *       110..500 by 10, 550..1000 by 50, 1100..3000 by 100.</li>
 * </ul>
 */
public final class MagProIpiGrid {
    private final int[] descendingTenths;

    private MagProIpiGrid(int[] descendingTenths) {
        this.descendingTenths = descendingTenths;
    }

    public static MagProIpiGrid forSetting(MagProMode mode, MagProWaveform waveform) {
        var ascending = new ArrayList<Integer>();
        if (!mode.paired()) {
            range(ascending, 5, 100, 1);
            range(ascending, 105, 200, 5);
            range(ascending, 210, 1000, 10);
        } else {
            range(ascending, waveform == MagProWaveform.MONOPHASIC ? 20 : 10, 100, 1);
            range(ascending, 105, 200, 5);
            range(ascending, 210, 1000, 10);
            range(ascending, 1100, 5000, 100);
            range(ascending, 5500, 10000, 500);
            range(ascending, 11000, 30000, 1000);
        }
        int[] descending = new int[ascending.size()];
        for (int i = 0; i < descending.length; i++) {
            descending[i] = ascending.get(ascending.size() - 1 - i);
        }
        return new MagProIpiGrid(descending);
    }

    private static void range(List<Integer> into, int from, int to, int step) {
        for (int value = from; value <= to; value += step) {
            into.add(value);
        }
    }

    /** @return the index the device reports for this interval, or -1 when it is not on the grid */
    public int indexOf(int ipiTenthsMs) {
        for (int i = 0; i < descendingTenths.length; i++) {
            if (descendingTenths[i] == ipiTenthsMs) {
                return i;
            }
        }
        return -1;
    }

    /** @return the interval at a reported index, or -1 when the index is outside the grid */
    public int tenthsAt(int index) {
        return index >= 0 && index < descendingTenths.length ? descendingTenths[index] : -1;
    }

    public int size() {
        return descendingTenths.length;
    }
}
