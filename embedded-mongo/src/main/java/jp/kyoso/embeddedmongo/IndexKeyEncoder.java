package jp.kyoso.embeddedmongo;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * Turns index key values into strings whose natural order ({@link String#compareTo}) is the order of mongo-java-server's
 * own {@code ValueComparator}: null/missing, numbers, strings, documents, arrays, binary, UUIDs, ObjectIds, booleans,
 * dates, timestamps, regular expressions. Every char of the result is a byte (0..255), so a key followed by
 * {@link #AFTER_ALL} is above every key that starts with it.
 * <p>
 * Each encoded value is prefix-free (fixed length, or escaped and terminated), which is what lets a descending key
 * component be stored with every byte inverted: the inverted encodings sort in exactly the reverse order.
 * <p>
 * All numbers are encoded as doubles, so {@code 1}, {@code 1L} and {@code 1.0} get the same key, as the matcher treats
 * them as equal; two longs above 2^53 that differ only in their last bits share a key, which only widens a scan (the
 * document filter still decides).
 */
final class IndexKeyEncoder {

    static final char AFTER_ALL = '\uFFFF';

    private static final int MIN_KEY = 0x05;
    private static final int NULL = 0x10;
    private static final int NUMBER = 0x20;
    private static final int STRING = 0x30;
    private static final int DOCUMENT = 0x40;
    private static final int ARRAY = 0x50;
    private static final int BIN_DATA = 0x60;
    private static final int LEGACY_UUID = 0x64;
    private static final int UUID_TYPE = 0x68;
    private static final int OBJECT_ID = 0x70;
    private static final int BOOLEAN = 0x80;
    private static final int DATE = 0x90;
    private static final int TIMESTAMP = 0xA0;
    private static final int REGEX = 0xB0;
    private static final int OTHER = 0xE0;
    private static final int MAX_KEY = 0xF0;

    private IndexKeyEncoder() {
    }

    /**
     * Whether {@link #encode} gives values the same key exactly when the matcher calls them equal, and orders them as
     * the matcher does; only such values may bound an index scan.
     */
    static boolean isExactlyOrdered(Object value) {
        return Missing.isNullOrMissing(value) || value instanceof Number || value instanceof String
            || value instanceof ObjectId || value instanceof Boolean || value instanceof Instant
            || value instanceof UUID || value instanceof MinKey || value instanceof MaxKey;
    }

    static String encode(Object value, boolean ascending) {
        StringBuilder out = new StringBuilder(16);
        append(out, value, ascending);
        return out.toString();
    }

    static void append(StringBuilder out, Object value, boolean ascending) {
        int start = out.length();
        appendAscending(out, value);
        if (!ascending) {
            for (int i = start; i < out.length(); i++) {
                out.setCharAt(i, (char) (0xFF - out.charAt(i)));
            }
        }
    }

    private static void appendAscending(StringBuilder out, Object value) {
        if (Missing.isNullOrMissing(value)) {
            out.append((char) NULL);
        } else if (value instanceof MinKey) {
            out.append((char) MIN_KEY);
        } else if (value instanceof MaxKey) {
            out.append((char) MAX_KEY);
        } else if (value instanceof Number) {
            out.append((char) NUMBER);
            double d = ((Number) value).doubleValue();
            if (d == 0.0) {
                d = 0.0; // -0.0 equals 0.0 for the matcher
            }
            long bits = Double.doubleToLongBits(d);
            // the IEEE bits as an unsigned, order-preserving number: Double.compare's order (NaN last)
            bits = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
            appendLong(out, bits);
        } else if (value instanceof String) {
            out.append((char) STRING);
            appendString(out, (String) value);
        } else if (value instanceof Map) {
            out.append((char) DOCUMENT);
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                out.append((char) 1);
                appendString(out, String.valueOf(entry.getKey()));
                appendAscending(out, entry.getValue());
            }
            out.append((char) 0);
        } else if (value instanceof Collection) {
            out.append((char) ARRAY);
            for (Object element : (Collection<?>) value) {
                out.append((char) 1);
                appendAscending(out, element);
            }
            out.append((char) 0);
        } else if (value instanceof BinData) {
            out.append((char) BIN_DATA);
            appendBytes(out, ((BinData) value).getData());
        } else if (value instanceof LegacyUUID) {
            out.append((char) LEGACY_UUID);
            appendString(out, value.toString());
        } else if (value instanceof UUID) {
            // the matcher compares UUIDs by their text
            out.append((char) UUID_TYPE);
            appendString(out, value.toString());
        } else if (value instanceof ObjectId) {
            out.append((char) OBJECT_ID);
            for (byte b : ((ObjectId) value).toByteArray()) {
                out.append((char) (b & 0xFF));
            }
        } else if (value instanceof Boolean) {
            out.append((char) BOOLEAN).append((char) (((Boolean) value) ? 1 : 0));
        } else if (value instanceof Instant) {
            Instant instant = (Instant) value;
            out.append((char) DATE);
            appendLong(out, instant.getEpochSecond() ^ Long.MIN_VALUE);
            appendLong(out, instant.getNano());
        } else if (value instanceof BsonTimestamp) {
            out.append((char) TIMESTAMP);
            appendString(out, value.toString());
        } else if (value instanceof BsonRegularExpression) {
            out.append((char) REGEX);
            appendString(out, value.toString());
        } else {
            out.append((char) OTHER);
            appendString(out, value.getClass().getName() + ":" + value);
        }
    }

    private static void appendLong(StringBuilder out, long bits) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.append((char) ((bits >>> shift) & 0xFF));
        }
    }

    /** Each UTF-16 unit as 0x01, high byte, low byte; then 0x00: String.compareTo order, and prefix-free. */
    private static void appendString(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append((char) 1).append((char) (c >>> 8)).append((char) (c & 0xFF));
        }
        out.append((char) 0);
    }

    private static void appendBytes(StringBuilder out, byte[] bytes) {
        for (byte b : bytes) {
            out.append((char) 1).append((char) (b & 0xFF));
        }
        out.append((char) 0);
    }

    static boolean isOperatorDocument(Object value) {
        if (!(value instanceof Document)) {
            return false;
        }
        Document document = (Document) value;
        return !document.isEmpty() && document.keySet().iterator().next().startsWith("$");
    }
}
