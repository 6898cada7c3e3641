package org.tmshost.device.transport;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import org.tmshost.profile.LinkSettings;

import java.io.IOException;

/**
 * A serial port through jSerialComm, set up from the profile's link settings.
 *
 * <p>No event listener is registered: a hang-up makes {@code readBytes} return -1, and the port is
 * closed on the first such read. (A registered disconnect listener fires in a storm until the port
 * is closed, jSerialComm issues #408/#513.) Works with socat pseudo-terminals, which ignore baud
 * rate and have no modem lines.
 *
 * <p>Read timeouts are in tenths of a second on Linux (termios VTIME): a read with any timeout under
 * 100 ms may wait about 100 ms when no byte arrives. Reply parsing must not rely on shorter waits.
 */
public final class SerialTransport implements Transport {
    private final SerialPort port;
    private final String path;
    private volatile boolean open;
    private int lastTimeoutMillis = -1;

    private SerialTransport(SerialPort port, String path) {
        this.port = port;
        this.path = path;
        this.open = true;
    }

    public static SerialTransport open(String path, LinkSettings link) throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new LinkClosedException("no serial port at " + path + ": " + e.getMessage());
        }
        int parity = switch (link.parity()) {
            case "even" -> SerialPort.EVEN_PARITY;
            case "odd" -> SerialPort.ODD_PARITY;
            default -> SerialPort.NO_PARITY;
        };
        int stopBits = link.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT;
        port.setComPortParameters(link.baud(), link.dataBits(), stopBits, parity);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!port.openPort()) {
            throw new LinkClosedException("cannot open serial port " + path + " (error " + port.getLastErrorCode()
                    + "): is the path right, is another program using it, may this user open it?");
        }
        return new SerialTransport(port, path);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        requireOpen();
        int written = 0;
        while (written < length) {
            int n = port.writeBytes(bytes, length - written, offset + written);
            if (n < 0) {
                close();
                throw new LinkClosedException(path + ": write failed, the port is gone");
            }
            written += n;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long timeoutMillis) throws IOException {
        requireOpen();
        int timeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMillis));
        if (timeout != lastTimeoutMillis) {
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, timeout, 0);
            lastTimeoutMillis = timeout;
        }
        int n = port.readBytes(buffer, length, offset);
        if (n < 0) {
            close();
            throw new LinkClosedException(path + ": the port hung up");
        }
        return n;
    }

    private void requireOpen() throws LinkClosedException {
        if (!open) {
            throw new LinkClosedException(path + " is closed");
        }
    }

    @Override
    public String description() {
        return "serial " + port.getSystemPortPath();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            port.closePort();
        }
    }
}
