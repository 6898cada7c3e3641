package org.tmshost.device.magventure;

/** What the {@link MagProFrameReader} makes of the bytes it was given: a frame, or a typed fault. */
public sealed interface FrameReadResult permits MagProFrame, FrameFault {
}
