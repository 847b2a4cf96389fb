package io.swapdesk.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared kernel's boundary as a failing test: it must not depend on any other SwapDesk
 * module, and every package says what it is for. (No ArchUnit on this module's classpath, so the
 * sources are read directly; surefire runs with the module directory as working directory.)
 */
class PlatformModuleStructureTest {

    private static final Path MAIN_SOURCES = Path.of("src", "main", "java");
    private static final Pattern OTHER_MODULE_REFERENCE =
            Pattern.compile("\\bio\\.swapdesk\\.(?!platform\\b)[a-z]");

    @Test
    void mainSourcesReferToNoOtherSwapDeskModule() throws IOException {
        for (Path source : javaSources()) {
            assertThat(OTHER_MODULE_REFERENCE.matcher(Files.readString(source)).find())
                    .as("%s refers to another SwapDesk module", source)
                    .isFalse();
        }
    }

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        List<Path> packages = javaSources().stream().map(Path::getParent).distinct().toList();
        assertThat(packages).isNotEmpty();
        for (Path directory : packages) {
            assertThat(directory.resolve("package-info.java")).as("package-info in %s", directory).exists();
        }
    }

    private static List<Path> javaSources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList();
        }
    }
}
