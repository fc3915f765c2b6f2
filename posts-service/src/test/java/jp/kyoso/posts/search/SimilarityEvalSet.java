package jp.kyoso.posts.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Japanese evaluation set of similar posts (src/test/resources/similarity/eval-ja.tsv): pairs of a stored post and
 * a differently phrased question that should find it, and distractor posts on neighbouring topics. One file, read by
 * SimilarityEvaluationTest, SimilarPostsApiTest and the search benchmark.
 */
public final class SimilarityEvalSet {
    public static final String RESOURCE = "/similarity/eval-ja.tsv";
    /** recall@K: the pair's post is among the first K similar posts, as many as the composer shows. */
    public static final int K = 5;
    /** The reciprocal rank counts a post found this deep (MRR@10); deeper is 0. */
    static final int MRR_DEPTH = 10;
    private static final Instant CREATED = Instant.parse("2025-04-01T00:00:00Z");

    /** A stored post of the set. */
    public record EvalPost(String id, String kind, boolean solved, String title, String body) {
    }

    /** A query (what a member types in the composer) and the post it should find. */
    public record Pair(EvalPost post, String queryTitle, String queryBody) {
    }

    /**
     * @param missed the pairs whose post was not among the first K, with the rank where it was (0: not within 10)
     */
    public record Result(int pairs, int foundInK, double recallAtK, double mrr, List<String> missed) {
        public String summary() {
            return String.format("recall@%d %.3f (%d/%d), MRR@%d %.3f", K, recallAtK, foundInK, pairs, MRR_DEPTH, mrr);
        }
    }

    /** What is asked for a query: the ids of the similar posts, best first. */
    @FunctionalInterface
    public interface Finder {
        List<String> similar(String title, String body, int limit);
    }

    private final List<Pair> pairs;
    private final List<EvalPost> distractors;

    private SimilarityEvalSet(List<Pair> pairs, List<EvalPost> distractors) {
        this.pairs = List.copyOf(pairs);
        this.distractors = List.copyOf(distractors);
    }

    public static SimilarityEvalSet load() {
        List<Pair> pairs = new ArrayList<>();
        List<EvalPost> distractors = new ArrayList<>();
        try (InputStream in = SimilarityEvalSet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] columns = line.split("\t", -1);
                if (columns.length != 8) {
                    throw new IllegalStateException("expected 8 columns: " + line);
                }
                EvalPost post = new EvalPost(columns[1], columns[2], Boolean.parseBoolean(columns[3]), columns[4],
                        columns[5]);
                switch (columns[0]) {
                    case "pair" -> pairs.add(new Pair(post, columns[6], columns[7]));
                    case "distractor" -> distractors.add(post);
                    default -> throw new IllegalStateException("unknown row type: " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SimilarityEvalSet(pairs, distractors);
    }

    public List<Pair> pairs() {
        return pairs;
    }

    public List<EvalPost> distractors() {
        return distractors;
    }

    /** Every stored post: the posts of the pairs, then the distractors. */
    public List<EvalPost> posts() {
        List<EvalPost> posts = new ArrayList<>(pairs.size() + distractors.size());
        pairs.forEach(pair -> posts.add(pair.post()));
        posts.addAll(distractors);
        return posts;
    }

    /**
     * Plausible posts that belong to no pair (the search benchmark's generated municipal posts, kind DISCUSSION), to
     * make a larger index around the set.
     */
    public static List<EvalPost> fillers(int count) {
        java.util.Random random = new java.util.Random(7);
        List<EvalPost> fillers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SearchDocument generated = SearchBenchmark.generatedPost(random, i);
            // no long archive posts here: a few long bodies would only slow the filling down
            String body = generated.body().length() > 600 ? generated.body().substring(0, 600) : generated.body();
            fillers.add(new EvalPost("filler-" + i, "DISCUSSION", false, generated.title(), body));
        }
        return fillers;
    }

    /** The posts as index documents, their ids prefixed (so that the set can live in a larger index). */
    public List<SearchDocument> documents(String idPrefix) {
        List<SearchDocument> documents = new ArrayList<>();
        List<EvalPost> posts = posts();
        for (int i = 0; i < posts.size(); i++) {
            EvalPost post = posts.get(i);
            documents.add(new SearchDocument(idPrefix + post.id(), null, "general", post.kind(), post.title(),
                    post.body(), CREATED.plus(Duration.ofHours(i)), post.solved()));
        }
        return documents;
    }

    /** Asks every query of the set and scores where its post came. */
    public Result evaluate(String idPrefix, Finder finder) {
        int found = 0;
        double reciprocalRanks = 0;
        List<String> missed = new ArrayList<>();
        for (Pair pair : pairs) {
            List<String> ids = finder.similar(pair.queryTitle(), pair.queryBody(), MRR_DEPTH);
            int rank = ids.indexOf(idPrefix + pair.post().id()) + 1;
            if (rank > 0) {
                reciprocalRanks += 1.0 / rank;
            }
            if (rank > 0 && rank <= K) {
                found++;
            } else {
                missed.add(pair.post().id() + " (rank " + rank + ") 「" + pair.queryTitle() + "」 → 「"
                        + pair.post().title() + "」");
            }
        }
        return new Result(pairs.size(), found, found / (double) pairs.size(), reciprocalRanks / pairs.size(),
                missed);
    }

    /** Asks the engine directly, as the service does before it checks the posts against MongoDB. */
    public Result evaluate(SearchEngine engine, String idPrefix) {
        return evaluate(idPrefix, (title, body, limit) -> engine.moreLikeThis(title, body, null, limit).stream()
                .map(SearchEngine.SimilarMatch::postId).toList());
    }
}
