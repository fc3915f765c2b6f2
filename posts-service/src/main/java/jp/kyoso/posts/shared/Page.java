package jp.kyoso.posts.shared;

import java.util.List;

/** A page of a list, as every list of the API: the items and the cursor of the next page (null on the last page). */
public record Page<T>(List<T> items, String nextCursor) {
}
