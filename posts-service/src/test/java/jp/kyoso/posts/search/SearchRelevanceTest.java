package jp.kyoso.posts.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The relevance expectations of Japanese search on a corpus of municipal topics: the exact analysis and ranking the
 * service uses, without the service around it.
 */
class SearchRelevanceTest {
    static SearchEngine engine;

    @BeforeAll
    static void index() {
        engine = new SearchEngine(new ByteBuffersDirectory());
        for (List<SearchDocument> thread : SearchCorpus.threads()) {
            engine.replaceThread(thread.get(0).postId(), thread);
        }
        engine.refresh();
    }

    @AfterAll
    static void close() throws IOException {
        engine.close();
    }

    @Test
    void wordsAreFoundInsideUnspacedJapanese() {
        assertThat(keys("窓口")).contains("p-madoguchi", "p-madoguchi-body", "p-intro", "p-teduduki", "p-idou-body",
                "p-reply-parent/r-bousai-2");
        assertThat(keys("デジタル化")).contains("p-madoguchi", "p-intro");
        assertThat(keys("見直し")).contains("p-analog", "p-server", "p-dx");
    }

    @Test
    void fullWidthAndHalfWidthFormsAndLetterCaseMatch() {
        for (String query : List.of("DX", "dx", "ＤＸ", "ｄｘ")) {
            assertThat(keys(query)).as(query).containsExactly("p-dx");
        }
        for (String query : List.of("LGWAN", "ｌｇｗａｎ", "Lgwan")) {
            assertThat(keys(query)).as(query).containsExactly("p-lgwan");
        }
        // the title is written in half-width katakana
        assertThat(keys("マイナンバーカード")).containsExactly("p-hankaku");
        assertThat(keys("コンビニ")).containsExactly("p-hankaku");
    }

    @Test
    void katakanaLongVowelVariantsMatch() {
        assertThat(keys("サーバー")).containsExactlyInAnyOrder("p-server", "p-server-short");
        assertThat(keys("サーバ")).containsExactlyInAnyOrder("p-server", "p-server-short");
        assertThat(keys("ｻｰﾊﾞｰ")).containsExactlyInAnyOrder("p-server", "p-server-short");
    }

    @Test
    void okuriganaVariantsMatch() {
        List<String> applications = List.of("p-moushikomi", "p-moushikomi-kanji", "p-reply-parent/r-bousai-2");
        assertThat(keys("申込")).containsExactlyInAnyOrderElementsOf(applications);
        assertThat(keys("申込み")).containsExactlyInAnyOrderElementsOf(applications);
        assertThat(keys("申し込み")).containsExactlyInAnyOrderElementsOf(applications);
        assertThat(keys("手続")).containsExactlyInAnyOrder("p-teduduki", "p-moushikomi", "p-idou");
        assertThat(keys("手続き")).containsExactlyInAnyOrder("p-teduduki", "p-moushikomi", "p-idou");
        assertThat(keys("取扱")).containsExactly("p-moushikomi-kanji");
        assertThat(keys("受け付け")).contains("p-madoguchi", "p-idou", "p-reply-parent/r-bousai-2");
    }

    @Test
    void severalTermsMeanAnd() {
        assertThat(keys("子育て 支援 オンライン")).containsExactly("p-kosodate");
        assertThat(keys("子育て　支援")).containsExactlyInAnyOrder("p-kosodate", "p-kosodate-offline");
        assertThat(keys("窓口 タブレット")).containsExactly("p-madoguchi");
    }

    @Test
    void aPlaceNameDoesNotRankAWordItIsMerelyPartOfAboveItself() {
        List<String> kyoto = keys("京都");
        // 京都 as a word (of 京都府) first, in the title, then in the body; 東京都 contains the characters 京都 and
        // may be found for recall, but only after every word match, even when it is in the title and newer
        assertThat(kyoto).doesNotHaveDuplicates().startsWith("p-kyotofu", "p-kyotofu-body");
        assertThat(kyoto.subList(2, kyoto.size())).containsOnly("p-tokyoto", "p-tokyoto-title");
        assertThat(keys("東京都")).containsExactlyInAnyOrder("p-tokyoto", "p-tokyoto-title");
        assertThat(keys("京都府")).containsExactly("p-kyotofu", "p-kyotofu-body");
    }

