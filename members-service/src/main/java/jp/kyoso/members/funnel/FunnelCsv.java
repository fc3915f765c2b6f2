package jp.kyoso.members.funnel;

import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.kyoso.members.Messages;

/**
 * The funnel's groups as CSV for Excel: UTF-8 with a byte-order mark (without it, Excel on Japanese Windows reads the
 * file as Shift_JIS and garbles every label), CRLF line ends, a Japanese header row.
 */
final class FunnelCsv {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private FunnelCsv() {
    }

    static byte[] of(FunnelReport report) {
        StringBuilder csv = new StringBuilder();
        line(csv, header());
        for (FunnelReport.Group group : report.groups()) {
            List<String> cells = new java.util.ArrayList<>();
            cells.add(group.label());
            group.counts().inOrder().forEach(count -> cells.add(Long.toString(count)));
            line(csv, cells);
        }
        byte[] text = csv.toString().getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, file, 0, BOM.length);
        System.arraycopy(text, 0, file, BOM.length, text.length);
        return file;
    }

    static String fileName(FunnelReport report) {
        return "kyoso-funnel-" + report.from() + "-" + report.to() + ".csv";
    }

    /** The column titles: the group, then the stages in the order of {@link StageCounts#inOrder()}. */
    private static List<String> header() {
        return List.of(Messages.get("funnel.csv.group"), Messages.get("funnel.csv.registered"),
                Messages.get("funnel.csv.verified"), Messages.get("funnel.csv.introduced"),
                Messages.get("funnel.csv.first-post"), Messages.get("funnel.csv.replied"),
                Messages.get("funnel.csv.got-reply"));
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(quoted(cells.get(i)));
        }
        csv.append("\r\n");
    }

    /** RFC 4180 quoting, and a leading apostrophe for text Excel would run as a formula. */
    private static String quoted(String cell) {
        String safe = !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
