package org.gcommon.plugin.manager.internal;

/** A plugin call that threw or overran its deadline; the message is what operators see as the plugin's last error. */
final class CallFailure extends Exception {

    private static final long serialVersionUID = 1L;

    CallFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
