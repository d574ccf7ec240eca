/**
 * What the sandbox lets each plugin do, and what it refused: for management tools.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gcommon.plugin.api.security;
