/**
 * What the sandbox lets each plugin do, and what it refused: for management tools.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.gcommon.plugin.api.security;
