package jp.kyoso.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes the agent jar of {@link OrphanGuard}: its one class and a manifest, nothing else, so that the agent puts no
 * other class on a service's classpath.
 */
final class OrphanGuardJar {

    private OrphanGuardJar() {
    }

    /** The JVM option that makes a child watch this launcher. */
    static String javaOption(Path jar) {
        return "-javaagent:" + jar.toAbsolutePath() + "=" + ProcessHandle.current().pid();
    }

    static void write(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), OrphanGuard.class.getName());
        String entry = OrphanGuard.class.getName().replace('.', '/') + ".class";
        Files.createDirectories(jar.getParent());
        Path temporary = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (InputStream classFile = OrphanGuard.class.getClassLoader().getResourceAsStream(entry);
             OutputStream file = Files.newOutputStream(temporary);
             JarOutputStream out = new JarOutputStream(file, manifest)) {
            if (classFile == null) {
                throw new IOException("cannot read " + entry + " from the launcher's classpath");
            }
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
        // a child starting at this moment (a restart) must never see half a jar
        Files.move(temporary, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
