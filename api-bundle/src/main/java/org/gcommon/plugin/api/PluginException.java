package org.gcommon.plugin.api;

/**
 * Thrown by a plugin's lifecycle methods when it cannot do what was asked. The message is shown to
 * operators as the plugin's last error: say what was wrong, with which value, and how to fix it.
 */
public class PluginException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong and how to fix it
     */
    public PluginException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and how to fix it
     * @param cause the underlying error
     */
    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
