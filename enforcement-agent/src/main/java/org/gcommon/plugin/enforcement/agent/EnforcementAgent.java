package org.gcommon.plugin.enforcement.agent;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.gcommon.plugin.enforcement.hook.Enforcement;

/**
 * The enforcement agent: guards the JDK's sensitive entry points so that the plugin sandbox holds on a
 * JDK without a SecurityManager (Java 24+, JEP 486). {@code bin/gcommon} attaches it with
 * {@code -javaagent}; the hook classes it calls are on the bootstrap class path (the jar's
 * {@code Boot-Class-Path}), where the JDK's own classes can see them.
 *
 * <p>It refuses to run half-done: when a guarded method that the sandbox depends on cannot be found or
 * instrumented, the JVM does not start, and the message names the method and the JDK.
 */
public final class EnforcementAgent {

    private EnforcementAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        install(instrumentation);
    }

    public static void agentmain(String args, Instrumentation instrumentation) {
        install(instrumentation);
    }

    static synchronized void install(Instrumentation instrumentation) {
        if (Enforcement.AGENT.equals(System.getProperty(Enforcement.ENFORCER_PROPERTY))) {
            return; // already in place
        }
        Enforcement.prepare();
        Module hooks = Enforcement.class.getModule();
        for (String name : List.of("java.base", "java.net.http")) {
            ModuleLayer.boot().findModule(name).ifPresent(module -> instrumentation.redefineModule(module,
                    Set.of(hooks), Map.of(), Map.of(), Set.of(), Map.of()));
        }
        List<Hook> all = Hooks.all();
        GuardTransformer transformer = new GuardTransformer(all);
        instrumentation.addTransformer(transformer, true);

        List<Class<?>> targets = new ArrayList<>();
        for (String name : transformer.guardedClasses()) {
            Class<?> type = load(name.replace('/', '.'));
            if (type != null && instrumentation.isModifiableClass(type)) {
                targets.add(type);
            }
        }
        try {
            instrumentation.retransformClasses(targets.toArray(Class<?>[]::new));
        } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
            throw new IllegalStateException("gcommon enforcement agent: cannot instrument the JDK's classes on Java "
                    + Runtime.version() + ": " + e + ". Run a JDK 17 to 25, or start without the agent (a JDK before 24"
                    + " enforces with its SecurityManager)", e);
        }

        if (coverageOverridden(instrumentation, transformer.covered())) {
            // a subclass would not reach the method that makes the check: every hook checks for itself
            transformer.disableCoverage();
            try {
                instrumentation.retransformClasses(targets.toArray(Class<?>[]::new));
            } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
                throw new IllegalStateException("gcommon enforcement agent: cannot instrument the JDK's classes on Java "
                        + Runtime.version() + ": " + e, e);
            }
        }

        Set<String> missing = new TreeSet<>();
        Set<String> gaps = new TreeSet<>();
        for (Hook hook : all) {
            if (!transformer.applied().contains(hook.id())) {
                missing.add(hook.id());
                if (hook.required()) {
                    gaps.add(hook.id() + describeFailure(transformer, hook));
                }
            }
        }
        if (!gaps.isEmpty()) {
            throw new IllegalStateException("gcommon enforcement agent: these JDK methods could not be guarded on Java "
                    + Runtime.version() + " (" + System.getProperty("java.home") + "), so plugins could not be sandboxed: "
                    + String.join(", ", gaps) + ". Run a JDK 17 to 25, the versions the agent knows.");
        }
        Enforcement.agentInstalled(missing.toArray(String[]::new));
        System.setProperty(Enforcement.ENFORCER_PROPERTY, Enforcement.AGENT);
    }

    /**
     * @return whether a loaded subclass of a covered hook's class overrides the method the hook leaves its
     *         check to (the default file system's provider, say), so that the check would be skipped
     */
    static boolean coverageOverridden(Instrumentation instrumentation, Set<Hook> covered) {
        if (covered.isEmpty()) {
            return false;
        }
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            for (Hook hook : covered) {
                if (overrides(type, hook)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean overrides(Class<?> type, Hook hook) {
        String owner = hook.className();
        if (type.getName().equals(owner)) {
            return false;
        }
        boolean subclass = false;
        for (Class<?> c = type.getSuperclass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(owner)) {
                subclass = true;
                break;
            }
        }
        if (!subclass) {
            return false;
        }
        String callee = hook.coveredBy();
        for (Class<?> c = type; !c.getName().equals(owner); c = c.getSuperclass()) {
            for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                if (callee.equals(m.getName() + org.objectweb.asm.Type.getMethodDescriptor(m))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String describeFailure(GuardTransformer transformer, Hook hook) {
        String failure = transformer.failures().get(hook.owner());
        return failure == null ? "" : " (" + failure + ")";
    }

    /** Loads (without initialising) a guarded class that nothing has needed yet, so its hooks are in place before plugins run. */
    private static Class<?> load(String name) {
        for (ClassLoader loader : new ClassLoader[] { null, ClassLoader.getPlatformClassLoader() }) {
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader; a class no loader has is reported as missing hooks
            }
        }
        return null;
    }
}
