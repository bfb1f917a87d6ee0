package org.gatehouse.infra.metrics;

import java.util.concurrent.atomic.LongAdder;

/** A {@link Counter} kept in this process: a {@link LongAdder}, so concurrent increments do not contend. */
final class LocalCounter implements Counter {

    private final LongAdder adder = new LongAdder();

    @Override
    public void increment() {
        adder.increment();
    }

    @Override
    public long count() {
        return adder.sum();
    }
}
