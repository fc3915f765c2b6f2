package jp.kyoso.notifications.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.store.KeyPrefix;
import jp.kyoso.notifications.support.NotificationsTestBase;
import jp.kyoso.notifications.support.TestMail;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/** Every rule of API.md on who hears of what, through real events on the broker and the inbox API. */
class FanOutRulesTest extends NotificationsTestBase {

    @Test
    void aReplyNotifiesThePostsAuthorAndWatchersButNeverTheReplierAndTheReplierWatchesFromThenOn() {
        TestMember author = member("比嘉 花子");
        TestMember watcher = member("金城 健");
        TestMember replier = member("宮城 誠");
        TestMember bystander = member("大城 学");
        String postId = unique("p");
        publishPost(postId, "general", "窓口のキャッシュレス化", author);
        assertThat(send("PUT", watcher, "/api/notifications/subscriptions/posts/" + postId,
                Map.of("level", "WATCHING")).getStatusCode().value()).isEqualTo(200);

        String reply = publishReply(postId, "窓口のキャッシュレス化", author, replier);
        await().atMost(Duration.ofSeconds(20)).until(() -> storedNotices(reply) == 2);
        JsonNode notice = inboxAbout(author, postId).get(0);
        assertThat(notice.get("type").asString()).isEqualTo("REPLY");
        assertThat(notice.get("actor").get("id").asString()).isEqualTo(replier.id());
        assertThat(notice.get("actor").get("displayName").asString()).isEqualTo("宮城 誠");
        assertThat(notice.get("title").asString()).isEqualTo("窓口のキャッシュレス化");
        assertThat(notice.get("read").asBoolean()).isFalse();
        assertThat(notice.has("replyId")).isTrue();
        assertThat(inboxAbout(watcher, postId)).extracting(n -> n.get("type").asString()).containsExactly("REPLY");
        assertThat(inboxAbout(replier, postId)).isEmpty();
        assertThat(inboxAbout(bystander, postId)).isEmpty();

        // the replier now watches the thread: the author's answer reaches them, and not the author herself
        String answer = publishReply(postId, "窓口のキャッシュレス化", author, author);
        await().atMost(Duration.ofSeconds(20)).until(() -> storedNotices(answer) == 2);
        assertThat(inboxAbout(replier, postId)).extracting(n -> n.get("type").asString()).containsExactly("REPLY");
        assertThat(inboxAbout(author, postId)).hasSize(1);
    }

    @Test
    void aMentionReachesAMemberWhoDoesNotWatchAndAReplyThatIsAlsoAMentionGivesOneNotice() {
        TestMember author = member("儀間 聡子");
        TestMember replier = member("佐藤 泰格");
        TestMember outsider = member("中沢 駿太");
        String postId = unique("p");
        publishPost(postId, "introductions", "久米島町の儀間です", author);

        String reply = publishReply(postId, "久米島町の儀間です", author, replier, author, outsider);
        await().atMost(Duration.ofSeconds(20)).until(() -> storedNotices(reply) == 2);
        assertThat(inboxAbout(author, postId)).extracting(n -> n.get("type").asString()).containsExactly("MENTION");
        assertThat(inboxAbout(outsider, postId)).extracting(n -> n.get("type").asString()).containsExactly("MENTION");

        // a mention in a new post, too, and a mention of oneself is no notice
        String second = unique("p");
        String event = publishPost(second, "general", "@メンションの確認", outsider, author, outsider);
        await().atMost(Duration.ofSeconds(20)).until(() -> storedNotices(event) == 1);
        assertThat(inboxAbout(author, second)).extracting(n -> n.get("type").asString()).containsExactly("MENTION");
        assertThat(inboxAbout(outsider, second)).isEmpty();
    }

