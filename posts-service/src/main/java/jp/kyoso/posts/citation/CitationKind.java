package jp.kyoso.posts.citation;

/** What a post cites. */
public enum CitationKind {
    /** 法律: 〇〇法, 〇〇に関する法律, 日本国憲法. */
    LAW,
    /** 条例: 〇〇条例, 〇〇町〇〇条例. */
    ORDINANCE,
    /** 通知・通達・事務連絡: dated (令和5年3月31日付け…通知) or titled (〇〇について（通知）). */
    NOTICE,
    /** 政令・省令・規則: 〇〇法施行令, 〇〇法施行規則, 〇〇省令, 〇〇市〇〇規則. */
    ORDER
}
