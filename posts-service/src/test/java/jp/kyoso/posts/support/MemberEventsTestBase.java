package jp.kyoso.posts.support;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A test that plays members-service: it sends member events to kyoso.members.v1 ({@link #members}) and waits, at most
 * {@link #PROJECTION}, for posts-service's projection of them in {@link #mongo}.
 */
public abstract class MemberEventsTestBase extends PostsServiceTest {
    protected static final Duration PROJECTION = Duration.ofSeconds(30);

    @Autowired
    protected MongoTemplate mongo;
    protected MemberEvents members;

    @BeforeEach
    void openMemberEvents() {
        members = new MemberEvents(kafka());
    }

    @AfterEach
    void closeMemberEvents() {
        members.close();
    }
}