    @Test
    void watchingAChannelNotifiesOfEachNewPostButNotOfReplies() {
        TestMember manager = member("冨岡 佳子", "MODERATOR");
        TestMember newcomer = member("新人 太郎");
        TestMember replier = member("返信 次郎");
        String channel = unique("intro");
        publishChannel(channel);
        assertThat(send("PUT", manager, "/api/notifications/subscriptions/channels/" + channel,
                Map.of("level", "WATCHING")).getBody()).contains("WATCHING");

        String postId = unique("p");
        String published = publishPost(postId, channel, "はじめまして", newcomer);
        await().atMost(Duration.ofSeconds(20)).until(() -> storedNotices(published) == 1);
        JsonNode notice = inboxAbout(manager, postId).get(0);
        assertThat(notice.get("type").asString()).isEqualTo("WATCHED_CHANNEL_POST");
        assertThat(notice.get("channel").asString()).isEqualTo(channel);
        assertThat(notice.get("snippet").asString()).isEqualTo("はじめまして の本文です。");

        String reply = publishReply(postId, "はじめまして", newcomer, replier);
        await().atMost(Duration.ofSeconds(20)).until(() -> storedNotices(reply) == 1);
        assertThat(inboxAbout(manager, postId)).hasSize(1);
        assertThat(inboxAbout(newcomer, postId)).extracting(n -> n.get("type").asString()).containsExactly("REPLY");
    }

    @Test
    void aReactionNotifiesThePostsAuthorUnlessSheReactedHerself() {
        TestMember author = member("上原 美咲");
        TestMember fan = member("玉城 翔");
        String postId = unique("p");
        publishPost(postId, "general", "RPA の導入事例", author);
        String own = reaction(postId, author, author, "👍");
        String other = reaction(postId, author, fan, "🎉");
        await().atMost(Duration.ofSeconds(20)).until(() -> storedNotices(other) == 1);
        assertThat(storedNotices(own)).isZero();
        JsonNode notice = inboxAbout(author, postId).get(0);
        assertThat(notice.get("type").asString()).isEqualTo("REACTION");
        assertThat(notice.get("snippet").asString()).isEqualTo("🎉");
    }