    @Test
    void aQueryWhoseWordsAppearNowhereReturnsNothing() {
        assertThat(keys("量子コンピュータ")).isEmpty();
        assertThat(keys("窓口 量子コンピュータ")).isEmpty();
        assertThat(keys("ブロックチェーン")).isEmpty();
        assertThat(keys("   ")).isEmpty();
        assertThat(keys("の")).isEmpty();
    }

    @Test
    void aTitleMatchRanksAboveABodyMatchThenRelevanceThenRecency() {
        // p-idou-body is newer, but only its body has the word
        assertThat(keys("住民異動届")).containsExactly("p-idou", "p-idou-body");
        assertThat(keys("窓口").get(0)).isEqualTo("p-madoguchi");
        // two equal posts: the newer first
        assertThat(keys("公用車")).containsExactly("p-same-new", "p-same-old");
    }

    @Test
    void aTermWithNothingToSearchForDoesNotShareTheTitleTier() {
        // の is a particle: it is dropped, and 窓口 alone gets the whole tier, as if it had been typed alone
        assertThat(hit("窓口 の", "p-madoguchi", null).score()).isEqualTo(hit("窓口", "p-madoguchi", null).score());
        assertThat(hit("窓口 の", "p-madoguchi", null).score()).isGreaterThan(SearchQuery.TITLE_TIER);
    }

    @Test
    void snippetsShowTheMatchMarkedAndHitsInRepliesNameTheReply() {
        SearchHit madoguchi = hit("窓口", "p-madoguchi", null);
        assertThat(madoguchi.title()).isEqualTo("窓口業務のデジタル化");
        assertThat(madoguchi.snippet()).contains("<mark>窓口</mark>");
        assertThat(hit("住民異動届", "p-idou-body", null).snippet()).contains("<mark>住民異動届</mark>");
        // no word of the body is 民異動: the substring is marked
        assertThat(hit("民異動", "p-idou-body", null).snippet()).contains("住<mark>民異動</mark>届");
        assertThat(hit("サーバ", "p-server", null).snippet()).contains("<mark>サーバー</mark>");
        assertThat(hit("ｄｘ", "p-dx", null).snippet()).contains("<mark>ＤＸ</mark>");
        // NFKC changed the length of the half-width text; the mark still sits on the original characters
        assertThat(hit("コンビニ", "p-hankaku", null).snippet()).isEqualTo("<mark>ｺﾝﾋﾞﾆ</mark>交付の利用率が上がっています。");

        SearchHit reply = hit("窓口", "p-reply-parent", "r-bousai-2");
        assertThat(reply.title()).isEqualTo("防災無線の更新");
        assertThat(reply.snippet()).contains("<mark>窓口</mark>");
        assertThat(hit("申込", "p-reply-parent", "r-bousai-2").snippet()).contains("<mark>申込み</mark>");
    }

    @Test
    void filtersAndPagesWork() {
        assertThat(keys(engine.search("窓口", "introductions", null, 0, 20))).containsExactly("p-intro");
        assertThat(keys(engine.search("窓口", null, "ISSUE", 0, 20))).containsExactly("p-madoguchi");
        List<String> all = keys("窓口");
        SearchEngine.Result first = engine.search("窓口", null, null, 0, 4);
        SearchEngine.Result second = engine.search("窓口", null, null, 4, 4);
        assertThat(first.hasMore()).isTrue();
        assertThat(second.hasMore()).isFalse();
        assertThat(keys(first)).containsExactlyElementsOf(all.subList(0, 4));
        assertThat(keys(second)).containsExactlyElementsOf(all.subList(4, all.size()));
    }

    @Test
    void theWarmUpSearchRunsOnAnEmptyAndOnAFilledIndexAndChangesNothingInIt() throws IOException {
        try (SearchEngine own = new SearchEngine(new ByteBuffersDirectory())) {
            own.warmUp();
            assertThat(own.documentCount()).isZero();
            own.replaceThread("p1", List.of(new SearchDocument("p1", null, "general", "QUESTION", "住民票の写し",
                    "住民票の写しの交付申し込みは窓口で", Instant.now())));
            own.refresh();
            own.warmUp();
            assertThat(own.documentCount()).isEqualTo(1);
            assertThat(keys(own.search("住民票", null, null, 0, 10))).containsExactly("p1");
        }
    }

