package io.swapdesk.chains.internal;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A MetricRegistry for tests without a container: MP Metrics ships no implementation, so this
 * records the only calls the chains module makes (counter(...).inc(), timer(...).update(...)) and
 * refuses any other, which would mean the module started using metrics this stub does not know.
 */
final class RecordingMetricRegistry {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final MetricRegistry registry = proxy(MetricRegistry.class, this::registryCall);

    MetricRegistry registry() {
        return registry;
    }

    /** How often counter {@code name} with exactly these tags was incremented. */
    long counted(String name, Tag... tags) {
        return countOf("counter " + key(name, tags));
    }

    /** How many durations timer {@code name} with exactly these tags recorded. */
    long timed(String name, Tag... tags) {
        return countOf("timer " + key(name, tags));
    }

    private long countOf(String key) {
        AtomicLong count = counts.get(key);
        return count == null ? 0 : count.get();
    }

    private Object registryCall(Method method, Object[] args) {
        String name = args[0] instanceof Metadata metadata ? metadata.getName() : (String) args[0];
        Tag[] tags = args.length > 1 ? (Tag[]) args[1] : new Tag[0];
        AtomicLong count = counts.computeIfAbsent(method.getName() + " " + key(name, tags), key -> new AtomicLong());
        return switch (method.getName()) {
            case "counter" -> proxy(Counter.class, (m, a) -> increment(m, count, "inc"));
            case "timer" -> proxy(Timer.class, (m, a) -> increment(m, count, "update"));
            default -> throw unsupported(method);
        };
    }

    private static Object increment(Method method, AtomicLong count, String recordingMethod) {
        if (method.getName().equals(recordingMethod)) {
            count.incrementAndGet();
            return null;
        }
        if (method.getName().equals("getCount")) {
            return count.get();
        }
        throw unsupported(method);
    }

    private static String key(String name, Tag... tags) {
        return name + Arrays.stream(tags)
                .sorted(Comparator.comparing(Tag::getTagName))
                .map(tag -> tag.getTagName() + "=" + tag.getTagValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static UnsupportedOperationException unsupported(Method method) {
        return new UnsupportedOperationException(method.getDeclaringClass().getSimpleName() + "." + method.getName()
                + " is not recorded by this test registry");
    }

    private interface Call {
        Object handle(Method method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> call.handle(method, args == null ? new Object[0] : args)));
    }
}
