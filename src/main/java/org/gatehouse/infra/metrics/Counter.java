package org.gatehouse.infra.metrics;

/** One series of a counter {@link Figure}: cheap to increment from any thread. */
public interface Counter {

    /** Adds one. */
    void increment();

    /** The count so far. */
    long count();
}
