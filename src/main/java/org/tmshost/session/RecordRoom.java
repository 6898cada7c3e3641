package org.tmshost.session;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a session's record goes (its fire journal's directory, the record database) and how the room
 * left there is read: what the free-space arming check looks at.
 */
record RecordRoom(FreeSpace freeSpace, Path journalDirectory, Optional<Path> recordFile) {
}
