package org.tmshost.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.console.ExitCode;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class BenchExcitabilityCommandTest {
    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TmsHostCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void printsTheTableOrJsonAndRefusesBadRepetitions() {
        String[] table = run("bench", "excitability", "--repetitions", "3", "--seed", "9");
        assertThat(table[0]).as(table[2]).isEqualTo(String.valueOf(ExitCode.OK));
        assertThat(table[1]).contains("3 seeded measurements per row (seed 9)").contains("typical").contains("neuropathic-pain")
                .contains("Coverage at 10+ trials").contains("Wall time:");
        String[] json = run("bench", "excitability", "--repetitions", "2", "--json");
        assertThat(json[0]).isEqualTo(String.valueOf(ExitCode.OK));
        assertThat(json[1].strip()).startsWith("{\"seed\":1,\"repetitions\":2,").contains("\"wallSeconds\":").endsWith("}");
        String[] bad = run("bench", "excitability", "--repetitions", "0");
        assertThat(bad[0]).isEqualTo(String.valueOf(ExitCode.BAD_INPUT));
        assertThat(bad[2]).contains("--repetitions must be in 1..100000, was 0");
    }
}
