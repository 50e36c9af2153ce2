package io.github.twiliosmsmcp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench/ClaimLoad.java drives the store's own classes from outside the build; this compiles it
 * against them, so a renamed class or a changed constructor breaks the build rather than the benchmark.
 */
class BenchClaimsTest {

    @Test
    void theClaimLoadCompilesAgainstTheStore(@TempDir Path out) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();

        int status = javac.run(null, null, errors, "-d", out.toString(), "-cp", System.getProperty("java.class.path"),
                Path.of("bench", "ClaimLoad.java").toString());

        assertEquals(0, status, errors.toString());
    }
}
