package io.github.twiliosmsmcp.app;

/**
 * One part of the core, as a front door holds it: built on first use, or the configuration
 * problems that keep it from being built.
 */
@FunctionalInterface
public interface Part<T> {
    T get() throws NotConfigured;
}
