package jp.kyoso.notifications.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * Unordered bulk inserts of documents whose {@code _id} makes them unique: a document that is already there (the same
 * event handled again) is skipped without stopping the others.
 */
public final class BulkInserts {
    private static final int DUPLICATE_KEY = 11000;

    private BulkInserts() {
    }

    /** Inserts the documents; returns the positions of those that were already there. Other errors propagate. */
    public static Set<Integer> insertSkippingDuplicates(MongoCollection<Document> collection,
                                                        List<Document> documents) {
        Set<Integer> duplicates = new HashSet<>();
        if (documents.isEmpty()) {
            return duplicates;
        }
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                duplicates.add(error.getIndex());
            }
        }
        return duplicates;
    }
}
