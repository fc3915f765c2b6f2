package jp.kyoso.posts.answer;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.posts.post.PostView;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A question's answer (解決済み): {@code PUT} chooses a reply of its thread, {@code DELETE} takes the choice back. */
@RestController
@Tag(name = "posts", description = "投稿 / Posts")
@RequestMapping("/api/posts/{postId}/answer")
class AnswerController {
    private final Answers answers;

    AnswerController(Answers answers) {
        this.answers = answers;
    }

    @PutMapping
    @Operation(operationId = "chooseAnswer",
            summary = "返信を質問の回答に選ぶ（質問者かモデレーター） / Choose a reply as the question's answer (asker or moderator)")
    PostView choose(@AuthenticationPrincipal Jwt jwt, @PathVariable String postId,
                    @Valid @RequestBody ChooseAnswerRequest request) {
        CurrentMember member = CurrentMember.of(jwt);
        return PostView.of(answers.choose(postId, request.replyId().strip(), member), member.id());
    }

    @DeleteMapping
    @Operation(operationId = "removeAnswer",
            summary = "回答の選択を取り消す（質問者かモデレーター） / Take back the chosen answer (asker or moderator)")
    PostView takeBack(@AuthenticationPrincipal Jwt jwt, @PathVariable String postId) {
        CurrentMember member = CurrentMember.of(jwt);
        return PostView.of(answers.takeBack(postId, member), member.id());
    }
}
