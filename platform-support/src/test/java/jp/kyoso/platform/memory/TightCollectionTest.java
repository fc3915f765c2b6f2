package jp.kyoso.platform.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Against this test JVM's own flags: HotSpot decides whether the values are accepted, not a fake. */
class TightCollectionTest {
    private final HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @Test
    void theCollectionRunsWithNarrowBoundsAndTheConfiguredOnesComeBackAfterIt() {
        List<String> before = bounds();
        AtomicReference<List<String>> during = new AtomicReference<>();

        new TightCollection(vm, () -> during.set(bounds())).run();

        assertThat(during.get()).containsExactly(Integer.toString(TightCollection.IDLE_MIN_FREE_PERCENT),
                Integer.toString(TightCollection.IDLE_MAX_FREE_PERCENT));
        assertThat(bounds()).isEqualTo(before);
    }

    @Test
    void aFailingCollectionStillPutsTheBoundsBack() {
        List<String> before = bounds();

        assertThatThrownBy(() -> new TightCollection(vm, () -> {
            throw new IllegalStateException("collection failed");
        }).run()).hasMessage("collection failed");

        assertThat(bounds()).isEqualTo(before);
    }

    @Test
    void twoReleasesInOneJvmDoNotKeepEachOthersNarrowBounds() throws Exception {
        List<String> before = bounds();
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        CountDownLatch secondInside = new CountDownLatch(1);
        CountDownLatch secondMayEnd = new CountDownLatch(1);
        Thread first = new Thread(() -> new TightCollection(vm, () -> {
            firstInside.countDown();
            awaitQuietly(firstMayEnd);
        }).run());
        Thread second = new Thread(() -> new TightCollection(vm, () -> {
            secondInside.countDown();
            awaitQuietly(secondMayEnd);
        }).run());

        first.start();
        firstInside.await(10, TimeUnit.SECONDS);
        second.start();
        // the second waits for the first (as it must), or, were they not serialised, it is inside too, having saved
        // the first's narrow bounds as "configured", and would put those back after the first has restored
        await().atMost(Duration.ofSeconds(10))
                .until(() -> second.getState() == Thread.State.BLOCKED || secondInside.getCount() == 0);
        firstMayEnd.countDown();
        first.join(10_000);
        secondMayEnd.countDown();
        second.join(10_000);

        assertThat(bounds()).isEqualTo(before);
    }

    @Test
    void whereTheBoundsCannotBeWrittenTheCollectionRunsAnyway() {
        AtomicInteger collections = new AtomicInteger();

        new TightCollection(new Refusing(TightCollection.MIN_FREE, TightCollection.MAX_FREE),
                collections::incrementAndGet).run();

        assertThat(collections.get()).isEqualTo(1);
    }

    @Test
    void whenOnlyTheMinimumCouldBeNarrowedItIsPutBackToo() {
        List<String> before = bounds();
        AtomicReference<List<String>> during = new AtomicReference<>();

        new TightCollection(new Refusing(TightCollection.MAX_FREE), () -> during.set(bounds())).run();

        assertThat(during.get()).containsExactly(Integer.toString(TightCollection.IDLE_MIN_FREE_PERCENT),
                before.get(1));
        assertThat(bounds()).isEqualTo(before);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<String> bounds() {
        return List.of(vm.getVMOption(TightCollection.MIN_FREE).getValue(),
                vm.getVMOption(TightCollection.MAX_FREE).getValue());
    }

    /** This JVM, but the flags named cannot be changed at run time. */
    private final class Refusing implements HotSpotDiagnosticMXBean {
        private final List<String> refused;

        Refusing(String... refused) {
            this.refused = List.of(refused);
        }

        @Override
        public void dumpHeap(String outputFile, boolean live) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<VMOption> getDiagnosticOptions() {
            return vm.getDiagnosticOptions();
        }

        @Override
        public VMOption getVMOption(String name) {
            return vm.getVMOption(name);
        }

        @Override
        public void setVMOption(String name, String value) {
            if (refused.contains(name)) {
                throw new IllegalArgumentException(name + " is not writeable");
            }
            vm.setVMOption(name, value);
        }

        @Override
        public ObjectName getObjectName() {
            return vm.getObjectName();
        }
    }
}
