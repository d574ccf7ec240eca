/**
 * The plugin scanner: checks a bundle archive before any of its code can run.
 *
 * <p>{@link org.gcommon.plugin.security.scanner.ArchiveScanner} looks at the archive (a valid zip,
 * no escaping entry paths, no zip bomb), the manifest (a real OSGi bundle that does not reach into
 * the framework or the JDK's internals), the bytecode (no exit, processes, native code, Unsafe,
 * access-check suppression, class loaders, unmanaged threads, {@code java.lang.invoke} internals)
 * and the signatures, and returns a {@link org.gcommon.plugin.security.scanner.ScanReport}. A
 * {@link org.gcommon.plugin.security.scanner.ScanPolicy} decides which
 * {@link org.gcommon.plugin.security.scanner.ScanRule rules} reject, which only warn and which are
 * off.
 *
 * <p>The package needs nothing but the JDK and ASM: it works inside OSGi (the bundle registers an
 * {@code ArchiveScanner} service) and as a plain library on a class path
 * ({@link org.gcommon.plugin.security.scanner.DefaultArchiveScanner},
 * {@link org.gcommon.plugin.security.scanner.ScanCommand}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gcommon.plugin.security.scanner;
