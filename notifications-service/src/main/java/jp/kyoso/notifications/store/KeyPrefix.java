package jp.kyoso.notifications.store;

import org.springframework.data.mongodb.core.query.Criteria;

/**
 * The documents whose {@code _id} starts with a prefix (the keys we build as {@code <a>:<b>}), as the range
 * {@code prefix <= _id < prefix with its last character + 1}: the same documents as {@code /^prefix/}, read as one range
 * of the {@code _id} index. MongoDB turns such an anchored regex into those bounds too, but the embedded server of the
 * tests (strict index mode) does not plan a regex at all, and a range needs no quoting of the prefix.
 */
public final class KeyPrefix {
    private KeyPrefix() {
    }

    public static Criteria startingWith(String prefix) {
        char last = prefix.isEmpty() ? 0 : prefix.charAt(prefix.length() - 1);
        // an ASCII last character: + 1 orders the same in Java, in UTF-8 bytes (MongoDB) and in the embedded server
        if (last == 0 || last >= 0x7F) {
            throw new IllegalArgumentException("a key prefix ends with an ASCII character: " + prefix);
        }
        String after = prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
        return Criteria.where("_id").gte(prefix).lt(after);
    }
}
