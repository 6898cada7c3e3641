package org.tmshost.device.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A raw TCP byte stream: a network serial server, or {@code tmshost simulate --tcp}. */
public final class TcpTransport implements Transport {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String description;

    public TcpTransport(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.description = "tcp " + socket.getRemoteSocketAddress();
    }

    public static TcpTransport connect(String host, int port, int connectTimeoutMillis) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
        return new TcpTransport(socket);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        try {
            out.write(bytes, offset, length);
            out.flush();
        } catch (IOException e) {
            throw new LinkClosedException(description + ": " + e.getMessage());
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long timeoutMillis) throws IOException {
        try {
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMillis)));
            int n = in.read(buffer, offset, length);
            if (n < 0) {
                throw new LinkClosedException(description + ": the peer closed the connection");
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (LinkClosedException e) {
            throw e;
        } catch (IOException e) {
            throw new LinkClosedException(description + ": " + e.getMessage());
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean isOpen() {
        return !socket.isClosed();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that failed is not an error anyone can act on
        }
    }
}
