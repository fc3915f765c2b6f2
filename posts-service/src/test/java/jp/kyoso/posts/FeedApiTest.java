package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FeedApiTest extends PostsServiceTest {

    @Test
    void theFeedIsNewestFirstWithAKeysetCursorAndFilters() {
        TestMember author = member("フィード 作者");
        Api api = api(author);
        List<String> published = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            published.add(api.publish(i % 2 == 0 ? "introductions" : "general", i % 3 == 0 ? "ISSUE" : "IDEA",
                    "投稿 " + i, "本文 " + i, i <= 2 ? "ＤＸ" : "窓口"));
        }
        List<String> newestFirst = new ArrayList<>(published);
        Collections.reverse(newestFirst);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Response page = api.get("/api/posts?author=" + author.id() + "&limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.items().forEach(item -> seen.add(item.get("id").asString()));
            JsonNode next = page.json().get("nextCursor");
            cursor = next.isNull() ? null : next.asString();
            pages++;
            if (pages == 1) {
                // a post of the same author published between two pages (so within the filter) shifts nothing
                api.publish("general", "IDEA", "割り込み", "本文");
            }
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(newestFirst);

        assertThat(ids(api.get("/api/posts?author=" + author.id() + "&channel=introductions")))
                .containsExactly(newestFirst.get(1), newestFirst.get(3), newestFirst.get(5));
        assertThat(ids(api.get("/api/posts?author=" + author.id() + "&kind=ISSUE")))
                .containsExactly(published.get(5), published.get(2));
        assertThat(ids(api.get("/api/posts?author=" + author.id() + "&tag=dx")))
                .containsExactly(published.get(1), published.get(0));
        assertThat(ids(api.get("/api/posts?author=" + author.id() + "&tag=" + Api.encode("ＤＸ"))))
                .containsExactly(published.get(1), published.get(0));
        assertThat(api.get("/api/posts?kind=POEM").status()).isEqualTo(400);
        assertThat(api.get("/api/posts?limit=101").status()).isEqualTo(400);
        assertThat(api.get("/api/posts?cursor=not-a-cursor").status()).isEqualTo(400);

        Api.Response defaultPage = api.get("/api/posts");
        assertThat(defaultPage.items().size()).isLessThanOrEqualTo(20);
        JsonNode first = defaultPage.items().get(0);
        assertThat(first.has("author")).isTrue();
        assertThat(first.has("replyCount")).isTrue();
    }

    @Test
    void hiddenAndDeletedPostsAreNotListed() {
        TestMember author = member("非表示 作者");
        String hidden = api(author).publish("general", "IDEA", "隠される", "本文");
        String deleted = api(author).publish("general", "IDEA", "消される", "本文");
        String kept = api(author).publish("general", "IDEA", "残る", "本文");
        assertThat(api(moderator("運営")).post("/api/posts/" + hidden + "/hide", Map.of()).status()).isEqualTo(204);
        assertThat(api(author).delete("/api/posts/" + deleted).status()).isEqualTo(204);

        assertThat(ids(api(author).get("/api/posts?author=" + author.id()))).containsExactly(kept);
        assertThat(ids(api(moderator("運営")).get("/api/posts?author=" + author.id()))).containsExactly(kept);
    }

    static List<String> ids(Api.Response page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.items().forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
