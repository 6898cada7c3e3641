package org.tmshost.course;

/**
 * Bad input to a course command (contracts.md §6, exit 2): an unknown course, subject or measure, a
 * score out of range, a date in the past or far future, a protocol changed since the course was
 * planned. Thrown before anything is written.
 */
public final class CourseInputRefused extends Exception {
    public CourseInputRefused(String message) {
        super(message);
    }
}
