package jp.kyoso.local;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath for the forked Kafka broker: the one this JVM runs with, since it has the kafka_2.13 jars.
 * <p>
 * Test runners such as Surefire may start the JVM with a single "manifest-only" jar whose Class-Path lists the real
 * jars; those are expanded so the broker gets the real entries.
 */
final class KafkaClasspath {

    private KafkaClasspath() {
    }

    static String current() {
        return expand(System.getProperty("java.class.path"));
    }

    static String expand(String classPath) {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            // absolute, because the broker runs in the data directory, not in ours
            Path path = Path.of(entry).toAbsolutePath().normalize();
            entries.add(path.toString());
            if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                entries.addAll(manifestClassPath(path));
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Set<String> manifestClassPath(Path jar) {
        Set<String> entries = new LinkedHashSet<>();
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            Manifest manifest = jarFile.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null) {
                return entries;
            }
            URI base = jar.toAbsolutePath().toUri();
            for (String token : classPath.trim().split("\\s+")) {
                try {
                    Path resolved = Path.of(base.resolve(token));
                    if (Files.exists(resolved)) {
                        entries.add(resolved.toString());
                    }
                } catch (IllegalArgumentException notAFileUri) {
                    // Class-Path may name things we cannot use (http URLs); the broker does not need them
                }
            }
        } catch (IOException e) {
            // not a readable jar: keep the entry itself and let the JVM decide
        }
        return entries;
    }
}
