package org.tmshost.device.magventure;

/**
 * The status byte: byte 1 of replies 0 and 5, the last payload byte of messages 1, 2, 3, 6, 7, 8.
 * <pre>
 *   bits 0-1  mode      0 Standard, 1 Power, 2 Twin, 3 Dual
 *   bits 2-3  waveform  0 Monophasic, 1 Biphasic, 2 Half-sine, 3 Biphasic Burst
 *   bit  4    enabled   1 = enabled ("armed")
 *   bits 5-7  model     0 R30, 1 X100, 2 R30+Option, 3 X100+Option, 4 R30+Option+Mono, 5 MST
 * </pre>
 *
 * @param model {@code null} when the device sends an undocumented model code (6 or 7)
 */
public record MagProStatusByte(MagProModel model, MagProMode mode, MagProWaveform waveform, boolean enabled) {
    public static MagProStatusByte decode(int statusByte) {
        return new MagProStatusByte(MagProModel.ofCode((statusByte >> 5) & 0x07), MagProMode.ofCode(statusByte),
                MagProWaveform.ofCode(statusByte >> 2), (statusByte & 0x10) != 0);
    }

    public int encode() {
        int modelCode = model == null ? 7 : model.code();
        return (modelCode << 5) | (enabled ? 0x10 : 0) | (waveform.code() << 2) | mode.code();
    }
}
