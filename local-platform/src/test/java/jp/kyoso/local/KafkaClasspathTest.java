package jp.kyoso.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClasspathTest {

    @TempDir
    Path temp;

    @Test
    void expandsAManifestOnlyJarAsTestRunnersUseThem() throws Exception {
        Path lib = Files.createDirectories(temp.resolve("lib"));
        Path kafkaJar = Files.createFile(lib.resolve("kafka_2.13.jar"));
        Path booter = temp.resolve("booter.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, kafkaJar.toUri() + " lib/missing.jar");
        try (OutputStream out = Files.newOutputStream(booter); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }

        String classpath = KafkaClasspath.expand(booter + File.pathSeparator + "relative-dir");

        assertThat(classpath.split(File.pathSeparator)).containsExactly(
                booter.toString(), kafkaJar.toString(), Path.of("relative-dir").toAbsolutePath().toString());
    }
}
