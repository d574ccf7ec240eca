/** Greeting texts: the library the greeting sample plugin imports. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gcommon.sample.greeting.text;
