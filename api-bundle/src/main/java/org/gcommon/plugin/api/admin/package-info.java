/**
 * Operator-side management of plugins: what the container's HTTP API, shell commands, command-line
 * client and web page call to install, start, stop, update, uninstall and configure plugins.
 * Plugins themselves cannot use it: the sandbox denies the {@link org.gcommon.plugin.api.admin.PluginAdmin}
 * service to every plugin bundle.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gcommon.plugin.api.admin;
