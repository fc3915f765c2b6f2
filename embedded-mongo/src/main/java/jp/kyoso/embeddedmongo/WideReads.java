package jp.kyoso.embeddedmongo;

import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import de.bwaldvogel.mongo.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports, once per query shape, a query that an index served but that still had to read many documents: the index
 * narrows by a key that most documents share, and the rest of the filter is checked document by document. Such a query
 * passes the strict mode and grows with the collection; this names it, as mongod's slow-query log would.
 */
final class WideReads {
    /** System property: the number of documents read for one query above which it is reported (default 1000). */
    static final String PROPERTY = "kyoso.mongo.wide-read-documents";
    private static final int THRESHOLD = Integer.getInteger(PROPERTY, 1000);
    private static final Logger log = LoggerFactory.getLogger(WideReads.class);
    private static final Set<String> reported = ConcurrentHashMap.newKeySet();

    private WideReads() {
    }

    /** Counts the positions read from {@code positions} and reports the shape once they pass the threshold. */
    static <P> Iterator<P> counted(Iterator<P> positions, String collection, Document query,
                                   QueryPlanner.Plan<P> plan) {
        return new Iterator<>() {
            private int read;

            @Override
            public boolean hasNext() {
                return positions.hasNext();
            }

            @Override
            public P next() {
                if (++read == THRESHOLD) {
                    String shape = FilterConstraints.shape(query);
                    if (reported.add(collection + " " + shape)) {
                        log.warn("{} read more than {} documents through {} for filter {}", collection, THRESHOLD,
                            plan.describe(), shape);
                    }
                }
                return positions.next();
            }
        };
    }
}
