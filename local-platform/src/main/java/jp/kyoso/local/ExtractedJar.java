package jp.kyoso.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A service's Spring Boot jar unpacked once beside it ({@code <module>/target/extracted/<module>.jar} and its
 * {@code lib/}), the layout Spring Boot recommends for running: classes are read from plain jars on the class path
 * instead of through the nested-jar loader. Measured on the 2-core machine (README "Performance"): posts-service
 * spent 9.1-10.9 s of CPU up to its context refresh instead of 12.1-13.6 s, and four such JVMs start at once under
 * {@code ./kyoso up}.
 *
 * <p>The unpacked copy is made again when the jar changes (its size and modification time are kept in a stamp
 * beside it), so a build is never run from stale classes. A jar that is not a Spring Boot jar (the tests' stand-in
 * services), or one that cannot be unpacked, is run as it is.
 */
final class ExtractedJar {
    static final String DIRECTORY = "extracted";
    private static final String STAMP = ".extracted-from";
    private static final long EXTRACT_TIMEOUT_SECONDS = 120;
    private static final ConcurrentHashMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private ExtractedJar() {
    }

    /** The jar to run: the unpacked copy of {@code bootJar} (unpacking it first if needed), or the jar itself. */
    static Path runnable(Path bootJar, Path logFile) {
        Path jar = bootJar.toAbsolutePath().normalize();
        if (!isSpringBootJar(jar)) {
            return jar;
        }
        Path directory = jar.resolveSibling(DIRECTORY);
        synchronized (LOCKS.computeIfAbsent(directory, d -> new Object())) {
            try {
                String stamp = stampOf(jar);
                Path unpacked = directory.resolve(jar.getFileName());
                Path stampFile = directory.resolve(STAMP);
                if (Files.isRegularFile(unpacked) && Files.isRegularFile(stampFile)
                        && stamp.equals(Files.readString(stampFile, StandardCharsets.UTF_8))) {
                    return unpacked;
                }
                deleteRecursively(directory);
                if (!extract(jar, directory, logFile) || !Files.isRegularFile(unpacked)) {
                    deleteRecursively(directory);
                    return jar;
                }
                Files.writeString(stampFile, stamp, StandardCharsets.UTF_8);
                return unpacked;
            } catch (IOException e) {
                return jar;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return jar;
            }
        }
    }

    static boolean isSpringBootJar(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() != null
                    && file.getManifest().getMainAttributes().getValue("Spring-Boot-Version") != null;
        } catch (IOException notAJar) {
            return false;
        }
    }

    private static String stampOf(Path jar) throws IOException {
        return Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis() + " " + jar.getFileName();
    }

    /** Spring Boot's own extraction ({@code -Djarmode=tools ... extract}); its output goes to the service's log. */
    private static boolean extract(Path jar, Path directory, Path logFile) throws IOException, InterruptedException {
        Files.createDirectories(logFile.getParent());
        Process process = new ProcessBuilder(List.of(ChildProcesses.javaExecutable(), "-Djarmode=tools", "-jar",
                jar.toString(), "extract", "--destination", directory.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        if (!process.waitFor(EXTRACT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
