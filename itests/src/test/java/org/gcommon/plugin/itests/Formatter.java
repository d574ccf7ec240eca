package org.gcommon.plugin.itests;

/** The contribution type of the extension point the tests declare, as a host plugin would define it. */
public interface Formatter {

    /** @return the text, formatted */
    String format(String text);
}
