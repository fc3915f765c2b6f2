package jp.kyoso.members.directory;

import java.util.List;

public record Page<T>(List<T> items, String nextCursor) {
}
