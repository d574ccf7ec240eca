package org.gcommon.plugin.security.scanner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.gcommon.plugin.security.scanner.ScanPolicy;
import org.gcommon.plugin.security.scanner.ScanRule;
import org.gcommon.plugin.security.scanner.Scans;
import org.gcommon.plugin.security.scanner.TestJar;
import org.gcommon.plugin.security.scanner.samples.CleanPlugin;
import org.gcommon.plugin.security.scanner.samples.OwnClassLoader;
import org.junit.jupiter.api.Test;

class ClassFileShapeTest {

    @Test
    void everyClassOfTheJdksBaseModuleHasAValidShape() throws Exception {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        List<Path> classes;
        try (Stream<Path> files = Files.walk(jrt.getPath("/modules/java.base"))) {
            classes = files.filter(p -> p.toString().endsWith(".class")).toList();
        }

        assertThat(classes).hasSizeGreaterThan(1000);
        for (Path c : classes) {
            assertThat(ClassFileShape.problem(Files.readAllBytes(c))).as(c.toString()).isNull();
        }
    }

    @Test
    void anAttributeClaimingMoreThanTheFileIsRefusedBeforeAsmAllocatesIt() {
        byte[] c = TestJar.classBytes(OwnClassLoader.class);
        // The last class attribute's length is just before its content, which ends the file: claim 700 MB instead.
        int lengthAt = lastAttributeLengthOffset(c);
        ByteBuffer.wrap(c).putInt(lengthAt, 700 * 1024 * 1024);

        assertThat(ClassFileShape.problem(c)).contains("claims 734003200 bytes");
        FindingCollector findings = new FindingCollector(ScanPolicy.defaults());
        long allocated = Scans.allocatedBy(() -> new ClassInspector(findings).inspect("x/Y.class", c));
        assertThat(allocated).isLessThan(1024 * 1024);
        assertThat(findings.finish()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(ScanRule.BYTECODE_UNREADABLE_CLASS);
            assertThat(f.message()).contains("more than the class file has");
        });
    }

    @Test
    void trailingBytesAndShortFilesAreRefused() {
        byte[] c = TestJar.classBytes(CleanPlugin.class);

        assertThat(ClassFileShape.problem(java.util.Arrays.copyOf(c, c.length + 1))).contains("1 bytes after its end");
        assertThat(ClassFileShape.problem(java.util.Arrays.copyOf(c, c.length - 1))).isNotNull();
        assertThat(ClassFileShape.problem(new byte[] { (byte) 0xca, (byte) 0xfe })).contains("ends too early");
    }

    /** The class's last attribute is SourceFile (2 bytes of content): its length field is 6 bytes from the end. */
    private static int lastAttributeLengthOffset(byte[] c) {
        assertThat(ByteBuffer.wrap(c).getInt(c.length - 6)).isEqualTo(2);
        return c.length - 6;
    }
}
