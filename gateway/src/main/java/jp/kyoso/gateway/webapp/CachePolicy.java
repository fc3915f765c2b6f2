package jp.kyoso.gateway.webapp;

/**
 * How long a browser may keep each file of the web client. Vite names the files under assets/ by their content's
 * hash, so they never change and are kept for a year; the page and the service worker must always be fresh, or a
 * member would run yesterday's app against today's API.
 */
final class CachePolicy {
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String NEVER = "no-cache, no-store, must-revalidate";
    static final String REVALIDATE = "no-cache";
    static final String ONE_DAY = "public, max-age=86400";

    private CachePolicy() {
    }

    static String forFile(String name, boolean hashedAsset) {
        if (hashedAsset) {
            return IMMUTABLE;
        }
        if (name.equals("index.html") || name.equals("sw.js")) {
            return NEVER;
        }
        if (name.endsWith(".webmanifest")) {
            return REVALIDATE;
        }
        return ONE_DAY;
    }
}
