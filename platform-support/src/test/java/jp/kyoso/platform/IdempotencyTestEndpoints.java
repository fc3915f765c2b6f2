package jp.kyoso.platform;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** POSTs that count how often they really ran, for IdempotencyKeyTest. */
@RestController
class IdempotencyTestEndpoints {
    static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();
    /** The slow endpoint waits for this, so that a second request arrives while the first still runs. */
    static volatile CountDownLatch slowGate = new CountDownLatch(0);
    static volatile CountDownLatch slowEntered = new CountDownLatch(0);

    record Order(String name) {
    }

    record Created(String id, String name, int run) {
    }

    static int runs(String name) {
        AtomicInteger runs = RUNS.get(name);
        return runs == null ? 0 : runs.get();
    }

    private static int ran(String name) {
        return RUNS.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
    }

    @PostMapping("/api/widgets")
    ResponseEntity<Created> create(@RequestBody Order order) {
        int run = ran(order.name());
        String id = order.name() + "-" + run;
        return ResponseEntity.created(URI.create("/api/widgets/" + id)).body(new Created(id, order.name(), run));
    }

    @PostMapping("/api/widgets/slow")
    ResponseEntity<Created> slow(@RequestBody Order order) throws InterruptedException {
        int run = ran(order.name());
        slowEntered.countDown();
        if (!slowGate.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never opened the gate");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(new Created(order.name(), order.name(), run));
    }

    /** Fails with 503 on its first run only. */
    @PostMapping("/api/widgets/flaky")
    ResponseEntity<Created> flaky(@RequestBody Order order) {
        int run = ran(order.name());
        if (run == 1) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(new Created(order.name(), order.name(), run));
    }

    @PostMapping("/api/public/widgets")
    ResponseEntity<Created> anonymous(@RequestBody Order order) {
        int run = ran(order.name());
        return ResponseEntity.status(HttpStatus.CREATED).body(new Created(order.name(), order.name(), run));
    }

    /** Stands for a login: listed in kyoso.idempotency.excluded-paths, its tokens must never be stored. */
    @PostMapping("/api/auth/{kind}")
    Map<String, Object> token(@PathVariable String kind, @RequestBody Order order) {
        return Map.of("accessToken", "secret-" + kind + "-" + ran(order.name()));
    }
}
