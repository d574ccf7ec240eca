package org.gcommon.container.sandboxplugins.socket;

import java.net.InetSocketAddress;
import java.net.Socket;

import org.gcommon.container.sandboxplugins.probe.ProbeActivator;

/** Tries to connect to the loopback port in etc/sandbox-socket.cfg. */
public final class Activator extends ProbeActivator {

    public Activator() {
        super("sandbox-socket", scope -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(scope.setting("port"))), 2000);
                return "connected to " + socket.getRemoteSocketAddress();
            }
        });
    }
}
