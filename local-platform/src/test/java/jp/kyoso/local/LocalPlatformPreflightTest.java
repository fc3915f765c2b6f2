package jp.kyoso.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the platform checks before it starts anything.
 */
class LocalPlatformPreflightTest {

    @TempDir
    Path temp;

    @Test
    void missingServiceJarsAreNamedAndNothingStarts() throws Exception {
        Path repository = temp.resolve("repo");
        Files.createDirectories(repository.resolve("local-platform"));
        LocalPlatform platform = LocalPlatform.builder()
                .repositoryRoot(repository).dataDir(temp.resolve("data")).ports(Ports.randomFree())
                .progress(line -> { })
                .build();

        assertThatThrownBy(platform::start)
                .isInstanceOf(PlatformStartException.class)
                .hasMessageContaining("members-service/target/members-service.jar")
                .hasMessageContaining("gateway/target/gateway.jar")
                .hasMessageContaining("./mvnw -q -DskipTests package");
        assertThat(temp.resolve("data").resolve("kafka")).doesNotExist();
    }

    @Test
    void aTakenPortIsNamedAndNothingStarts() throws Exception {
        Ports ports = Ports.randomFree();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("localhost", ports.mongo()));
            LocalPlatform platform = LocalPlatform.builder()
                    .dataDir(temp.resolve("data")).ports(ports).services(false)
                    .progress(line -> { })
                    .build();

            assertThatThrownBy(platform::start)
                    .isInstanceOf(PlatformStartException.class)
                    .hasMessageContaining("port " + ports.mongo() + " (mongo) is already in use");
        }
        assertThat(temp.resolve("data").resolve("kafka")).doesNotExist();
    }
}
