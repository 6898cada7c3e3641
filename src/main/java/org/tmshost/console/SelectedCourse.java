package org.tmshost.console;

/**
 * The treatment course the console's sessions count toward ({@code course ID}): its id and whose it
 * is. While one is selected, {@code check} and {@code arm} prepare the session as the course's, with
 * its admission findings in the verdict.
 */
record SelectedCourse(String name, String subjectId) {
}
