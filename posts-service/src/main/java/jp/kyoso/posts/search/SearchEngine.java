package jp.kyoso.posts.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;

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
    /** Enough words to characterise a post; a long body adds little beyond them but cost. */
    static final int MAX_SIMILAR_WORDS = 40;
    /**
     * Added to the score of every document of a solved question's thread: of two hits that are otherwise equally
     * relevant the solved one comes first, and a hit only slightly less relevant can pass an unsolved one; it is far
     * below a word match in the title (SearchQuery.TITLE_TIER), so it never lifts a solved thread over a better match.
     */
    static final float SOLVED_BOOST = 0.5f;
    private static final Query SOLVED_THREAD = new BoostQuery(
            new ConstantScoreQuery(new TermQuery(new Term(SearchFields.SOLVED, "true"))), SOLVED_BOOST);

    private static final Sort RANKING = new Sort(SortField.FIELD_SCORE,
            new SortField(SearchFields.CREATED_AT, SortField.Type.LONG, true));
    /**
     * Body text with the character offsets of every word in the index: a snippet is cut around the first match that
     * the index already knows, instead of analysing a body of up to 20,000 characters again for every hit.
     */
    private static final FieldType BODY_TEXT = new FieldType(TextField.TYPE_NOT_STORED);

    static {
        BODY_TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        BODY_TEXT.freeze();
    }

    private final Directory directory;
    private final Analyzer morphological = JapaneseAnalyzers.morphological();
    private final Analyzer bigram = JapaneseAnalyzers.bigram();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final SearchQuery queries = new SearchQuery(morphological, bigram);

    /**
     * The layout of the index: its fields and how they are analysed. Raise it with any change to {@link #toLucene} or
     * to the analysis; an index committed with another version is not reused (it is emptied and rebuilt).
     */
    public static final int SCHEMA_VERSION = 2;
    /** Commit user data: the schema version the index was written with. */
    static final String SCHEMA_KEY = "kyoso.schema";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SearchEngine.class);
    /** What {@link #warmUp()} looks for: words of the kind members search for (a noun compound, okurigana). */
    private static final String WARM_UP_TEXT = "住民票の写しの交付申し込み";

    /** What the last commit recorded besides the schema version, when it could be reused (see the constructor). */
    private final Map<String, String> committed;

    /**
     * Opens the index in the directory and keeps what it holds when its last commit is of this
     * {@link #SCHEMA_VERSION}; starts from an empty index when the directory is empty, cannot be read, or was written
     * with another version. {@link #committedData()} tells which: empty means "start from nothing".
     */
    public SearchEngine(Directory directory) {
        this.directory = directory;
        Map<String, String> reusable = reusableCommit(directory);
        try {
            this.writer = open(directory, reusable != null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index", e);
        }
        this.committed = reusable == null ? Map.of() : reusable;
        try {
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index", e);
        }
    }

    /**
     * One search as the service starts, so that the first member to search does not wait for what only the first
     * search does: Kuromoji reads its dictionaries at its first tokenisation, and the query's classes and
     * the index's term dictionaries are loaded. Measured through the gateway on 380,000 posts, just after a start:
     * the first search took 1.5 s, the next ones 50-110 ms.
     */
    public void warmUp() {
        search(WARM_UP_TEXT, null, null, 0, 10);
    }

    /** The user data of the last commit without the schema version, or null when the index cannot be reused. */
    private static Map<String, String> reusableCommit(Directory directory) {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                return null;
            }
            Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
            if (!Integer.toString(SCHEMA_VERSION).equals(data.get(SCHEMA_KEY))) {
                log.info("Search index of schema version {} found, this is version {}: it is rebuilt",
                        data.get(SCHEMA_KEY), SCHEMA_VERSION);
                return null;
            }
            Map<String, String> rest = new HashMap<>(data);
            rest.remove(SCHEMA_KEY);
            return Map.copyOf(rest);
        } catch (IOException | RuntimeException e) {
            log.warn("Search index cannot be read ({}): it is rebuilt", e.toString());
            return null;
        }
    }

    private IndexWriter open(Directory directory, boolean append) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(JapaneseAnalyzers.perField(morphological, bigram))
                // CREATE replaces whatever the directory holds (another schema, or damaged files) at the first commit
                .setOpenMode(append ? IndexWriterConfig.OpenMode.APPEND : IndexWriterConfig.OpenMode.CREATE)
                // the service runs with a small heap; flushing earlier costs a little indexing speed only
                .setRAMBufferSizeMB(8);
        IndexWriter opened;
        try {
            opened = new IndexWriter(directory, config);
        } catch (IOException e) {
            if (append) {
                log.warn("Search index cannot be opened ({}): it is rebuilt", e.toString());
                return open(directory, false);
            }
            // even CREATE reads the last commit; files it cannot read are of no use to anyone: start without them
            for (String file : directory.listAll()) {
                directory.deleteFile(file);
            }
            opened = new IndexWriter(directory, new IndexWriterConfig(JapaneseAnalyzers.perField(morphological,
                    bigram)).setOpenMode(IndexWriterConfig.OpenMode.CREATE).setRAMBufferSizeMB(8));
        }
        if (!append) {
            opened.setLiveCommitData(schemaOnly().entrySet());
        }
        return opened;
    }

    private static Map<String, String> schemaOnly() {
        return Map.of(SCHEMA_KEY, Integer.toString(SCHEMA_VERSION));
    }

    /**
     * What the last commit recorded (see {@link #commit(Map)}) when the index was reused; empty when it starts from
     * nothing (an empty or unreadable directory, another schema version).
     */
    public Map<String, String> committedData() {
        return committed;
    }

    /** The documents (posts and replies) in the index as searches see it. */
    public int documentCount() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the search index", e);
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

    /** Adds or replaces the document of one reply (its thread's other documents stay as they are). */
    public void replaceReply(SearchDocument reply) {
        try {
            writer.updateDocument(new Term(SearchFields.REPLY_ID, reply.replyId()), toLucene(reply));
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

    /**
     * Empties the index. What an earlier commit recorded goes too: an emptied index has applied nothing, so a commit
     * before it is filled again (also the one when it is closed) makes the next start rebuild.
     */
    public void clear() {
        try {
            writer.setLiveCommitData(schemaOnly().entrySet());
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

    /** Makes the writes so far durable, with what the last {@link #commit(Map)} recorded. */
    public void commit() {
        try {
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the search index", e);
        }
    }

    /**
     * Makes the writes so far durable and records the data (e.g. how far the index has followed the events) in the
     * commit, with the schema version; {@link #committedData()} returns it at the next start.
     */
    public void commit(Map<String, String> data) {
        Map<String, String> userData = new HashMap<>(data);
        userData.putAll(schemaOnly());
        try {
            writer.setLiveCommitData(userData.entrySet());
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the search index", e);
        }
    }

    /**
     * @param channel a channel slug, or null for every channel
     * @param kind    a post kind, or null for every kind
     * @return the page of hits, best first, and whether there are more after it
     */
    public Result search(String text, String channel, String kind, int offset, int limit) {
        return search(text, channel, kind, null, offset, limit);
    }

    /**
     * @param solved true: only threads of solved questions; false: only threads of unsolved questions; null: all.
     *               Solved threads rank above unsolved ones of equal relevance either way ({@link #SOLVED_BOOST}).
     */
    public Result search(String text, String channel, String kind, Boolean solved, int offset, int limit) {
        return search(text, channel, kind, solved, null, offset, limit);
    }

    /**
     * @param postIds only the threads of these posts (the index holds no authors: MongoDB says which posts a filter
     *                such as 「同じような町」 leaves); null: every thread
     */
    public Result search(String text, String channel, String kind, Boolean solved, Collection<String> postIds,
                         int offset, int limit) {
        if (postIds != null && postIds.isEmpty()) {
            return new Result(List.of(), false);
        }
        Optional<SearchQuery.Parsed> parsed = queries.parse(text);
        if (parsed.isEmpty()) {
            return new Result(List.of(), false);
        }
        BooleanQuery.Builder filtered = new BooleanQuery.Builder().add(parsed.get().query(), Occur.MUST)
                .add(SOLVED_THREAD, Occur.SHOULD);
        if (channel != null) {
            filtered.add(new TermQuery(new Term(SearchFields.CHANNEL, channel)), Occur.FILTER);
        }
        if (kind != null) {
            filtered.add(new TermQuery(new Term(SearchFields.KIND, kind)), Occur.FILTER);
        }
        if (solved != null) {
            // only questions are solved or unsolved
            filtered.add(new TermQuery(new Term(SearchFields.KIND, "QUESTION")), Occur.FILTER);
            filtered.add(new TermQuery(new Term(SearchFields.SOLVED, solved.toString())), Occur.FILTER);
        }
        if (postIds != null) {
            List<BytesRef> ids = new ArrayList<>(postIds.size());
            postIds.forEach(id -> ids.add(new BytesRef(id)));
            filtered.add(new TermInSetQuery(SearchFields.POST_ID, ids), Occur.FILTER);
        }
        Query query = filtered.build();
        int from = Math.max(0, Math.min(offset, MAX_OFFSET));
        int size = Math.max(1, Math.min(limit, MAX_LIMIT));
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                // only the page and one more are needed, never how many hits there are: Lucene may skip what cannot
                // reach the page from the first hits on (its default counts the first 1,000 hits exactly). The
                // score is the first sort value, so it needs no second pass either.
                int wanted = from + size + 1;
                TopFieldDocs top = searcher.search(query, new TopFieldCollectorManager(RANKING, wanted, wanted));
                int end = Math.min(top.scoreDocs.length, from + size);
                List<SearchHit> hits = new ArrayList<>(Math.max(0, end - from));
                if (end > from) {
                    StoredFields storedFields = searcher.storedFields();
                    BodyMatches bodyMatches = new BodyMatches(searcher, parsed.get());
                    for (int i = from; i < end; i++) {
                        ScoreDoc scoreDoc = top.scoreDocs[i];
                        Document stored = storedFields.document(scoreDoc.doc);
                        float score = scoreDoc instanceof FieldDoc fieldDoc && fieldDoc.fields[0] instanceof Float value
                                ? value : scoreDoc.score;
                        String snippet = Snippets.snippet(stored.get(SearchFields.BODY),
                                bodyMatches.inBody(scoreDoc.doc));
                        hits.add(new SearchHit(stored.get(SearchFields.POST_ID), stored.get(SearchFields.REPLY_ID),
                                stored.get(SearchFields.TITLE), snippet, score));
                    }
                }
                return new Result(hits, top.scoreDocs.length > from + size && from + size < MAX_OFFSET);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the index", e);
        }
    }

    /**
     * Posts whose threads share words with the text, most similar first: every word of the text (morphological
     * analysis, as indexed) is an optional clause, in the title or the body. Unlike {@link #search}, which requires
     * every term a person typed, a whole post used as the query must not need all of its words in another post.
     *
     * @param kind          only threads of this post kind
     * @param excludePostId a post never returned (the one the text comes from)
     * @return at most {@code limit} distinct post ids
     */
    public List<String> similar(String text, String kind, String excludePostId, int limit) {
        List<String> words = words(text);
        if (words.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder anyWord = new BooleanQuery.Builder();
        for (String word : words) {
            anyWord.add(new BooleanQuery.Builder()
                    .add(new BoostQuery(new TermQuery(new Term(SearchFields.TITLE_WORDS, word)), 2f), Occur.SHOULD)
                    .add(new TermQuery(new Term(SearchFields.BODY_WORDS, word)), Occur.SHOULD).build(), Occur.SHOULD);
        }
        // a longer text must share at least two words: one common word alone is no likeness
        anyWord.setMinimumNumberShouldMatch(words.size() >= 4 ? 2 : 1);
        Query query = new BooleanQuery.Builder().add(anyWord.build(), Occur.MUST)
                .add(new TermQuery(new Term(SearchFields.KIND, kind)), Occur.FILTER)
                .add(new TermQuery(new Term(SearchFields.POST_ID, excludePostId)), Occur.MUST_NOT).build();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                // a thread's replies are documents of their own: collect more hits than posts wanted
                ScoreDoc[] top = searcher.search(query, Math.min(limit * 5, MAX_OFFSET)).scoreDocs;
                StoredFields storedFields = searcher.storedFields();
                java.util.LinkedHashSet<String> postIds = new java.util.LinkedHashSet<>();
                for (ScoreDoc hit : top) {
                    postIds.add(storedFields.document(hit.doc).get(SearchFields.POST_ID));
                    if (postIds.size() == limit) {
                        break;
                    }
                }
                return List.copyOf(postIds);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the index", e);
        }
    }

    /**
     * Posts (not replies) like what a member is typing, most alike first, solved questions lifted a bounded step (see
     * {@link SimilarityQuery}). Nothing when the text is shorter than two characters or shares no word with any post.
     *
     * @param excludePostId a post never returned (the one being edited), or null
     */
    public List<SimilarMatch> moreLikeThis(String title, String body, String excludePostId, int limit) {
        Optional<SimilarityQuery.Text> text = SimilarityQuery.Text.of(title, body);
        if (text.isEmpty()) {
            return List.of();
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                Optional<Query> query = SimilarityQuery.build(searcher.getIndexReader(), morphological, text.get(),
                        excludePostId);
                if (query.isEmpty()) {
                    return List.of();
                }
                ScoreDoc[] top = searcher.search(query.get(), Math.max(1, Math.min(limit, MAX_LIMIT))).scoreDocs;
                StoredFields storedFields = searcher.storedFields();
                List<SimilarMatch> matches = new ArrayList<>(top.length);
                for (ScoreDoc hit : top) {
                    matches.add(new SimilarMatch(storedFields.document(hit.doc).get(SearchFields.POST_ID), hit.score));
                }
                return matches;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the index", e);
        }
    }

    /** A post found by {@link #moreLikeThis}, with its score (comparable within one answer only). */
    public record SimilarMatch(String postId, float score) {
    }

    /** The distinct indexed words of a text, at most {@value #MAX_SIMILAR_WORDS}, in their order. */
    private List<String> words(String text) {
        java.util.LinkedHashSet<String> words = new java.util.LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try (org.apache.lucene.analysis.TokenStream stream = morphological.tokenStream(SearchFields.BODY_WORDS,
                text)) {
            org.apache.lucene.analysis.tokenattributes.CharTermAttribute term = stream.addAttribute(
                    org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && words.size() < MAX_SIMILAR_WORDS) {
                words.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyse the text", e);
        }
        return List.copyOf(words);
    }

    /**
     * Where a hit's body matched, for its snippet, from the offsets the index keeps (no analysis). Only the body's
     * clauses are asked (not the title's, the filters' or the ranking's), words first and substrings only where no word
     * matched: asking the whole query evaluated every clause of every field for each hit, about a fifth of a search's
     * CPU.
     */
    private static final class BodyMatches {
        /** Matches past the first one a snippet can show are not looked at. */
        private static final int REACH = Snippets.FRAGMENT_CHARS + Snippets.CONTEXT_BEFORE;
        private final IndexSearcher searcher;
        private final SearchQuery.Parsed parsed;
        private final List<LeafReaderContext> leaves;
        private final Weight words;
        /** Made when a hit's body first lacks a word match. */
        private Weight bigrams;

        BodyMatches(IndexSearcher searcher, SearchQuery.Parsed parsed) throws IOException {
            this.searcher = searcher;
            this.parsed = parsed;
            this.leaves = searcher.getIndexReader().leaves();
            this.words = weight(searcher, parsed.bodyWords());
        }

        private static Weight weight(IndexSearcher searcher, Query query) throws IOException {
            return query == null ? null
                    : searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        }

        /** The word matches in the body, else the substring matches, else none (the match was in the title). */
        List<Snippets.Match> inBody(int doc) throws IOException {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
            List<Snippets.Match> found = matches(words, SearchFields.BODY_WORDS, leaf, doc - leaf.docBase);
            if (!found.isEmpty()) {
                return found;
            }
            if (bigrams == null) {
                bigrams = weight(searcher, parsed.bodyBigrams());
            }
            return matches(bigrams, SearchFields.BODY_BIGRAM, leaf, doc - leaf.docBase);
        }

        private static List<Snippets.Match> matches(Weight weight, String field, LeafReaderContext leaf, int doc)
                throws IOException {
            Matches matches = weight == null ? null : weight.matches(leaf, doc);
            MatchesIterator match = matches == null ? null : matches.getMatches(field);
            List<Snippets.Match> found = new ArrayList<>();
            while (match != null && match.next() && match.startOffset() >= 0) {
                if (!found.isEmpty() && match.startOffset() > found.get(0).start() + REACH) {
                    break;
                }
                found.add(new Snippets.Match(match.startOffset(), match.endOffset()));
            }
            return found;
        }
    }

    private static Document toLucene(SearchDocument source) {
        Document document = new Document();
        document.add(new StringField(SearchFields.POST_ID, source.postId(), Field.Store.YES));
        if (source.isReply()) {
            // indexed (schema 2): a new reply replaces its own document, not its whole thread
            document.add(new StringField(SearchFields.REPLY_ID, source.replyId(), Field.Store.YES));
        } else {
            document.add(new TextField(SearchFields.TITLE_WORDS, nullToEmpty(source.title()), Field.Store.NO));
            document.add(new TextField(SearchFields.TITLE_BIGRAM, nullToEmpty(source.title()), Field.Store.NO));
        }
        document.add(new StoredField(SearchFields.TITLE, nullToEmpty(source.title())));
        document.add(new StringField(SearchFields.CHANNEL, nullToEmpty(source.channel()), Field.Store.NO));
        document.add(new StringField(SearchFields.KIND, nullToEmpty(source.kind()), Field.Store.NO));
        document.add(new StringField(SearchFields.SOLVED, Boolean.toString(source.solved()), Field.Store.NO));
        document.add(new StringField(SearchFields.ROLE, source.isReply() ? SearchFields.ROLE_REPLY
                : SearchFields.ROLE_POST, Field.Store.NO));
        document.add(new Field(SearchFields.BODY_WORDS, nullToEmpty(source.body()), BODY_TEXT));
        document.add(new Field(SearchFields.BODY_BIGRAM, nullToEmpty(source.body()), BODY_TEXT));
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
