package jp.kyoso.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM the launcher forks, with the orphan guard agent, ends when the launcher is gone: here a stand-in service that
 * watches a stand-in launcher (a sleeping process), which is then killed.
 */
class OrphanGuardTest {

    @TempDir
    Path temp;

    @Test
    void aChildEndsWhenTheProcessItWatchesIsGone() throws Exception {
        Path jar = temp.resolve("kyoso-orphan-guard.jar");
        OrphanGuardJar.write(jar);
        Process launcher = new ProcessBuilder("sleep", "600").start();
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process child = ChildProcesses.start(List.of(ChildProcesses.javaExecutable(), "-Xmx32m",
                        "-javaagent:" + jar + "=" + launcher.pid(), "-cp", System.getProperty("java.class.path"),
                        FakeService.class.getName()),
                Map.of("SERVER_PORT", Integer.toString(port)), temp, temp.resolve("child.log"));
        try {
            await("the child answers").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> TestHttp.get("http://127.0.0.1:" + port + "/actuator/health").statusCode() == 200);

            launcher.destroyForcibly();

            await("the child is gone").atMost(Duration.ofSeconds(20)).until(() -> !child.isAlive());
            assertThat(PortProbe.isFree(port)).isTrue();
            assertThat(temp.resolve("child.log")).content().contains("the launcher (pid " + launcher.pid() + ") is gone");
        } finally {
            child.destroyForcibly();
            launcher.destroyForcibly();
        }
    }

    @Test
    void theAgentJarHoldsOnlyTheGuard() throws Exception {
        Path jar = temp.resolve("guard.jar");
        OrphanGuardJar.write(jar);

        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Premain-Class"))
                    .isEqualTo(OrphanGuard.class.getName());
            assertThat(file.stream().map(java.util.jar.JarEntry::getName).filter(name -> name.endsWith(".class")))
                    .containsExactly("jp/kyoso/local/OrphanGuard.class");
        }
    }
}
