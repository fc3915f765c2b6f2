package jp.kyoso.testhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps a module's message file ({@code src/main/resources/i18n/<module>.properties}) and its code in step: every key
 * the code names is in the file, every key in the file is named by the code, no key is written twice, and the file is
 * valid UTF-8 (a Japanese text saved in another encoding would reach people as mojibake).
 *
 * <p>The code names a key in one of three ways: {@code Messages.get("key", ...)} (each module's accessor is called
 * {@code Messages}), {@code Messages.get("prefix." + ...)} for keys chosen at run time (every file key under the
 * prefix counts as named), and {@code "{key}"} in a Bean Validation annotation's {@code message}.
 */
public final class MessageFiles {
    private static final Pattern LOOKUP = Pattern.compile("Messages\\.get\\(\\s*\"([a-z0-9][a-z0-9._-]*)\"\\s*([+]?)");
    private static final Pattern ANNOTATION = Pattern.compile("\"\\{([a-z0-9][a-z0-9._-]*)}\"");
    private static final Pattern KEY_LINE = Pattern.compile("^([a-z0-9][a-z0-9._-]*)\\s*[=:]");

    private MessageFiles() {
    }

    public static void assertInStepWithTheCode(Path messageFile, Path sourceRoot) {
        Set<String> fileKeys = keysOf(messageFile);
        Set<String> named = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        for (String source : javaSources(sourceRoot)) {
            Matcher lookup = LOOKUP.matcher(source);
            while (lookup.find()) {
                (lookup.group(2).isEmpty() ? named : prefixes).add(lookup.group(1));
            }
            Matcher annotation = ANNOTATION.matcher(source);
            while (annotation.find()) {
                named.add(annotation.group(1));
            }
        }
        Set<String> missing = new TreeSet<>(named);
        missing.removeAll(fileKeys);
        assertThat(missing).as("keys the code names that %s lacks", messageFile).isEmpty();
        List<String> unused = fileKeys.stream().filter(key -> !named.contains(key))
                .filter(key -> prefixes.stream().noneMatch(key::startsWith)).toList();
        assertThat(unused).as("keys of %s that no code names", messageFile).isEmpty();
        for (String prefix : prefixes) {
            assertThat(fileKeys).as("keys under the prefix %s in %s", prefix, messageFile)
                    .anyMatch(key -> key.startsWith(prefix));
        }
    }

    private static Set<String> keysOf(Path messageFile) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(messageFile))).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError(messageFile + " is not valid UTF-8", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> written = new ArrayList<>();
        boolean continued = false;
        for (String line : text.split("\n", -1)) {
            Matcher key = KEY_LINE.matcher(line);
            if (!continued && key.find()) {
                written.add(key.group(1));
            }
            continued = line.endsWith("\\") && !line.endsWith("\\\\");
        }
        Set<String> keys = new TreeSet<>(written);
        assertThat(written).as("keys written twice in %s", messageFile).hasSameSizeAs(keys);
        Properties loaded = new Properties();
        try {
            loaded.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(loaded.stringPropertyNames()).as("keys of %s (a key the line check did not read?)", messageFile)
                .containsExactlyInAnyOrderElementsOf(keys);
        return keys;
    }

    private static List<String> javaSources(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).map(file -> {
                try {
                    return Files.readString(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
