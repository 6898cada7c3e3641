package org.tmshost.cli;

import org.tmshost.yaml.PrintableText;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Passwords for the command line: asked without echo on a terminal (a password once showed on
 * screen and stayed in the scrollback), else one line of standard input each (a script), read byte
 * by byte so that the next password's line is left for the next call. Never an argument, never printed.
 */
final class Passwords {
    private Passwords() {
    }

    /** {@code user}'s password, asked as "password for USER: ". */
    static char[] of(String user) throws IOException {
        return of(user, false);
    }

    /** As {@link #of(String)}; {@code fromStdin} reads standard input even on a terminal. */
    static char[] of(String user, boolean fromStdin) throws IOException {
        return ask("password for " + PrintableText.escaped(user) + ": ", fromStdin);
    }

    /** A new password for {@code user}, asked as "new password for USER: ". */
    static char[] newFor(String user, boolean fromStdin) throws IOException {
        return ask("new password for " + PrintableText.escaped(user) + ": ", fromStdin);
    }

    private static char[] ask(String prompt, boolean fromStdin) throws IOException {
        java.io.Console terminal = System.console(); // Java 17: null unless standard input and output are a terminal
        if (terminal != null && !fromStdin) {
            char[] typed = terminal.readPassword("%s", prompt);
            return typed == null ? new char[0] : typed;
        }
        return line(System.in);
    }

    /** One line of {@code in} (without its line break), consuming nothing past it. */
    static char[] line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            bytes.write(b);
        }
        byte[] raw = bytes.toByteArray();
        int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(raw, 0, length));
        char[] password = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
        Arrays.fill(raw, (byte) 0);
        Arrays.fill(chars.array(), '\0');
        return password;
    }
}
