package org.gcommon.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class StartOptionsTest {

    private static final Path DIST = Path.of("/opt/gcommon");

    @Test
    void defaultsToTheDistributionAsHomeAndNoPort() throws Exception {
        StartOptions options = StartOptions.parse(List.of(), DIST);

        assertThat(options.home()).isEqualTo(DIST);
        assertThat(options.homeGiven()).isFalse();
        assertThat(options.port()).isEmpty();
    }

    @Test
    void acceptsSeparateAndJoinedValues() throws Exception {
        StartOptions separate = StartOptions.parse(List.of("--home", "/srv/g", "--port", "9090"), DIST);
        StartOptions joined = StartOptions.parse(List.of("--home=/srv/g", "--port=9090"), DIST);

        assertThat(separate).isEqualTo(joined);
        assertThat(separate.home()).isEqualTo(Path.of("/srv/g"));
        assertThat(separate.homeGiven()).isTrue();
        assertThat(separate.port()).isEqualTo(OptionalInt.of(9090));
    }

    @Test
    void makesARelativeHomeAbsolute() throws Exception {
        StartOptions options = StartOptions.parse(List.of("--home", "some/dir/../home"), DIST);

        assertThat(options.home()).isAbsolute().isEqualTo(Path.of("some/home").toAbsolutePath());
    }

    @Test
    void rejectsAPortThatIsNoNumberNamingTheInputAndTheFix() {
        assertThatThrownBy(() -> StartOptions.parse(List.of("--port", "abc"), DIST))
                .isInstanceOf(UsageException.class)
                .hasMessage("--port 'abc': not a port number: use a number from 1 to 65535, e.g. --port 8181");
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertThatThrownBy(() -> StartOptions.parse(List.of("--port", "70000"), DIST))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--port '70000': out of range");
        assertThatThrownBy(() -> StartOptions.parse(List.of("--port=0"), DIST))
                .hasMessageStartingWith("--port '0': out of range");
    }

    @Test
    void rejectsAnUnknownOptionWithTheUsage() {
        assertThatThrownBy(() -> StartOptions.parse(List.of("--debug"), DIST))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown option '--debug' for 'gcommon start': use " + Main.USAGE);
    }

    @Test
    void rejectsAnOptionWithoutItsValue() {
        assertThatThrownBy(() -> StartOptions.parse(List.of("--home"), DIST))
                .hasMessage("--home needs a value: use --home DIR");
        assertThatThrownBy(() -> StartOptions.parse(List.of("--port", "--home", "x"), DIST))
                .hasMessage("--port needs a value: use --port N");
    }

    @Test
    void rejectsAStrayArgument() {
        assertThatThrownBy(() -> StartOptions.parse(List.of("now"), DIST))
                .hasMessageStartingWith("unexpected argument 'now'");
    }
}