    @Test
    void aThreadThatIsHiddenOrDeletedDisappearsWithItsRepliesAndMarkupIsEscaped() throws IOException {
        try (SearchEngine own = new SearchEngine(new ByteBuffersDirectory())) {
            Instant now = Instant.now();
            own.replaceThread("p1", List.of(
                    new SearchDocument("p1", null, "general", "ISSUE", "防災無線", "<b>戸別受信機</b> & 防災", now),
                    new SearchDocument("p1", "r1", "general", "ISSUE", "防災無線", "戸別受信機の返信", now)));
            own.refresh();
            assertThat(keys(own.search("戸別受信機", null, null, 0, 10))).containsExactlyInAnyOrder("p1", "p1/r1");
            SearchHit post = own.search("防災", null, null, 0, 10).hits().get(0);
            assertThat(post.snippet()).contains("&lt;b&gt;戸別受信機&lt;&#x2F;b&gt; &amp; <mark>防災</mark>");

            own.replaceThread("p1", List.of());
            own.refresh();
            assertThat(own.search("戸別受信機", null, null, 0, 10).hits()).isEmpty();
        }
    }

    @Test
    void aSnippetOfALongBodyShowsTheMatchWhereverItIs() throws IOException {
        try (SearchEngine own = new SearchEngine(new ByteBuffersDirectory())) {
            String filler = "会議の議事録を共有します。".repeat(1500);
            String body = filler + "最後に戸別受信機の配布日程をお知らせします。";
            own.replaceThread("long", List.of(new SearchDocument("long", null, "general", "DISCUSSION", "長い投稿",
                    body, Instant.now())));
            own.refresh();
            SearchHit hit = own.search("戸別受信機", null, null, 0, 10).hits().get(0);
            assertThat(hit.snippet()).contains("<mark>戸別受信機</mark>の配布日程").hasSizeLessThan(220);
            // only the title matched: the beginning of the body, unmarked
            String titleOnly = own.search("長い投稿", null, null, 0, 10).hits().get(0).snippet();
            assertThat(titleOnly).startsWith("会議の議事録を共有します。").endsWith("…").doesNotContain("<mark>");
        }
    }

    @Test
    void textThatNormalizationMakesLongerIsIndexedAndMarkedOnTheOriginal() throws IOException {
        try (SearchEngine own = new SearchEngine(new ByteBuffersDirectory())) {
            // ㍿ becomes 株式会社 and ½ becomes 1⁄2 under NFKC: offsets must still never go backwards
            String body = "㍿の契約書と½の予算、ﬁle サーバ、ｶﾞｲﾄﾞﾗｲﾝ、①の手順。株式会社との協定。";
            own.replaceThread("nfkc", List.of(new SearchDocument("nfkc", null, "general", "DISCUSSION", "正規化",
                    body, Instant.now())));
            own.refresh();
            assertThat(keys(own.search("ガイドライン", null, null, 0, 10))).containsExactly("nfkc");
            assertThat(own.search("ガイドライン", null, null, 0, 10).hits().get(0).snippet())
                    .contains("<mark>ｶﾞｲﾄﾞﾗｲﾝ</mark>");
            assertThat(keys(own.search("協定", null, null, 0, 10))).containsExactly("nfkc");
            assertThat(own.search("株式会社", null, null, 0, 10).hits()).hasSize(1);
        }
    }

    private static SearchHit hit(String query, String postId, String replyId) {
        return engine.search(query, null, null, 0, 50).hits().stream()
                .filter(h -> h.postId().equals(postId) && java.util.Objects.equals(h.replyId(), replyId))
                .findFirst().orElseThrow(() -> new AssertionError(postId + " not found for " + query));
    }

    private static List<String> keys(String query) {
        return keys(engine.search(query, null, null, 0, 50));
    }

    private static List<String> keys(SearchEngine.Result result) {
        return result.hits().stream().map(h -> h.replyId() == null ? h.postId() : h.postId() + "/" + h.replyId())
                .toList();
    }
}
