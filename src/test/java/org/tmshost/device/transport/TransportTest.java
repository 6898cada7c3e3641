package org.tmshost.device.transport;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.profile.LinkSettings;
import org.tmshost.testing.SocatPtyPair;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The same byte-link contract over every transport. */
@Tag("unit")
class TransportTest {
    private static final LinkSettings MAGSTIM = new LinkSettings(9600, 8, "none", 1, 500, 1000, 10000);

    private static String readExactly(Transport transport, int count) throws IOException {
        byte[] buffer = new byte[count];
        int got = 0;
        long deadline = System.currentTimeMillis() + 5000;
        while (got < count && System.currentTimeMillis() < deadline) {
            got += transport.read(buffer, got, count - got, 200);
        }
        return new String(buffer, 0, got, StandardCharsets.US_ASCII);
    }

    private static void exchange(Transport host, Transport device) throws IOException {
        host.write("Q@n".getBytes(StandardCharsets.US_ASCII));
        assertThat(readExactly(device, 3)).isEqualTo("Q@n");
        device.write("Q\u0008f".getBytes(StandardCharsets.US_ASCII));
        assertThat(readExactly(host, 3)).isEqualTo("Q\u0008f");
        assertThat(host.read(new byte[4], 0, 4, 20)).isZero(); // a timeout is 0 bytes, not an error
    }

    @Test
    void pipeEndsExchangeBytesAndCloseWakesTheReader() throws IOException {
        PipeTransport[] pipe = PipeTransport.pair("test");
        exchange(pipe[0], pipe[1]);
        pipe[1].close();
        assertThatThrownBy(() -> pipe[0].read(new byte[1], 0, 1, 1000)).isInstanceOf(LinkClosedException.class);
    }

    @Test
    void tcpEndsExchangeBytesAndAHangUpIsLinkClosed() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            TcpTransport host = TcpTransport.connect("127.0.0.1", server.getLocalPort(), 2000);
            Socket accepted = server.accept();
            TcpTransport device = new TcpTransport(accepted);
            exchange(host, device);
            device.close();
            assertThatThrownBy(() -> host.read(new byte[1], 0, 1, 2000)).isInstanceOf(LinkClosedException.class);
            host.close();
        }
    }

    @Test
    void serialPortsOverASocatPseudoTerminalPair(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(SocatPtyPair.available(), "socat is not installed");
        try (SocatPtyPair pty = SocatPtyPair.create(dir)) {
            SerialTransport host = SerialTransport.open(pty.hostEnd().toString(), MAGSTIM);
            SerialTransport device = SerialTransport.open(pty.deviceEnd().toString(), MAGSTIM);
            exchange(host, device);
            host.close();
            device.close();
            assertThatThrownBy(() -> host.write(new byte[]{1})).isInstanceOf(LinkClosedException.class);
        }
    }

    @Test
    void aMissingSerialPortIsAClearError() {
        assertThatThrownBy(() -> SerialTransport.open("/dev/tmshost-no-such-port", MAGSTIM))
                .isInstanceOf(LinkClosedException.class).hasMessageContaining("/dev/tmshost-no-such-port");
    }
}
