package jp.kyoso.posts.post;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.platform.web.ProblemTexts;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.shared.TextLength;
import org.springframework.http.HttpStatus;

/** The limits of a post's content, in characters (code points), and the normal form of tags. */
public final class PostInput {
    public static final int MAX_TITLE = 200;
    public static final int MAX_BODY = 20_000;
    public static final int MAX_TAGS = 10;
    public static final int MAX_TAG = 30;

    private final List<ApiProblem.FieldProblem> problems = new ArrayList<>();

    public static PostInput check() {
        return new PostInput();
    }

    public PostInput title(String title) {
        if (title != null && title.isBlank()) {
            problems.add(new ApiProblem.FieldProblem("title", Messages.get("post.title.blank")));
        } else if (TextLength.of(title) > MAX_TITLE) {
            problems.add(new ApiProblem.FieldProblem("title",
                    Messages.get("post.title.too-long")));
        }
        return this;
    }

    public PostInput body(String body) {
        if (body != null && body.isBlank()) {
            problems.add(new ApiProblem.FieldProblem("body", Messages.get("post.body.blank")));
        } else if (TextLength.of(body) > MAX_BODY) {
            problems.add(new ApiProblem.FieldProblem("body",
                    Messages.get("post.body.too-long")));
        }
        return this;
    }

    /** Normalizes the tags (NFKC, lower case, without a leading #, without duplicates) and checks their limits. */
    public List<String> tags(List<String> tags) {
        if (tags == null) {
            return null;
        }
        Set<String> normalized = new LinkedHashSet<>();
        for (String tag : tags) {
            String value = normalizeTag(tag);
            if (value.isEmpty()) {
                continue;
            }
            if (TextLength.of(value) > MAX_TAG) {
                problems.add(new ApiProblem.FieldProblem("tags",
                        Messages.get("post.tag.too-long")));
                return List.of();
            }
            normalized.add(value);
        }
        if (normalized.size() > MAX_TAGS) {
            problems.add(new ApiProblem.FieldProblem("tags", Messages.get("post.tags.too-many")));
        }
        return List.copyOf(normalized);
    }

    public static String normalizeTag(String tag) {
        if (tag == null) {
            return "";
        }
        String value = Normalizer.normalize(tag, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip();
        while (value.startsWith("#")) {
            value = value.substring(1).strip();
        }
        return value;
    }

    /** Problems found by other rules (a session's schedule), reported together with these. */
    public List<ApiProblem.FieldProblem> problems() {
        return problems;
    }

    /** Throws a 400 problem naming every invalid field, if there is one. */
    public void orThrow() {
        if (!problems.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTexts.invalidInput(),
                    ProblemTexts.invalidFields(), problems);
        }
    }
}
