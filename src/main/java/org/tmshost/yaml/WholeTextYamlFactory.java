package org.tmshost.yaml;

import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.parser.ParserImpl;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;

/** Jackson's YAML parser on a {@link WholeTextStreamReader}: linear in the length of the text. */
final class WholeTextYamlFactory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    WholeTextYamlFactory(LoaderOptions options) {
        super(YAMLFactory.builder().loaderOptions(options));
    }

    /** A parser for {@code text}, named {@code fileName} in SnakeYAML's own messages. */
    YAMLParser parser(String fileName, String text) throws IOException {
        StringReader reader = new StringReader(text);
        IOContext context = _createContext(_createContentReference(reader), false);
        ParserImpl events = new ParserImpl(new WholeTextStreamReader(fileName, text), _loaderOptions);
        return new Parser(context, _parserFeatures, _yamlParserFeatures, _objectCodec, reader, events);
    }

    @Override
    protected YAMLParser _createParser(Reader reader, IOContext context) {
        throw new UnsupportedOperationException("use parser(fileName, text): SnakeYAML's reader is quadratic");
    }

    private static final class Parser extends YAMLParser {
        Parser(IOContext context, int features, int yamlFeatures, com.fasterxml.jackson.core.ObjectCodec codec,
               Reader reader, ParserImpl events) {
            super(context, features, yamlFeatures, codec, reader, events);
        }
    }
}
