package jp.kyoso.platform.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Continues a trace that waited in MongoDB (a queued delivery, for example): the work runs in a new span whose
 * parent is the stored {@code traceparent}, so that a mail sent minutes after the reply that caused it is still in
 * the reply's trace. Without tracing, or without a stored parent, the work simply runs.
 */
public class TraceContinuation {
    private final ObjectProvider<Tracer> tracers;
    private final ObjectProvider<Propagator> propagators;

    public TraceContinuation(ObjectProvider<Tracer> tracers, ObjectProvider<Propagator> propagators) {
        this.tracers = tracers;
        this.propagators = propagators;
    }

    public <T> T inSpan(String name, String traceParent, Supplier<T> work) {
        Tracer tracer = tracers.getIfAvailable();
        Propagator propagator = propagators.getIfAvailable();
        if (traceParent == null || tracer == null || propagator == null) {
            return work.get();
        }
        Span span = propagator.extract(Map.of(TraceParents.HEADER, traceParent), Map::get)
                .name(name).kind(Span.Kind.CLIENT).start();
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
