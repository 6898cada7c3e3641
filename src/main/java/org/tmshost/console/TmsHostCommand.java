package org.tmshost.console;

public final class TmsHostCommand {
    public static void main(String[] args) {
    }
}
