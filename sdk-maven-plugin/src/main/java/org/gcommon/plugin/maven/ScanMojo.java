package org.gcommon.plugin.maven;

import java.io.File;
import java.io.IOException;
import java.util.List;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.gcommon.plugin.security.scanner.DefaultArchiveScanner;
import org.gcommon.plugin.security.scanner.ScanPolicy;
import org.gcommon.plugin.security.scanner.ScanReport;
import org.gcommon.plugin.security.scanner.Severity;

/**
 * Runs the runtime's scanner on the project's bundle, as the container does before a plugin may
 * resolve, and fails the build when the container would reject it. The scanner's findings are printed
 * as it reports them: rule, where, what, and why the rule exists.
 */
@Mojo(name = "scan", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ScanMojo extends AbstractMojo {

    /** The bundle to scan: the jar this project builds. */
    @Parameter(property = "gcommon.scan.file", defaultValue = "${project.build.directory}/${project.build.finalName}.jar")
    private File file;

    /** A scanner policy in the format of the container's {@code etc/org.gcommon.plugin.security.scanner.cfg}; default: the built-in policy. */
    @Parameter(property = "gcommon.scan.policy")
    private File policy;

    /** Fails the build on warnings too (e.g. a plugin that starts its own threads). */
    @Parameter(property = "gcommon.scan.failOnWarnings", defaultValue = "false")
    private boolean failOnWarnings;

    /** Skips the scan. */
    @Parameter(property = "gcommon.scan.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project.packaging}", readonly = true)
    private String packaging;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || "pom".equals(packaging)) {
            getLog().info("gcommon:scan skipped");
            return;
        }
        if (file == null || !file.isFile()) {
            throw new MojoExecutionException("gcommon:scan found no bundle at " + file + ": build it first "
                    + "(mvn package gcommon:scan, or let 'mvn verify' run the scan), or name it with -Dgcommon.scan.file=PATH");
        }
        ScanPolicy scanPolicy = ScanPolicy.defaults();
        if (policy != null) {
            try {
                scanPolicy = ScanPolicy.load(policy.toPath());
            } catch (IOException e) {
                throw new MojoExecutionException("gcommon:scan cannot read the policy file " + policy + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException(e.getMessage(), e);
            }
        }
        ScanReport report = new DefaultArchiveScanner(scanPolicy).scan(file.toPath());
        boolean rejected = !report.accepted();
        boolean warned = !report.findings(Severity.WARN).isEmpty();
        for (String line : report.toText().split("\n")) {
            if (rejected) {
                getLog().error(line);
            } else if (warned) {
                getLog().warn(line);
            } else {
                getLog().info(line);
            }
        }
        if (rejected) {
            List<String> reasons = report.reasons();
            throw new MojoFailureException("The gcommon runtime would reject " + file.getName() + " (" + reasons.size()
                    + (reasons.size() == 1 ? " reason" : " reasons") + "):\n  " + String.join("\n  ", reasons)
                    + "\nFix the code the findings name; the scanner report above says why each rule exists.");
        }
        if (failOnWarnings && warned) {
            throw new MojoFailureException("gcommon:scan found warnings in " + file.getName() + " and failOnWarnings is set: "
                    + report.findings(Severity.WARN).size() + " warnings, listed above");
        }
    }
}
