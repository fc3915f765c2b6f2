package jp.kyoso.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A throw-away repository root whose four service jars are {@link FakeService}.
 */
final class FakeRepository {

    private FakeRepository() {
    }

    static Path create(Path root) throws IOException {
        Files.createDirectories(root.resolve("local-platform"));
        Files.writeString(root.resolve("local-platform").resolve("pom.xml"), "<project/>");
        for (KyosoService service : KyosoService.values()) {
            Path jar = root.resolve(service.moduleName()).resolve("target").resolve(service.moduleName() + ".jar");
            Files.createDirectories(jar.getParent());
            writeFakeServiceJar(jar);
        }
        return root;
    }

    /** The stand-in service alone in a plain jar whose main class it is. */
    static void writeFakeServiceJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        String classFile = FakeService.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream in = FakeService.class.getClassLoader().getResourceAsStream(classFile)) {
            out.putNextEntry(new JarEntry(classFile));
            in.transferTo(out);
            out.closeEntry();
        }
    }
}
