package jp.kyoso.posts.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.Directory;

/**
 * The Lucene index of visible posts and replies, and the search over it. Free of Spring and MongoDB so that the
 * relevance tests and the benchmark use exactly what the service uses.
 *
 * <p>Writes replace a whole thread (a post and its replies) at once, so a reindex is idempotent and the index never
 * holds half a thread. Searches see a write after {@link #refresh()}.
 */
public final class SearchEngine implements Closeable {
    public static final int MAX_LIMIT = 100;
    /** Deeper pages are not useful and would make every search collect more hits. */
    public static final int MAX_OFFSET = 1000;

    private static final Sort RANKING = new Sort(SortField.FIELD_SCORE,
            new SortField(SearchFields.CREATED_AT, SortField.Type.LONG, true));

    private final Directory directory;
    private final Analyzer morphological = JapaneseAnalyzers.morphological();
    private final Analyzer bigram = JapaneseAnalyzers.bigram();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final SearchQuery queries = new SearchQuery(morphological, bigram);
    private final Snippets snippets = new Snippets(morphological, bigram);

    /** Opens the directory and starts from an empty index: the index is always rebuilt from the database. */
    public SearchEngine(Directory directory) {
        this.directory = directory;
        try {
            IndexWriterConfig config = new IndexWriterConfig(JapaneseAnalyzers.perField(morphological, bigram))
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    // the service runs with a small heap; flushing earlier costs a little indexing speed only
                    .setRAMBufferSizeMB(8);
            this.writer = new IndexWriter(directory, config);
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index", e);
        }
    }

    /** Replaces everything indexed for the post by these documents (none: the thread disappears from search). */
    public void replaceThread(String postId, List<SearchDocument> documents) {
        try {
            List<Document> converted = new ArrayList<>(documents.size());
            for (SearchDocument document : documents) {
                converted.add(toLucene(document));
            }
            if (converted.isEmpty()) {
                writer.deleteDocuments(new Term(SearchFields.POST_ID, postId));
            } else {
                writer.updateDocuments(new Term(SearchFields.POST_ID, postId), converted);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the search index", e);
        }
    }

    /** Adds documents of threads that are known not to be in the index yet (bulk build); faster than replacing. */
    public void addAll(List<SearchDocument> documents) {
        try {
            for (SearchDocument document : documents) {
                writer.addDocument(toLucene(document));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the search index", e);
        }
    }

    public void clear() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the search index", e);
        }
    }

    /** Makes the writes so far visible to searches. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh the search index", e);
        }
    }

    public void commit() {
        try {
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the search index", e);
        }
    }

    public int documentCount() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param channel a channel slug, or null for every channel
     * @param kind    a post kind, or null for every kind
     * @return the page of hits, best first, and whether there are more after it
     */
    public Result search(String text, String channel, String kind, int offset, int limit) {
        Optional<Query> parsed = queries.parse(text);
        if (parsed.isEmpty()) {
            return new Result(List.of(), false);
        }
        BooleanQuery.Builder filtered = new BooleanQuery.Builder().add(parsed.get(), Occur.MUST);
        if (channel != null) {
            filtered.add(new TermQuery(new Term(SearchFields.CHANNEL, channel)), Occur.FILTER);
        }
        if (kind != null) {
            filtered.add(new TermQuery(new Term(SearchFields.KIND, kind)), Occur.FILTER);
        }
        Query query = filtered.build();
        int from = Math.max(0, Math.min(offset, MAX_OFFSET));
        int size = Math.max(1, Math.min(limit, MAX_LIMIT));
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                TopFieldDocs top = searcher.search(query, from + size + 1, RANKING, true);
                List<SearchHit> hits = new ArrayList<>(size);
                for (int i = from; i < Math.min(top.scoreDocs.length, from + size); i++) {
                    ScoreDoc scoreDoc = top.scoreDocs[i];
                    Document stored = searcher.storedFields().document(scoreDoc.doc);
                    float score = scoreDoc instanceof FieldDoc fieldDoc && fieldDoc.fields[0] instanceof Float value
                            ? value : scoreDoc.score;
                    hits.add(new SearchHit(stored.get(SearchFields.POST_ID), stored.get(SearchFields.REPLY_ID),
                            stored.get(SearchFields.TITLE), snippets.snippet(parsed.get(), stored.get(SearchFields.BODY)),
                            score));
                }
                return new Result(hits, top.scoreDocs.length > from + size && from + size < MAX_OFFSET);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the index", e);
        }
    }

    private static Document toLucene(SearchDocument source) {
        Document document = new Document();
        String key = source.isReply() ? "reply:" + source.replyId() : "post:" + source.postId();
        document.add(new StringField(SearchFields.KEY, key, Field.Store.NO));
        document.add(new StringField(SearchFields.POST_ID, source.postId(), Field.Store.YES));
        if (source.isReply()) {
            document.add(new StoredField(SearchFields.REPLY_ID, source.replyId()));
        } else {
            document.add(new TextField(SearchFields.TITLE_WORDS, nullToEmpty(source.title()), Field.Store.NO));
            document.add(new TextField(SearchFields.TITLE_BIGRAM, nullToEmpty(source.title()), Field.Store.NO));
        }
        document.add(new StoredField(SearchFields.TITLE, nullToEmpty(source.title())));
        document.add(new StringField(SearchFields.CHANNEL, nullToEmpty(source.channel()), Field.Store.NO));
        document.add(new StringField(SearchFields.KIND, nullToEmpty(source.kind()), Field.Store.NO));
        document.add(new TextField(SearchFields.BODY_WORDS, nullToEmpty(source.body()), Field.Store.NO));
        document.add(new TextField(SearchFields.BODY_BIGRAM, nullToEmpty(source.body()), Field.Store.NO));
        document.add(new StoredField(SearchFields.BODY, nullToEmpty(source.body())));
        long created = source.createdAt() == null ? 0L : source.createdAt().toEpochMilli();
        document.add(new NumericDocValuesField(SearchFields.CREATED_AT, created));
        return document;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }

    public record Result(List<SearchHit> hits, boolean hasMore) {
    }
}
