package jp.kyoso.posts.citation;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;

/**
 * A law, ordinance, order or notice a post cites, as {@link CitationFinder} recognised it in the title and body.
 *
 * @param text     the matched span as written (full-width digits and 漢数字 as in the post)
 * @param name     the name, e.g. 住民基本台帳法, 那覇市手数料条例, 総務省自治行政局長通知, 〇〇について（通知）
 * @param article  the article with Arabic numerals (第12条, 第2条第3項, 第252条の17), or null
 * @param issuedOn the date of a notice (令和/平成/昭和 or western, as ISO yyyy-MM-dd), or null. A string rather than a
 *                 LocalDate in the document, so that no time zone of a server can move it by a day
 * @param issuer   who issued a notice when the text names a ministry, agency or prefecture (総務省, 沖縄県), or null
 */
public record Citation(CitationKind kind, String text, String name, String article,
                       @Schema(format = "date", example = "2023-03-31") String issuedOn, String issuer) {

    /** The date of issue, or null when the text gives none. */
    public LocalDate issuedDate() {
        return issuedOn == null ? null : LocalDate.parse(issuedOn);
    }
}
