package jp.kyoso.posts.support;

import jp.kyoso.testsupport.EmbeddedInfrastructure;
import jp.kyoso.testsupport.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one Spring context of the integration tests (the same configuration as ServiceStartsTest, so it is started once
 * per test run): the real service on a random port, a real Kafka broker, the MongoDB-wire server and RS256 tokens.
 * Tests share the database, so each makes its own members (random ids and handles) and its own posts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = {EmbeddedInfrastructure.class, TestTokens.class})
public abstract class PostsServiceTest {
    @LocalServerPort
    protected int port;

    protected Api api(TestMember member) {
        return new Api("http://localhost:" + port, member == null ? null : member.token());
    }

    protected Api anonymous() {
        return api(null);
    }

    protected static TestMember member(String name) {
        return TestMember.create(name, "MEMBER");
    }

    protected static TestMember moderator(String name) {
        return TestMember.create(name, "MEMBER", "MODERATOR");
    }

    protected static TestMember admin(String name) {
        return TestMember.create(name, "MEMBER", "ADMIN");
    }

    protected static String kafka() {
        return EmbeddedInfrastructure.kafkaBootstrapServers();
    }
}
