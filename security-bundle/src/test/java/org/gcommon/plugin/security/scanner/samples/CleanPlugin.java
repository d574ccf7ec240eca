package org.gcommon.plugin.security.scanner.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Does ordinary work only: nothing a rule looks for. */
public class CleanPlugin {

    private final List<String> names = new ArrayList<>();

    public String describe() {
        Supplier<String> s = () -> String.join(",", names);
        return new StringBuilder("clean:").append(s.get()).toString();
    }

    public CompletableFuture<String> later() {
        return CompletableFuture.completedFuture(describe());
    }
}
