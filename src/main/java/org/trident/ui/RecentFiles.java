package org.trident.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/** The last ten files or folders opened, kept in the user's preferences. */
public final class RecentFiles {
    private static final int MAX = 10;
    private final Preferences prefs;

    public RecentFiles() {
        this(Preferences.userRoot().node("org/trident/ui"));
    }

    RecentFiles(Preferences prefs) {
        this.prefs = prefs;
    }

    public List<Path> list() {
        List<Path> out = new ArrayList<>();
        for (String s : prefs.get("recent", "").split("\n")) if (!s.isBlank()) out.add(Path.of(s));
        return out;
    }

    public void add(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        List<Path> l = list();
        l.remove(abs);
        l.add(0, abs);
        while (l.size() > MAX) l.remove(l.size() - 1);
        StringBuilder b = new StringBuilder();
        for (Path x : l) b.append(x).append('\n');
        try {
            prefs.put("recent", b.toString());
        } catch (RuntimeException e) {
            // preferences may be unwritable (read-only home); recent files are a comfort, not data
        }
    }
}
