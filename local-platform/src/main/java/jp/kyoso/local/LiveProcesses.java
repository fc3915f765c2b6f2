package jp.kyoso.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Looks up processes by pid the way {@code status} and {@code down} need it: a zombie (dead, not yet reaped by its
 * parent) counts as gone, although {@link ProcessHandle#isAlive()} still says alive.
 */
final class LiveProcesses {

    private LiveProcesses() {
    }

    static Optional<ProcessHandle> find(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(handle -> !isZombie(pid));
    }

    private static boolean isZombie(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.isReadable(stat)) {
            return false;
        }
        try {
            // "pid (command name) S ...": the state follows the last ')', as the name itself may contain one
            String content = Files.readString(stat);
            int end = content.lastIndexOf(')');
            return end > 0 && content.length() > end + 2 && content.charAt(end + 2) == 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}
