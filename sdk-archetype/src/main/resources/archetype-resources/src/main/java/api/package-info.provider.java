/**
 * The service type of the {@code ${pluginName}} plugin. Exported, with a version: change the version
 * when the interface changes (bnd's baseline tells you by how much).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package ${package}.api;
