package jp.kyoso.posts.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** The warm-up runs its searches through the whole search path (index, MongoDB, snippets) and changes nothing. */
class SearchPathWarmUpTest extends PostsServiceTest {
    @Autowired
    PostSearch search;
    @Autowired
    SearchEngine engine;
    @Autowired
    SearchIndexer indexer;
    @Autowired
    MongoTemplate mongo;

    @Test
    void runsEverySearchItIsGivenAndLeavesThePostsAndTheIndexAsTheyWere() {
        await().atMost(Duration.ofSeconds(60)).until(() -> indexer.lastRebuild() != null);
        TestMember author = member("温め 確認");
        String marker = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String postId = api(author).publish("general", "QUESTION", "住民票の写しの交付 " + marker,
                "住民票の写しを窓口で受け取る手順を教えてください。", "窓口");
        await().atMost(Duration.ofSeconds(30)).until(() -> api(author).get("/api/search?q=" + Api.encode("住民票 " + marker))
                .items().stream().anyMatch(hit -> postId.equals(hit.path("postId").asString())));
        long posts = mongo.count(new Query(), "posts");
        int indexed = engine.documentCount();

        SearchPathWarmUp warmUp = new SearchPathWarmUp(search, new SearchProperties(Path.of("unused"), 12, null));

        assertThat(warmUp.run()).isEqualTo(12);
        assertThat(mongo.count(new Query(), "posts")).isEqualTo(posts);
        assertThat(engine.documentCount()).isEqualTo(indexed);
        assertThat(search.search("住民票の写し " + marker, null, null, null, null, 0, 10).items())
                .extracting(SearchHit::postId).contains(postId);
    }

    @Test
    void zeroOrANegativeNumberOfSearchesMeansNone() {
        assertThat(new SearchProperties(null, null, null).warmUpSearches()).isZero();
        assertThat(new SearchProperties(null, -5, null).warmUpSearches()).isZero();
        assertThat(new SearchPathWarmUp(search, new SearchProperties(null, 0, null)).run()).isZero();
    }
}
