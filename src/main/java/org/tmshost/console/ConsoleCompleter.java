package org.tmshost.console;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.protocol.ProtocolLibrary;
import org.tmshost.simulator.subject.SubjectParameters;
import org.tmshost.threshold.HuntMethod;

import java.util.List;
import java.util.function.Supplier;

/**
 * Tab completion: command names first; then protocol names after {@code load}, profile names after
 * {@code profile}, {@code sim:PROFILE} after {@code device}, known subjects after {@code subject},
 * {@code rmt|amt|hunt}, {@code --evidence emg|visual} and the hunt's algorithms, options and MEP inputs for
 * {@code threshold}, course ids and the course's actions, measures, event kinds and severities after
 * {@code course}, command names after {@code help}.
 */
final class ConsoleCompleter implements Completer {
    /** The adverse events and severities {@code course event} takes (as {@code Courses} checks them). */
    static final List<String> EVENT_KINDS = org.tmshost.course.Courses.EVENT_KINDS;
    static final List<String> SEVERITIES = org.tmshost.course.Courses.SEVERITIES;
    private final Supplier<List<String>> subjects;
    private final Supplier<List<String>> courses;

    ConsoleCompleter(Supplier<List<String>> subjects) {
        this(subjects, List::of);
    }

    ConsoleCompleter(Supplier<List<String>> subjects, Supplier<List<String>> courses) {
        this.subjects = subjects;
        this.courses = courses;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        candidates(line.words(), line.wordIndex()).forEach(c -> candidates.add(new Candidate(c)));
    }

    private static List<String> thresholdCandidates(List<String> words, int index, String previous) {
        boolean hunt = words.size() > 1 && words.get(1).equals("hunt");
        if (index == 1) {
            return List.of("rmt", "amt", "hunt");
        }
        if (hunt) {
            return switch (previous) {
                case "hunt" -> List.of("rmt", "amt");
                case ThresholdOptionNames.ALGORITHM -> HuntMethod.keywords();
                case "--mep" -> java.util.stream.Stream.concat(java.util.stream.Stream.of("operator", "virtual"),
                        java.util.stream.Stream.concat(SubjectParameters.bundledNames().stream().map(n -> "virtual:" + n),
                                java.util.stream.Stream.of("stream:"))).toList();
                case "--evidence" -> List.of("emg", "visual");
                case "--criterion", "--start", "--cap", "--seed" -> List.of();
                default -> ConsoleHunt.OPTIONS;
            };
        }
        return previous.equals(ThresholdOptionNames.EVIDENCE) ? List.of("emg", "visual")
                : index == 3 ? List.of(ThresholdOptionNames.EVIDENCE) : List.of();
    }

    private List<String> courseCandidates(List<String> words, int index, String previous) {
        if (index == 1) {
            List<String> all = new java.util.ArrayList<>(courses.get());
            all.addAll(CourseCommands.ACTIONS);
            return all;
        }
        return switch (previous) {
            case "--measure" -> List.of("pain-nrs", "pain-vas");
            case "--kind" -> EVENT_KINDS;
            case "--severity" -> SEVERITIES;
            case "--before", "--after", "--session", "--at", "--note", "--as", "--reason" -> List.of();
            default -> switch (words.get(1)) {
                case "outcome" -> List.of("--measure", "--before", "--after", "--session", "--at");
                case "event" -> List.of("--kind", "--severity", "--note", "--session", "--at");
                case "resume" -> List.of("--as", "--reason");
                default -> List.of();
            };
        };
    }

    /** What may go at word {@code index} of {@code words}. */
    List<String> candidates(List<String> words, int index) {
        if (index == 0) {
            return ConsoleDesk.COMMANDS;
        }
        String command = words.get(0);
        String previous = words.get(index - 1);
        return switch (command) {
            case "load" -> index == 1 ? ProtocolLibrary.names() : List.of();
            case "profile" -> index == 1 ? HardwareProfiles.names() : List.of();
            case "device" -> index == 1 ? HardwareProfiles.names().stream().map(n -> "sim:" + n).toList() : List.of();
            case "subject" -> index == 1 ? subjects.get() : List.of();
            case "threshold" -> thresholdCandidates(words, index, previous);
            case "course" -> courseCandidates(words, index, previous);
            case "confirm" -> List.of("--all", "--hearing-protection", "--screening");
            case "approve" -> List.of("--reason");
            case "sessions" -> index == 1 ? List.of("show", "--attempts", "--json") : List.of("--json");
            case "help" -> index == 1 ? ConsoleDesk.COMMANDS : List.of();
            default -> List.of();
        };
    }
}
