package org.tmshost.safety;

import org.tmshost.yaml.FieldReader;
import org.tmshost.yaml.FieldReader.Range;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.LocatedYaml;

import java.math.BigDecimal;

/**
 * The Chen 1997 inter-train-interval limits and train-duration margin (data file
 * {@code safety/chen1997-inter-train-interval.yaml}).
 */
record Chen1997Limits(BigDecimal appliesAboveFrequencyHz, BigDecimal appliesAbovePercentRmt,
                      BigDecimal blockedAtOrBelowSeconds, BigDecimal overrideBelowSeconds,
                      BigDecimal trainDurationMarginFactor, String citation, String marginCitation) {

    static final String FILE = "safety/chen1997-inter-train-interval.yaml";

    static Chen1997Limits parse(String fileName, String text) throws InvalidFileException {
        FieldReader fields = FieldReader.of(LocatedYaml.parse(fileName, text));
        String citation = fields.requireText("citation", "the source, as free text");
        String confidence = Confidence.read(fields);
        BigDecimal aboveHz = fields.requireDecimal("appliesAboveFrequencyHz", Range.between("0", "1000"));
        BigDecimal abovePercent = fields.requireDecimal("appliesAbovePercentRmt", Range.between("0", "1000"));
        BigDecimal blocked = fields.requireDecimal("blockedAtOrBelowSeconds", Range.between("0", "3600"));
        BigDecimal override = fields.requireDecimal("overrideBelowSeconds", Range.between("0", "3600"));
        if (!fields.hasErrors() && override.compareTo(blocked) < 0) {
            fields.errorAt("overrideBelowSeconds", "at least blockedAtOrBelowSeconds ("
                    + blocked.toPlainString() + " s)");
        }
        FieldReader margin = fields.nested("trainDurationMargin",
                fields.requireNode("trainDurationMargin", "a mapping with factor, citation and confidence"));
        BigDecimal factor = margin.requireDecimal("factor", Range.positiveUpTo("1"));
        String marginCitation = margin.requireText("citation", "the source of the factor, as free text");
        String marginConfidence = Confidence.read(margin);
        margin.checkUnknown();
        fields.finish();
        return new Chen1997Limits(aboveHz, abovePercent, blocked, override, factor, citation + " " + confidence,
                marginCitation + " " + marginConfidence);
    }
}