    @Test
    void anAnnouncementReachesEveryActiveMemberEvenThoseWhoMutedTheChannelButNotItsAuthorNorFormerMembers()
            throws Exception {
        TestMember manager = member("冨岡 佳子", "MODERATOR");
        TestMember muter = member("静か 好子");
        TestMember plain = member("普通 太郎");
        TestMember leaver = member("退会 予定");
        TestMember digester = member("まとめ 派");
        TestMember offline = member("メール 不要");
        send("PUT", muter, "/api/notifications/subscriptions/channels/announcements", Map.of("level", "MUTED"));
        send("PUT", digester, "/api/notifications/preferences", Map.of("email", "DAILY_DIGEST"));
        send("PUT", offline, "/api/notifications/preferences", Map.of("email", "OFF"));
        publish(MEMBERS, leaver.id(), "kyoso.members.MemberDeactivated.v1",
                Map.of("memberId", leaver.id(), "deactivatedAt", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> directory.find(leaver.id()).deactivated());

        String postId = unique("p");
        String event = publish(POSTS, postId, "kyoso.posts.PostPublished.v1",
                post(postId, "announcements", "ANNOUNCEMENT", "那覇で勉強会を開催します", manager.id(), List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxAbout(plain, postId).size() == 1);
        assertThat(inboxAbout(muter, postId)).extracting(n -> n.get("type").asString())
                .containsExactly("ANNOUNCEMENT");
        assertThat(inboxAbout(manager, postId)).isEmpty();
        assertThat(mongo.exists(Query.query(Criteria.where("_id").is(leaver.id() + ":" + event)), "notifications"))
                .isFalse();

        // one queued delivery mails everybody who wants mail at once, once each; the digest readers' notice waits
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Document job = mongo.findById("email:announcement:" + event, Document.class, "deliveries");
            return job != null && "SENT".equals(job.getString("status"));
        });
        for (TestMember member : List.of(plain, muter)) {
            List<MimeMessage> mails = TestMail.to(member.email());
            assertThat(mails).as(member.displayName()).hasSize(1);
            assertThat(mails.get(0).getSubject()).contains("お知らせ: 「那覇で勉強会を開催します」");
        }
        assertThat(TestMail.to(digester.email())).isEmpty();
        assertThat(TestMail.to(offline.email())).isEmpty();
        assertThat(TestMail.to(manager.email())).isEmpty();
        assertThat(mongo.findById(digester.id() + ":" + event, Document.class, "notifications").getString("mailMode"))
                .isEqualTo("DIGEST");
        Document job = mongo.findById("email:announcement:" + event, Document.class, "deliveries");
        assertThat(job.getInteger("sentCount")).isGreaterThanOrEqualTo(2);
        assertThat(job.getInteger("failedCount")).isZero();
        assertThat(mongo.count(Query.query(KeyPrefix.startingWith(event + ":")), "announcement_recipients")).isZero();
        assertThat(mongo.count(Query.query(Criteria.where("memberId").is(plain.id()).and("kind").is("INSTANT")),
                "deliveries")).isZero();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> TestMail.to(plain.email()).size() == 1);
    }

    @Test
    void aReportReachesEveryModeratorButNotTheReporterNorOrdinaryMembers() {
        TestMember moderator = member("監視 一郎", "MODERATOR");
        TestMember admin = member("管理 花子", "ADMIN");
        TestMember reporter = member("通報 次郎", "MODERATOR");
        TestMember member = member("一般 三郎");
        String postId = unique("p");
        String event = publish(POSTS, postId, "kyoso.posts.ReportFiled.v1", Map.of("postId", postId,
                "reportId", unique("rep"), "channelSlug", "general", "postTitle", "怪しい投稿",
                "reporterId", reporter.id(), "reason", "宣伝です", "reportCount", 2, "at", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> inboxAbout(moderator, postId).size() == 1
                && inboxAbout(admin, postId).size() == 1);
        JsonNode notice = inboxAbout(moderator, postId).get(0);
        assertThat(notice.get("type").asString()).isEqualTo("REPORT");
        assertThat(notice.get("snippet").asString()).isEqualTo("宣伝です");
        // reporters stay anonymous: the notice comes from the system
        assertThat(notice.get("actor").get("id").isNull()).isTrue();
        assertThat(notice.get("actor").get("displayName").asString()).isEqualTo("Kyoso 共創");
        assertThat(notice.toString()).doesNotContain(reporter.id());
        assertThat(inboxAbout(reporter, postId)).isEmpty();
        assertThat(inboxAbout(member, postId)).isEmpty();
        assertThat(storedNotices(event)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aModeratorWhoMutedThePostOrItsChannelStillHearsOfItsReports() {
        TestMember postMuter = member("消音 監視", "MODERATOR");
        TestMember channelMuter = member("チャンネル 監視", "MODERATOR");
        TestMember author = member("作者 二子");
        String channel = unique("ch");
        String postId = unique("p");
        publishPost(postId, channel, "通報される投稿", author);
        send("PUT", postMuter, "/api/notifications/subscriptions/posts/" + postId, Map.of("level", "MUTED"));
        send("PUT", channelMuter, "/api/notifications/subscriptions/channels/" + channel, Map.of("level", "MUTED"));
        // the same mute silences a reply that mentions them
        String reply = publish(POSTS, postId, "kyoso.posts.ReplyAdded.v1", Map.of("postId", postId,
                "replyId", unique("r"), "channelSlug", channel, "postTitle", "通報される投稿",
                "postAuthorId", author.id(), "authorId", author.id(), "excerpt", "返信",
                "mentionedMemberIds", List.of(postMuter.id(), channelMuter.id()), "createdAt", Instant.now().toString()));
        String report = publish(POSTS, postId, "kyoso.posts.ReportFiled.v1", Map.of("postId", postId,
                "reportId", unique("rep"), "channelSlug", channel, "postTitle", "通報される投稿",
                "reporterId", author.id(), "reason", "不適切", "reportCount", 1, "at", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(reply) && processed(report));
        assertThat(inboxAbout(postMuter, postId)).extracting(n -> n.get("type").asString()).containsExactly("REPORT");
        assertThat(inboxAbout(channelMuter, postId)).extracting(n -> n.get("type").asString())
                .containsExactly("REPORT");
    }

    @Test
    void mutedSilencesRepliesMentionsAndReactionsAndAnExplicitlyWatchedPostStaysAudibleInAMutedChannel() {
        TestMember author = member("作者 一子");
        TestMember replier = member("返信 二郎");
        TestMember channelMuter = member("チャンネル 消音");
        String channel = unique("ch");
        String postId = unique("p");
        publishPost(postId, channel, "消音の確認", author);
        send("PUT", author, "/api/notifications/subscriptions/posts/" + postId, Map.of("level", "MUTED"));
        send("PUT", channelMuter, "/api/notifications/subscriptions/channels/" + channel, Map.of("level", "MUTED"));

        String reply = publish(POSTS, postId, "kyoso.posts.ReplyAdded.v1", Map.of("postId", postId,
                "replyId", unique("r"), "channelSlug", channel, "postTitle", "消音の確認", "postAuthorId", author.id(),
                "authorId", replier.id(), "excerpt", "返信", "mentionedMemberIds",
                List.of(author.id(), channelMuter.id()), "createdAt", Instant.now().toString()));
        String react = reaction(postId, author, replier, "👀");
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(reply) && processed(react));
        assertThat(storedNotices(reply)).isZero();
        assertThat(storedNotices(react)).isZero();

        // the channel stays muted, the post is watched explicitly: its replies are heard again
        send("PUT", channelMuter, "/api/notifications/subscriptions/posts/" + postId, Map.of("level", "WATCHING"));
        String next = publish(POSTS, postId, "kyoso.posts.ReplyAdded.v1", Map.of("postId", postId,
                "replyId", unique("r"), "channelSlug", channel, "postTitle", "消音の確認", "postAuthorId", author.id(),
                "authorId", replier.id(), "excerpt", "もう一度", "mentionedMemberIds", List.of(),
                "createdAt", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> storedNotices(next) == 1);
        assertThat(inboxAbout(channelMuter, postId)).extracting(n -> n.get("type").asString())
                .containsExactly("REPLY");
    }

    @Test
    void aTypeSwitchedOffInThePreferencesIsNotNotifiedAndAMentionFallsBackToReplyIfOnlyMentionsAreOff() {
        TestMember author = member("設定 好子");
        TestMember replier = member("返信 三郎");
        assertThat(send("PUT", author, "/api/notifications/preferences", Map.of("email", "OFF",
                "types", Map.of("MENTION", false, "REACTION", false))).getStatusCode().value()).isEqualTo(200);
        String postId = unique("p");
        publishPost(postId, "general", "設定の確認", author);
        String react = reaction(postId, author, replier, "👍");
        String reply = publishReply(postId, "設定の確認", author, replier, author);
        await().atMost(Duration.ofSeconds(20)).until(() -> storedNotices(reply) == 1);
        assertThat(storedNotices(react)).isZero();
        assertThat(inboxAbout(author, postId)).extracting(n -> n.get("type").asString()).containsExactly("REPLY");
    }

    @Test
    void anActivatedMemberIsWelcomedAndAnEditThatMentionsSomeoneNewNotifiesThem() {
        TestMember newcomer = member("歓迎 される");
        await().atMost(Duration.ofSeconds(20)).until(() -> inbox(newcomer).stream()
                .anyMatch(n -> "WELCOME".equals(n.get("type").asString())));
        // nobody caused it: the actor is the system, an object all the same
        JsonNode actor = inbox(newcomer).get(0).get("actor");
        assertThat(actor.isObject()).isTrue();
        assertThat(actor.get("id").isNull()).isTrue();
        assertThat(actor.get("displayName").asString()).isEqualTo("Kyoso 共創");

        TestMember editor = member("編集 する");
        String postId = unique("p");
        publishPost(postId, "general", "編集の確認", editor);
        String edit = publish(POSTS, postId, "kyoso.posts.PostEdited.v1", Map.of("postId", postId,
                "channelSlug", "general", "title", "編集の確認", "excerpt", "@newcomer を追加", "tags", List.of(),
                "editorId", editor.id(), "authorId", editor.id(), "mentionedMemberIds", List.of(newcomer.id()),
                "editedAt", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> storedNotices(edit) == 1);
        assertThat(inboxAbout(newcomer, postId)).extracting(n -> n.get("type").asString()).containsExactly("MENTION");

        // a deleted post takes its notices with it
        publish(POSTS, postId, "kyoso.posts.PostDeleted.v1", Map.of("postId", postId, "channelSlug", "general",
                "deletedBy", editor.id(), "deletedAt", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> inboxAbout(newcomer, postId).isEmpty());
    }

    @Test
    void aHandleWithUnderscoresStaysIntactInTheInboxTheMailAndSlack() throws Exception {
        TestMember author = member("下線 作者");
        TestMember mentioned = member("下線 読者");
        String path = unique("underscore");
        send("PUT", mentioned, "/api/notifications/preferences",
                Map.of("email", "INSTANT", "slackWebhookUrl", jp.kyoso.notifications.support.FakeSlack.get().url(path)));
        String postId = unique("p");
        String excerpt = "@audit_iz5map さん、@naha_dx_team と一緒に確認をお願いします";
        publish(POSTS, postId, "kyoso.posts.PostPublished.v1", Map.of("postId", postId, "channelSlug", "general",
                "kind", "DISCUSSION", "title", "下線の確認", "excerpt", excerpt, "tags", List.of(),
                "authorId", author.id(), "mentionedMemberIds", List.of(mentioned.id()),
                "createdAt", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> !inboxAbout(mentioned, postId).isEmpty());
        assertThat(inboxAbout(mentioned, postId).get(0).get("snippet").asString()).isEqualTo(excerpt);
        await().atMost(Duration.ofSeconds(20)).until(() -> !jp.kyoso.notifications.support.TestMail
                .to(mentioned.email()).isEmpty());
        String mail = (String) jp.kyoso.notifications.support.TestMail.to(mentioned.email()).get(0).getContent();
        assertThat(mail).contains(excerpt);
        await().atMost(Duration.ofSeconds(20)).until(() -> !jp.kyoso.notifications.support.FakeSlack.get()
                .accepted(path).isEmpty());
        assertThat(jp.kyoso.notifications.support.FakeSlack.get().accepted(path).get(0))
                .contains("@audit_iz5map").contains("@naha_dx_team");
    }

    @Test
    void aDeactivatedMembersNameDisappearsFromOtherInboxesAndTheirOwnInboxIsErased() {
        TestMember author = member("残る 人");
        TestMember leaver = member("去る 人");
        String postId = unique("p");
        publishPost(postId, "general", "退会の確認", author);
        String reply = publishReply(postId, "退会の確認", author, leaver);
        await().atMost(Duration.ofSeconds(20)).until(() -> storedNotices(reply) == 1);
        publish(MEMBERS, leaver.id(), "kyoso.members.MemberDeactivated.v1",
                Map.of("memberId", leaver.id(), "deactivatedAt", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> inboxAbout(author, postId).get(0).get("actor")
                .path("former").asBoolean());
        // the very words and shape posts-service gives an author who has left
        assertThat(inboxAbout(author, postId).get(0).get("actor").get("displayName").asString())
                .isEqualTo("退会したメンバー");
        assertThat(inboxAbout(author, postId).get(0).get("actor").get("id").asString()).isEqualTo(leaver.id());
        assertThat(inboxAbout(author, postId).get(0).get("actor").toString()).doesNotContain("去る 人");
        assertThat(inbox(leaver)).isEmpty();
        assertThat(directory.find(leaver.id()).email()).isNull();
        // an old profile event, delivered late, does not bring the data back
        String late = publish(MEMBERS, leaver.id(), "kyoso.members.MemberProfileUpdated.v1",
                Map.of("memberId", leaver.id(), "displayName", "去る 人", "email", leaver.email()));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed("notifications-service.members", late));
        assertThat(directory.find(leaver.id()).email()).isNull();
        assertThat(directory.find(leaver.id()).displayName()).isNull();
        // and a former member is mentioned in vain
        String mention = publishReply(postId, "退会の確認", author, author, leaver);
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(mention));
        assertThat(storedNotices(mention)).isZero();
    }

    private String reaction(String postId, TestMember author, TestMember reactor, String emoji) {
        return publish(POSTS, postId, "kyoso.posts.ReactionAdded.v1", Map.of("postId", postId,
                "channelSlug", "general", "postTitle", "t", "postAuthorId", author.id(), "memberId", reactor.id(),
                "emoji", emoji, "at", Instant.now().toString()));
    }

    private boolean processed(String eventId) {
        return processed("notifications-service.posts", eventId);
    }
}
