package org.gcommon.plugin.enforcement.agent;

import java.util.function.Consumer;

import org.objectweb.asm.commons.GeneratorAdapter;

/**
 * One guarded JDK method and the call into {@code org.gcommon.plugin.enforcement.hook.Enforcement} it
 * gets, at its start ({@code onExit == false}) or with its result just before it returns.
 *
 * @param owner      the class, internal name (e.g. {@code java/io/FileInputStream})
 * @param name       the method's name ({@code <init>} for a constructor)
 * @param descriptor the method's descriptor
 * @param required   whether the sandbox has a gap without it (else: a method only some JDK versions have)
 * @param onExit     whether the call gets the method's result (on the stack) instead of running first
 * @param call       pushes the arguments and invokes the hook
 * @param coveredBy  name and descriptor of a guarded method of the same class with the same check: where
 *                   this method's body starts by handing its arguments to that one, the check is left to it
 *                   (one check per operation, not two); {@code null} when none
 */
record Hook(String owner, String name, String descriptor, boolean required, boolean onExit,
        Consumer<GeneratorAdapter> call, String coveredBy) {

    Hook(String owner, String name, String descriptor, boolean required, boolean onExit, Consumer<GeneratorAdapter> call) {
        this(owner, name, descriptor, required, onExit, call, null);
    }

    String id() {
        return owner.replace('/', '.') + "." + name + descriptor;
    }

    String className() {
        return owner.replace('/', '.');
    }
}
