/**
 * Small classes that do what the bytecode rules look for. They are compiled with the tests, packed
 * into jars by the tests and scanned; none of them is ever run.
 */
package org.gcommon.plugin.security.scanner.samples;
