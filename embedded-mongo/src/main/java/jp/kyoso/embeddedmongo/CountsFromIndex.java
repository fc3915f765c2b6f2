package jp.kyoso.embeddedmongo;

import de.bwaldvogel.mongo.bson.Document;

/** A collection that can count the matches of some filters from an index alone. */
interface CountsFromIndex {

    /** The number of matching documents, or null when only reading the documents can tell. */
    Long countFromIndex(Document filter);
}
