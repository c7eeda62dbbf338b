package io.labelhub.dm.formats.datasets.internal;

import static io.labelhub.dm.formats.datasets.internal.Fixtures.completion;
import static io.labelhub.dm.formats.datasets.internal.Fixtures.span;
import static io.labelhub.dm.formats.datasets.internal.Fixtures.task;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class Conll2003ExportFormatTest {

    //                                      0         1         2         3         4
    //                                      0123456789012345678901234567890123456789012345678
    private static final String SENTENCE = "Angela Merkel visited Paris-based Airbus in 2019.";

    @Test
    void tagsTheTokensOfTwoEntitiesBioAndTheRestO() throws IOException {
        String conll = new String(Fixtures.write(new Conll2003ExportFormat(), Fixtures.NER,
                task(1, Map.of("text", SENTENCE), completion(11, false, List.of(
                        span(22, 27, "Paris", "LOC"), span(0, 13, "Angela Merkel", "PER")))),
                task(2, Map.of("text", "Not labeled yet.")),
                task(3, Map.of("text", "Nothing  here"), completion(31, false, List.of()))),
                StandardCharsets.UTF_8);
        assertEquals("""
                -DOCSTART- -X- -X- O

                Angela -X- _ B-PER
                Merkel -X- _ I-PER
                visited -X- _ O
                Paris -X- _ B-LOC
                - -X- _ O
                based -X- _ O
                Airbus -X- _ O
                in -X- _ O
                2019 -X- _ O
                . -X- _ O

                Nothing -X- _ O
                here -X- _ O

                """, conll);
    }

    @Test
    void theGroundTruthIsWrittenAndOverlappingSpansKeepTheFirst() throws IOException {
        String conll = new String(Fixtures.write(new Conll2003ExportFormat(), Fixtures.NER,
                task(1, Map.of("text", "New York City Hall"),
                        completion(11, false, List.of(span(0, 8, "New York", "LOC"))),
                        completion(12, true, List.of(span(0, 13, "New York City", "LOC"),
                                span(9, 18, "City Hall", "Public building"))))),
                StandardCharsets.UTF_8);
        assertEquals(Conll2003ExportFormat.DOCSTART + "New -X- _ B-LOC\nYork -X- _ I-LOC\nCity -X- _ I-LOC\n"
                + "Hall -X- _ O\n\n", conll);
    }

    @Test
    void tokensSplitAtSpacesAndPunctuationButNotInsideNumbersAndWords() {
        assertEquals(List.of("don't", "pay", "$", "3.50", ",", "e-mail", "U.S", ".", "now", "!", "«", "Zürich", "»"),
                Tokens.split("don't pay $3.50, e-mail U.S. now! «Zürich»", Set.of()).stream()
                        .map(Tokens.Token::text).toList());
        assertEquals(List.of("Paris-based"), Tokens.split("Paris-based", Set.of()).stream()
                .map(Tokens.Token::text).toList());
        assertEquals(List.of("Paris", "-", "based"), Tokens.split("Paris-based", Set.of(0, 5)).stream()
                .map(Tokens.Token::text).toList());
    }
}
