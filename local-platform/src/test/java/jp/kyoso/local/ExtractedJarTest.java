package jp.kyoso.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.loader.tools.Library;
import org.springframework.boot.loader.tools.LibraryScope;
import org.springframework.boot.loader.tools.Repackager;

class ExtractedJarTest {
    @TempDir
    Path target;

    @Test
    void aJarThatIsNotSpringBootsRunsAsItIs() throws IOException {
        Path jar = plainJar(target.resolve("posts-service.jar"));
        assertThat(ExtractedJar.runnable(jar, target.resolve("logs/posts-service.log"))).isEqualTo(jar);
        assertThat(target.resolve(ExtractedJar.DIRECTORY)).doesNotExist();
    }

    @Test
    void aSpringBootJarRunsFromItsUnpackedCopyWhichIsMadeAgainWhenTheJarChanges() throws IOException {
        Path jar = bootJar(target.resolve("posts-service.jar"));
        Path log = target.resolve("logs/posts-service.log");

        Path runnable = ExtractedJar.runnable(jar, log);
        assertThat(runnable).as(() -> "unpacked, or else the extraction's output: " + readQuietly(log))
                .isEqualTo(target.resolve("extracted/posts-service.jar"));
        try (JarFile unpacked = new JarFile(runnable.toFile())) {
            // a plain jar: the stand-in is its main class, its libraries on the manifest's class path
            assertThat(unpacked.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(FakeService.class.getName());
            assertThat(unpacked.getEntry(FakeService.class.getName().replace('.', '/') + ".class")).isNotNull();
        }

        Path marker = target.resolve("extracted/marker");
        Files.writeString(marker, "kept while the jar is the same");
        assertThat(ExtractedJar.runnable(jar, log)).isEqualTo(runnable);
        assertThat(marker).exists();

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        assertThat(ExtractedJar.runnable(jar, log)).isEqualTo(runnable);
        assertThat(marker).as("a changed jar is unpacked again").doesNotExist();
        assertThat(runnable).exists();
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Path bootJar(Path jar) throws IOException {
        plainJar(jar);
        // Spring Boot's extraction tool (its jar mode) runs on spring-core and Commons Logging, as in every service's jar
        new Repackager(jar.toFile()).repackage(callback -> {
            callback.library(new Library(jarOf(org.springframework.util.ClassUtils.class), LibraryScope.COMPILE));
            callback.library(new Library(jarOf(org.apache.commons.logging.LogFactory.class), LibraryScope.COMPILE));
        });
        assertThat(ExtractedJar.isSpringBootJar(jar)).isTrue();
        return jar;
    }

    private static Path plainJar(Path jar) throws IOException {
        FakeRepository.writeFakeServiceJar(jar);
        return jar;
    }
}
