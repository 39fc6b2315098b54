package org.trident.io;

import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a file name written in a bundle (or a sidecar JSON) inside its folder. Unless the user
 * allows outside paths, a name that leads out of the folder — {@code ../}, an absolute path, or a
 * symbolic link on the way — is refused. Links are followed one component at a time without
 * touching anything outside the folder, so the answer (and its wording) is the same whether or not
 * the outside target exists: an error never tells anything about files outside.
 */
public final class BundlePaths {
    private static final int MAX_LINKS = 40;

    private BundlePaths() {}

    /**
     * The file {@code name} names relative to {@code dir}, with the links in the folder followed.
     * @param what how the error names the reference, e.g. "channel HAADF"
     * @param json the file that holds the reference (named in the error)
     */
    public static Path resolve(Path json, Path dir, String name, String what, boolean allowOutside) {
        if (name.indexOf('\0') >= 0) throw TridentException.file(json, what + " names a file with a NUL character");
        Path written;
        try {
            written = dir.getFileSystem().getPath(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw TridentException.file(json, what + " names an invalid path");
        }
        if (allowOutside) return dir.resolve(written).normalize();
        Path root;
        try {
            root = dir.toAbsolutePath().toRealPath();
        } catch (IOException e) {
            throw TridentException.file(json, "cannot resolve the bundle folder: " + e.getMessage());
        }
        Path inside = confined(root, written);
        if (inside == null) {
            throw TridentException.file(json, what + " names '" + name + "', which lies outside the bundle folder; Trident reads only"
                    + " files inside a bundle (pass --allow-outside-paths to read it anyway)");
        }
        return inside;
    }

    /** The path inside {@code root} that {@code rel} leads to, or null when it leaves {@code root} at any step. */
    static Path confined(Path root, Path rel) {
        if (rel.isAbsolute() || rel.getRoot() != null) return null;
        Deque<String> todo = new ArrayDeque<>();
        for (Path c : rel) todo.addLast(c.toString());
        Path cur = root;
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) continue;
            if (c.equals("..")) {
                cur = cur.getParent();
                if (cur == null || !cur.startsWith(root)) return null;
                continue;
            }
            Path next = cur.resolve(c);
            if (Files.isSymbolicLink(next)) {
                if (++links > MAX_LINKS) return null;
                Path target;
                try {
                    target = Files.readSymbolicLink(next);
                } catch (IOException e) {
                    return null;
                }
                if (target.isAbsolute()) {
                    Path t = target.normalize();
                    if (!t.startsWith(root)) return null;
                    target = root.relativize(t);
                    cur = root;
                }
                Deque<String> front = new ArrayDeque<>();
                for (Path tc : target) front.addLast(tc.toString());
                while (!front.isEmpty()) todo.addFirst(front.pollLast());
                continue;
            }
            cur = next;
        }
        return cur.startsWith(root) ? cur : null;
    }
}
