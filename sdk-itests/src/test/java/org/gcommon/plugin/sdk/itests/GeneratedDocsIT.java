package org.gcommon.plugin.sdk.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The documentation gcommon:docs wrote for the generated projects (the golden tests run
 * {@code mvn verify gcommon:docs}): it must show the plugin's configuration and permissions as the
 * built bundle declares them.
 */
class GeneratedDocsIT {

    private static String page(String type, String extension) throws Exception {
        Path file = GoldenProjects.project(type).resolve("target/gcommon-docs/acme-" + type + "." + extension);
        assertThat(file).as("gcommon:docs output").isRegularFile();
        return Files.readString(file);
    }

    @Test
    void theProviderPageHasItsConfigurationTablePermissionsAndExports() throws Exception {
        String md = page("provider", "md");

        assertThat(md).startsWith("# acme-provider (provider plugin)")
                .contains("| Configuration | etc/acme-provider.cfg or etc/acme-provider.json (PID gcommon.plugin.acme-provider) |")
                .contains("| Name | Type | Default | Description |")
                .contains("| greeting | String | Hello | What each greeting starts with |")
                .contains("| maxNameLength | Integer | 64 | Names longer than this many characters are refused (at least 1) |")
                .contains("| org.osgi.framework.ServicePermission | org.gcommon.plugin.api.ProviderPlugin | register |")
                .contains("| org.osgi.framework.PackagePermission | com.example.plugins.provider.api | exportonly,import |")
                .contains("| org.gcommon.plugin.api.ProviderPlugin |")
                .contains("| com.example.plugins.provider.api | 1.0.0 |")
                .contains("| HEALTHY | started; the message counts the greetings served |");
    }

    @Test
    void theIntegrationPageHasItsReferenceEventsAndHealthStates() throws Exception {
        String md = page("integration", "md");

        assertThat(md).contains("| endpointUrl | String |  | The http or https URL of the remote service")
                .contains("| timeoutMillis | Integer | 2000 |")
                .contains("| org.osgi.framework.ServicePermission | org.gcommon.plugin.api.integration.Resilience | get |")
                .contains("| org.gcommon.plugin.api.integration.Resilience | resilience | 1..1 | static |")
                .contains("| gcommon/plugin/acme-integration/remote | published |")
                .contains("| UNHEALTHY | the circuit breaker is open");
    }

    @Test
    void theMiddlewarePageHasItsRankingAndTheHtmlPageTheSameTable() throws Exception {
        assertThat(page("middleware", "md")).contains("| org.gcommon.plugin.api.middleware.MiddlewarePlugin | service.ranking=100 |")
                .contains("| headerName | String | X-Served-By |");

        assertThat(page("middleware", "html")).startsWith("<!DOCTYPE html>")
                .contains("<h1>acme-middleware (middleware plugin)</h1>")
                .contains("<tr><td>headerName</td><td>String</td><td>X-Served-By</td>")
                .contains("<td>org.gcommon.plugin.api.middleware.MiddlewarePlugin</td><td>register</td>");
    }

    @Test
    void theExtensionPageNamesItsPluginTypeAndConfiguration() throws Exception {
        assertThat(page("extension", "md")).contains("| Type | extension |")
                .contains("| metricPrefix | String | acme_extension |");
    }
}
