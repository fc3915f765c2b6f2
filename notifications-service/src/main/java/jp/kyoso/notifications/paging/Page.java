package jp.kyoso.notifications.paging;

import java.util.List;

/** A page of a list, as every list of the API answers: {@code {items, nextCursor}}. */
public record Page<T>(List<T> items, String nextCursor) {
}
