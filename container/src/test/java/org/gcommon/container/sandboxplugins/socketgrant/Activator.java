package org.gcommon.container.sandboxplugins.socketgrant;

import java.net.InetSocketAddress;
import java.net.Socket;

import org.gcommon.container.sandboxplugins.probe.ProbeActivator;
import org.gcommon.container.sandboxplugins.probe.ProbePlugin;

/**
 * Connects to the loopback port in etc/sandbox-socket-grant.cfg each time it is asked for its health: it
 * declares the socket permission in its OSGI-INF/permissions.perm, so an administrator's grant lets it
 * through and a revoke stops it, both without restarting it.
 */
public final class Activator extends ProbeActivator {

    public Activator() {
        super("sandbox-socket-grant", ProbePlugin.When.AT_START_AND_EACH_HEALTH_CALL, scope -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(scope.setting("port"))), 1000);
                return "connected";
            }
        });
    }
}
