package org.tmshost.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Tag("unit")
class LocatedYamlLimitsTest {
    private static String refusal(String text) {
        return catchThrowableOfType(InvalidFileException.class, () -> LocatedYaml.parse("f.yaml", text)).getMessage();
    }

    /** The whole-text reader places every token where SnakeYAML's own reader does. */
    @Test
    void theLinearReaderGivesTheSameLinesAndColumnsAsSnakeYamls() throws Exception {
        for (String resource : List.of("/hardware-profiles/magstim-rapid2.yaml", "/safety/site-policy.yaml",
                "/protocols/itbs.yaml", "/safety/rossi2009-train-duration.yaml")) {
            String text;
            try (InputStream in = getClass().getResourceAsStream(resource)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8) + "crlf: [1,\r\n 2]\r\nbom: \"\uFEFFx\"\n";
            }
            assertThat(tokens(new WholeTextYamlFactory(new org.yaml.snakeyaml.LoaderOptions()).parser("f", text)))
                    .as(resource).isEqualTo(tokens(new YAMLFactory().createParser(text)));
        }
    }

    private static List<String> tokens(JsonParser parser) throws Exception {
        var tokens = new ArrayList<String>();
        try (parser) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                tokens.add(token + " " + parser.getText() + " @" + parser.currentTokenLocation().getLineNr() + ":"
                        + parser.currentTokenLocation().getColumnNr());
            }
        }
        return tokens;
    }

    @Test
    void anchorsAndAliasesAreRefusedWithTheirLineSoNoBombExpands() {
        // Jackson drops a scalar's anchor (the value stays as written); the alias that would repeat it is refused
        assertThat(refusal("name: x\ncitation: &c Rossi\nother: *c\n")).startsWith("f.yaml:3:8: anchors (&name) and aliases");
        assertThat(refusal("name: x\nlaughs: &l [lol, lol]\n")).startsWith("f.yaml:2:9: anchors (&name) and aliases");
    }

    @Test
    void nestingDeeperThan32IsRefusedWithItsLine() throws Exception {
        LocatedYaml.parse("f.yaml", "a: " + "[".repeat(31) + "]".repeat(31));
        assertThat(refusal("a: " + "[".repeat(32) + "]".repeat(32))).startsWith("f.yaml:1:35: nested deeper than 32");
        assertThat(refusal("a: " + "[".repeat(100_000) + "]".repeat(100_000))).startsWith("f.yaml:1:35: nested deeper than 32");
    }

    @Test
    void aControlCharacterIsNamedWithItsLineAndColumn() {
        assertThat(refusal("name: x\nkind: a\u0007b\n")).startsWith("f.yaml:2:8: holds character U+0007");
    }
}
