import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator of gateway-vs-nginx.sh, which compiles it once per run ({@code java HttpLoad.java ...} also runs
 * it from source; JDK 17, nothing to install). Plain HTTP/1.1 keep-alive over blocking sockets: it costs the 2-core machine far less CPU per request than
 * java.net.http, so more of the machine is left to what is measured.
 *
 * <pre>
 * java HttpLoad.java closed URL TOKEN CONNECTIONS SECONDS      # closed loop: each connection sends, waits, sends
 * java HttpLoad.java open   URL TOKEN RATE SECONDS             # open loop: RATE requests/s on a fixed schedule
 * </pre>
 * Prints one line: {@code rps=… p50_ms=… p95_ms=… p99_ms=… ok=… non2xx=… errors=…}. Latencies are of 2xx answers
 * only; non-2xx answers and I/O errors are counted, never folded into the percentiles. Open-loop latencies are taken
 * from the time each request was due, not when a connection got free (no coordinated omission).
 */
public final class HttpLoad {
    private static final int OPEN_LOOP_CONNECTIONS = 64;

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: java HttpLoad.java closed|open URL TOKEN CONNECTIONS|RATE SECONDS");
            System.exit(64);
        }
        URI uri = URI.create(args[1]);
        byte[] request = ("GET " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\nAuthorization: Bearer " + args[2]
                + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());
        int amount = Integer.parseInt(args[3]);
        long seconds = Long.parseLong(args[4]);
        Result result = args[0].equals("open") ? open(address, request, amount, seconds)
                : closed(address, request, amount, seconds);
        System.out.println(result);
    }

    static Result closed(InetSocketAddress address, byte[] request, int connections, long seconds)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Result result = new Result();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            threads.add(started(() -> {
                Latencies mine = new Latencies();
                Connection connection = null;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    connection = exchange(connection, address, request, t0, mine, result);
                }
                close(connection);
                result.merge(mine);
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        result.elapsedNanos = System.nanoTime() - started;
        return result;
    }

    static Result open(InetSocketAddress address, byte[] request, int rate, long seconds) throws InterruptedException {
        long total = rate * seconds;
        BlockingQueue<Long> due = new ArrayBlockingQueue<>((int) Math.min(total + OPEN_LOOP_CONNECTIONS, 10_000_000));
        Result result = new Result();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < OPEN_LOOP_CONNECTIONS; i++) {
            threads.add(started(() -> {
                Latencies mine = new Latencies();
                Connection connection = null;
                try {
                    for (long t = due.take(); t >= 0; t = due.take()) {
                        connection = exchange(connection, address, request, t, mine, result);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                close(connection);
                result.merge(mine);
            }));
        }
        long started = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        for (long i = 0; i < total; i++) {
            long at = started + i * interval;
            long wait = at - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            due.put(at);
        }
        for (int i = 0; i < OPEN_LOOP_CONNECTIONS; i++) {
            due.put(-1L);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        result.elapsedNanos = System.nanoTime() - started;
        return result;
    }

    /** One request on a kept-alive connection (opened again after an error); returns the connection to reuse. */
    private static Connection exchange(Connection connection, InetSocketAddress address, byte[] request, long from,
                                       Latencies latencies, Result result) {
        try {
            if (connection == null) {
                connection = new Connection(address);
            }
            int status = connection.send(request);
            long took = System.nanoTime() - from;
            if (status >= 200 && status < 300) {
                latencies.add(took);
            } else {
                result.non2xx.incrementAndGet();
            }
            return connection.closeRequested ? reset(connection) : connection;
        } catch (IOException | RuntimeException e) {
            result.errors.incrementAndGet();
            return reset(connection);
        }
    }

    private static Connection reset(Connection connection) {
        close(connection);
        return null;
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        boolean closeRequested;

        Connection(InetSocketAddress address) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(address, 2_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }

        /** Sends the request, reads the whole response (Content-Length or chunked), returns the status. */
        int send(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closeRequested = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                     size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                skip(length);
            } else {
                throw new IOException("response without length");
            }
            return status;
        }

        private void skip(long bytes) throws IOException {
            long left = bytes;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed in a body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }

    /** Nanosecond latencies of one thread, merged at the end. */
    private static final class Latencies {
        long[] values = new long[1 << 14];
        int size;

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }
    }

    private static final class Result {
        final AtomicLong non2xx = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final Latencies all = new Latencies();
        long elapsedNanos;

        synchronized void merge(Latencies latencies) {
            for (int i = 0; i < latencies.size; i++) {
                all.add(latencies.values[i]);
            }
        }

        private double percentileMillis(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
        }

        @Override
        public synchronized String toString() {
            long[] sorted = Arrays.copyOf(all.values, all.size);
            Arrays.sort(sorted);
            double rps = sorted.length / (elapsedNanos / 1e9);
            return String.format(Locale.ROOT, "rps=%.0f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f ok=%d non2xx=%d errors=%d",
                    rps, percentileMillis(sorted, 0.50), percentileMillis(sorted, 0.95),
                    percentileMillis(sorted, 0.99), sorted.length, non2xx.get(), errors.get());
        }
    }

    /** A daemon thread, so that a stuck connection cannot hold the JVM. */
    private static Thread started(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
