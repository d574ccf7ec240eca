/**
 * Middleware plugins: request/response processing in an ordered chain.
 *
 * <p>A {@link org.gcommon.plugin.api.middleware.MiddlewarePlugin} contributes a
 * {@link org.gcommon.plugin.api.middleware.Middleware}; the runtime orders the middleware of each
 * chain by service ranking (highest first) and rebuilds the chain atomically when middleware comes
 * or goes. A host (the container's {@code /gateway} route, or a plugin) runs an
 * {@link org.gcommon.plugin.api.middleware.Exchange} through a chain obtained from
 * {@link org.gcommon.plugin.api.middleware.MiddlewareChains}. The types are transport-neutral: no
 * servlet or HTTP library is needed to write or test a middleware.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gcommon.plugin.api.middleware;
