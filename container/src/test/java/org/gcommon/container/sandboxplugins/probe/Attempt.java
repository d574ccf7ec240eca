package org.gcommon.container.sandboxplugins.probe;

/** One thing a probe plugin tries to do. */
@FunctionalInterface
public interface Attempt {

    /**
     * @param scope the plugin's bundle, runtime context and configuration
     * @return what was achieved, when the sandbox let it happen
     * @throws Exception when it did not happen; a {@link SecurityException} means the sandbox refused it
     */
    String run(ProbeScope scope) throws Exception;
}
