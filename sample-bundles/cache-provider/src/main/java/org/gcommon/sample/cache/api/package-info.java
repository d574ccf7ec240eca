/**
 * The cache SPI of the memory-cache sample: what a cache provider implements and what its users
 * call. A bundle that uses a cache imports this package and asks the plugin registry for the best
 * provider:
 *
 * <pre>
 * Cache cache = registry.providerProxy(Cache.class);
 * cache.put("user:42", user);
 * </pre>
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gcommon.sample.cache.api;
