package jp.kyoso.embeddedmongo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The compact encoding of a single stored value ({@code _id}s, document positions, unique-index key parts): a tag byte,
 * then fixed-size or length-prefixed bytes for the common types, the BSON encoding for the other BSON types, and Java
 * serialisation only as a last resort (a value the BSON encoder does not know must still never fail a commit).
 * <p>
 * {@link #compare} is the order of the maps whose keys these are: a total order that is consistent with
 * {@code equals} (which is what a map key needs; it is not MongoDB's sort order — the data map is never read in key
 * order for a sort, and unique indexes are only looked up by equality).
 */
final class StoredValues {

    private static final byte MISSING = 0;
    private static final byte NULL = 1;
    private static final byte STRING = 2;
    private static final byte OBJECT_ID = 3;
    private static final byte INT = 4;
    private static final byte LONG = 5;
    private static final byte DOUBLE = 6;
    private static final byte BSON = 7;
    private static final byte JAVA_SERIALIZED = 8;

    private StoredValues() {
    }

    static void write(WriteBuffer buffer, Object value) {
        if (value instanceof String string) {
            byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
            buffer.put(STRING).putVarInt(bytes.length).put(bytes);
        } else if (value instanceof ObjectId objectId) {
            buffer.put(OBJECT_ID).put(objectId.toByteArray());
        } else if (value instanceof Integer number) {
            buffer.put(INT).putInt(number);
        } else if (value instanceof Long number) {
            buffer.put(LONG).putLong(number);
        } else if (value instanceof Double number) {
            buffer.put(DOUBLE).putDouble(number);
        } else if (value == null) {
            buffer.put(NULL);
        } else if (value instanceof Missing) {
            buffer.put(MISSING);
        } else {
            byte[] bson = bsonOrNull(value);
            if (bson != null) {
                buffer.put(BSON).putVarInt(bson.length).put(bson);
            } else {
                byte[] serialized = ObjectDataType.serialize(value);
                buffer.put(JAVA_SERIALIZED).putVarInt(serialized.length).put(serialized);
            }
        }
    }

    static Object read(ByteBuffer buffer) {
        byte tag = buffer.get();
        switch (tag) {
            case STRING: {
                int length = DataUtils.readVarInt(buffer);
                String string = StoredValues.string(buffer, length, StandardCharsets.UTF_8);
                return string;
            }
            case OBJECT_ID: {
                byte[] bytes = new byte[12];
                buffer.get(bytes);
                return new ObjectId(bytes);
            }
            case INT:
                return buffer.getInt();
            case LONG:
                return buffer.getLong();
            case DOUBLE:
                return buffer.getDouble();
            case NULL:
                return null;
            case MISSING:
                return Missing.getInstance();
            case BSON: {
                int length = DataUtils.readVarInt(buffer);
                ByteBuf bson = slice(buffer, length);
                byte type = bson.readByte();
                return BsonDecoder.decodeValue(type, bson);
            }
            case JAVA_SERIALIZED: {
                byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
                buffer.get(bytes);
                return ObjectDataType.deserialize(bytes);
            }
            default:
                throw new IllegalStateException("unknown stored value tag " + tag);
        }
    }

    /** The next {@code length} bytes (without copying them when the page buffer is on the heap). */
    static ByteBuf slice(ByteBuffer buffer, int length) {
        ByteBuf slice;
        if (buffer.hasArray()) {
            slice = Unpooled.wrappedBuffer(buffer.array(), buffer.arrayOffset() + buffer.position(), length);
            buffer.position(buffer.position() + length);
        } else {
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            slice = Unpooled.wrappedBuffer(bytes);
        }
        return slice;
    }

    static String string(ByteBuffer buffer, int length, java.nio.charset.Charset charset) {
        if (buffer.hasArray()) {
            String string = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length, charset);
            buffer.position(buffer.position() + length);
            return string;
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, charset);
    }

    /** The BSON type byte and value, or null when the BSON encoder cannot encode it. */
    private static byte[] bsonOrNull(Object value) {
        ByteBuf buffer = Unpooled.buffer(32);
        try {
            byte type = BsonEncoder.determineType(value);
            buffer.writeByte(type);
            BsonEncoder.encodeValue(type, value, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } catch (RuntimeException e) {
            return null;
        } finally {
            buffer.release();
        }
    }

    static int estimateMemory(Object value) {
        if (value instanceof String string) {
            return 40 + string.length() * 2;
        }
        if (value instanceof List<?> list) {
            int memory = 40;
            for (Object element : list) {
                memory += 8 + estimateMemory(element);
            }
            return memory;
        }
        if (value instanceof java.util.Map<?, ?> map) {
            int memory = 64;
            for (java.util.Map.Entry<?, ?> entry : map.entrySet()) {
                memory += 40 + estimateMemory(entry.getKey()) + estimateMemory(entry.getValue());
            }
            return memory;
        }
        return 24;
    }

    /** A total order consistent with {@code equals}: by kind of value first, then within the kind. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        int rankA = rank(a);
        int rankB = rank(b);
        if (rankA != rankB) {
            return Integer.compare(rankA, rankB);
        }
        switch (rankA) {
            case MISSING:
            case NULL:
                return 0;
            case STRING:
                return ((String) a).compareTo((String) b);
            case OBJECT_ID:
                return ((ObjectId) a).compareTo((ObjectId) b);
            case INT:
                return Integer.compare((Integer) a, (Integer) b);
            case LONG:
                return Long.compare((Long) a, (Long) b);
            case DOUBLE:
                return Double.compare((Double) a, (Double) b);
            default:
                break;
        }
        if (a instanceof List<?> listA && b instanceof List<?> listB) {
            for (int i = 0; i < Math.min(listA.size(), listB.size()); i++) {
                int c = compare(listA.get(i), listB.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(listA.size(), listB.size());
        }
        if (a.getClass() != b.getClass()) {
            return a.getClass().getName().compareTo(b.getClass().getName());
        }
        if (a instanceof Comparable && !(a instanceof java.math.BigDecimal)) {
            return ((Comparable) a).compareTo(b);
        }
        // documents and the rarer types: by their encoding (as the old Java-serialisation-backed type did)
        WriteBuffer bufferA = new WriteBuffer(64);
        WriteBuffer bufferB = new WriteBuffer(64);
        write(bufferA, a);
        write(bufferB, b);
        return compareBytes(bufferA.getBuffer(), bufferB.getBuffer());
    }

    private static int rank(Object value) {
        if (value instanceof String) {
            return STRING;
        } else if (value instanceof ObjectId) {
            return OBJECT_ID;
        } else if (value instanceof Integer) {
            return INT;
        } else if (value instanceof Long) {
            return LONG;
        } else if (value instanceof Double) {
            return DOUBLE;
        } else if (value == null) {
            return NULL;
        } else if (value instanceof Missing) {
            return MISSING;
        }
        return BSON;
    }

    private static int compareBytes(ByteBuffer a, ByteBuffer b) {
        int lengthA = a.position();
        int lengthB = b.position();
        for (int i = 0; i < Math.min(lengthA, lengthB); i++) {
            int c = Integer.compare(a.get(i) & 0xFF, b.get(i) & 0xFF);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(lengthA, lengthB);
    }
}
