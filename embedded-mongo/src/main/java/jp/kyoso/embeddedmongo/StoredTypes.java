package jp.kyoso.embeddedmongo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The MVStore data types of the compact format (see {@link StoreFormat}): documents as BSON, {@code _id}s and
 * positions as {@link StoredValues}, unique-index keys as a count and their values, ordered-index keys (whose chars are
 * all 0..255, see {@link IndexKeyEncoder}) as one byte per char. They replace H2's {@code ObjectDataType}, which writes
 * documents with Java serialisation and compares unique-index keys by Java-serialising both on every comparison.
 */
final class StoredTypes {

    private StoredTypes() {
    }

    /** A document as a tag byte and its BSON (Java serialisation only for a document the BSON encoder refuses). */
    static final class DocumentType extends BasicDataType<Document> {

        static final DocumentType INSTANCE = new DocumentType();
        private static final byte BSON = 0;
        private static final byte JAVA_SERIALIZED = 1;

        @Override
        public int getMemory(Document document) {
            return StoredValues.estimateMemory(document);
        }

        @Override
        public void write(WriteBuffer buffer, Document document) {
            ByteBuf bson = Unpooled.buffer(1024);
            try {
                BsonEncoder.encodeDocument(document, bson);
                buffer.put(BSON).putVarInt(bson.readableBytes()).put(bson.array(), bson.arrayOffset() + bson.readerIndex(),
                    bson.readableBytes());
                return;
            } catch (RuntimeException e) {
                // not BSON-encodable (no such value reaches a stored document through the wire; kept to never fail a commit)
            } finally {
                bson.release();
            }
            byte[] serialized = ObjectDataType.serialize(document);
            buffer.put(JAVA_SERIALIZED).putVarInt(serialized.length).put(serialized);
        }

        @Override
        public Document read(ByteBuffer buffer) {
            byte tag = buffer.get();
            int length = DataUtils.readVarInt(buffer);
            if (tag == BSON) {
                return BsonDecoder.decodeBson(StoredValues.slice(buffer, length));
            }
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            return (Document) ObjectDataType.deserialize(bytes);
        }

        @Override
        public Document[] createStorage(int size) {
            return new Document[size];
        }
    }

    /** {@code _id}s (data map keys) and document positions (index values). */
    static final class ValueType extends BasicDataType<Object> {

        static final ValueType INSTANCE = new ValueType();

        @Override
        public int getMemory(Object value) {
            return StoredValues.estimateMemory(value);
        }

        @Override
        public void write(WriteBuffer buffer, Object value) {
            StoredValues.write(buffer, value);
        }

        @Override
        public Object read(ByteBuffer buffer) {
            return StoredValues.read(buffer);
        }

        @Override
        public int compare(Object a, Object b) {
            return StoredValues.compare(a, b);
        }

        @Override
        public Object[] createStorage(int size) {
            return new Object[size];
        }
    }

    /** The keys of the library's unique indexes. */
    static final class KeyValueType extends BasicDataType<KeyValue> {

        static final KeyValueType INSTANCE = new KeyValueType();

        @Override
        public int getMemory(KeyValue keyValue) {
            int memory = 48;
            for (Object value : keyValue) {
                memory += 8 + StoredValues.estimateMemory(value);
            }
            return memory;
        }

        @Override
        public void write(WriteBuffer buffer, KeyValue keyValue) {
            buffer.putVarInt(keyValue.size());
            for (Object value : keyValue) {
                StoredValues.write(buffer, value);
            }
        }

        @Override
        public KeyValue read(ByteBuffer buffer) {
            int size = DataUtils.readVarInt(buffer);
            Object[] values = new Object[size];
            for (int i = 0; i < size; i++) {
                values[i] = StoredValues.read(buffer);
            }
            return new KeyValue(values);
        }

        @Override
        public int compare(KeyValue a, KeyValue b) {
            int size = Math.min(a.size(), b.size());
            for (int i = 0; i < size; i++) {
                int c = StoredValues.compare(a.get(i), b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.size(), b.size());
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }
    }

    /**
     * Ordered-index keys: one byte per char (they are all 0..255), compared as strings; a key with a wider char (not
     * written by {@link IndexKeyEncoder}, handled all the same) is written as UTF-8 behind another tag.
     */
    static final class IndexKeyType extends BasicDataType<String> {

        static final IndexKeyType INSTANCE = new IndexKeyType();
        private static final byte LATIN1 = 0;
        private static final byte UTF8 = 1;

        @Override
        public int getMemory(String key) {
            return 40 + key.length();
        }

        @Override
        public void write(WriteBuffer buffer, String key) {
            // UTF-8 in one intrinsic call: a loop over the characters looking for one above 0xFF (to write Latin-1)
            // was a fifth of the launcher's CPU while pages were written. LATIN1 is still read, from older stores.
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            buffer.put(UTF8).putVarInt(bytes.length).put(bytes);
        }

        @Override
        public String read(ByteBuffer buffer) {
            byte tag = buffer.get();
            int length = DataUtils.readVarInt(buffer);
            return StoredValues.string(buffer, length,
                tag == LATIN1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        }

        @Override
        public int compare(String a, String b) {
            return a.compareTo(b);
        }

        @Override
        public String[] createStorage(int size) {
            return new String[size];
        }
    }
}
