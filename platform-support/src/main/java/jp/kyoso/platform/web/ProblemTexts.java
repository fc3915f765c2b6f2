package jp.kyoso.platform.web;

import org.springframework.http.HttpStatus;

/**
 * The wording of the problems that Spring MVC, Tomcat or Spring Security raise themselves (405, 406, 415, 404 ...):
 * Japanese first, then English, like every ApiProblem, in place of Spring's English-only defaults.
 */
public final class ProblemTexts {
    private ProblemTexts() {
    }

    public static String title(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "リクエストが正しくありません / Bad request";
            case UNAUTHORIZED -> "認証が必要です / Authentication required";
            case FORBIDDEN -> "権限がありません / Forbidden";
            case NOT_FOUND -> "見つかりません / Not found";
            case METHOD_NOT_ALLOWED -> "このメソッドは使えません / Method not allowed";
            case NOT_ACCEPTABLE -> "この形式では応答できません / Not acceptable";
            case CONFLICT -> "競合しています / Conflict";
            case CONTENT_TOO_LARGE -> "リクエストが大きすぎます / Request too large";
            case URI_TOO_LONG -> "URL が長すぎます / URI too long";
            case UNSUPPORTED_MEDIA_TYPE -> "この形式の本文は受け付けません / Unsupported media type";
            case UNPROCESSABLE_CONTENT -> "入力内容を確認してください / Invalid input";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "ヘッダーが大きすぎます / Request header fields too large";
            case TOO_MANY_REQUESTS -> "リクエストが多すぎます / Too many requests";
            case SERVICE_UNAVAILABLE -> "一時的に利用できません / Service unavailable";
            default -> status.is4xxClientError() ? "リクエストを処理できません / Request refused (" + status.value() + ")"
                    : "サーバーエラー / Server error";
        };
    }

    public static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "リクエストを解釈できません。URL のパーセントエンコーディングやパラメーターを確認してください / "
                    + "The request could not be understood: check the URL's percent-encoding and parameters";
            case NOT_FOUND -> "このパスには何もありません / There is nothing at this path";
            case METHOD_NOT_ALLOWED -> "このパスはこのメソッドに対応していません / This path does not support this method";
            case NOT_ACCEPTABLE -> "要求された形式 (Accept) では応答できません / No response is available in the "
                    + "requested format (Accept)";
            case CONTENT_TOO_LARGE -> "リクエストの本文が大きすぎます / The request body is too large";
            case URI_TOO_LONG -> "URL が長すぎます。検索語などを短くしてください / The URL is too long: shorten the query";
            case UNSUPPORTED_MEDIA_TYPE -> "本文は application/json で送ってください / Send the body as application/json";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "リクエストヘッダー (Cookie など) が大きすぎます / The request headers "
                    + "(cookies, for example) are too large";
            default -> status.is4xxClientError() ? "このリクエストは処理できません / This request cannot be processed"
                    : "予期しないエラーが発生しました。時間をおいて再度お試しください / Something went wrong; please try "
                    + "again later";
        };
    }
}
