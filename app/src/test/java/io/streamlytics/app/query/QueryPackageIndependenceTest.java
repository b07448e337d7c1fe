package io.streamlytics.app.query;

import io.streamlytics.app.http.KeyQueryHandler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * query/ answers with values and typed failures and leaves statuses, headers and bodies to http/, so it must not
 * refer to Javalin or to the http package. The compiled classes are scanned, since a fully qualified name in the
 * code refers to a class as surely as an import does.
 */
class QueryPackageIndependenceTest {
    /** How the class files name what they use: internal names, slashes for dots. */
    private static final List<String> SERVING_PACKAGES = List.of("io/javalin/", "io/streamlytics/app/http/");

    @Test
    void noClassOfTheQueryPackageRefersToJavalinOrToTheHttpPackage() throws IOException, URISyntaxException {
        List<Path> classes = classFilesOfThePackageOf(KeyQueryRouter.class);
        assertTrue(classes.stream().anyMatch(file -> file.getFileName().toString().equals("KeyQueryRouter.class")), classes.toString());
        List<String> offenders = new ArrayList<>();
        for (Path file : classes) {
            offenders.addAll(servingPackagesNamedIn(file));
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void theScanSeesAReferenceWhereThereIsOne() throws IOException, URISyntaxException {
        Path handler = classFilesOfThePackageOf(KeyQueryHandler.class).stream()
                .filter(file -> file.getFileName().toString().equals("KeyQueryHandler.class")).findFirst().orElseThrow();
        List<String> named = servingPackagesNamedIn(handler);
        assertTrue(named.contains("KeyQueryHandler.class refers to io.javalin."), named.toString());
    }

    private static List<Path> classFilesOfThePackageOf(Class<?> type) throws IOException, URISyntaxException {
        Path root = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path packageDir = root.resolve(type.getPackageName().replace('.', '/'));
        try (Stream<Path> files = Files.list(packageDir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".class")).sorted().toList();
        }
    }

    private static List<String> servingPackagesNamedIn(Path classFile) throws IOException {
        // the constant pool keeps names as (modified) UTF-8, ASCII for these: a byte search finds every reference
        String bytes = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
        return SERVING_PACKAGES.stream().filter(bytes::contains)
                .map(name -> classFile.getFileName() + " refers to " + name.replace('/', '.'))
                .toList();
    }
}
