package io.github.twiliosmsmcp.stdio;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * One writer's bytes, gathered into whole lines. Each SDK server writes its messages through its own,
 * so that a message one of them writes in several pieces is never broken by a line of the other's.
 */
final class LineWriter extends OutputStream {
    private final Consumer<byte[]> lines;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineWriter(Consumer<byte[]> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            lines.accept(line.toByteArray());
            line.reset();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }
}
