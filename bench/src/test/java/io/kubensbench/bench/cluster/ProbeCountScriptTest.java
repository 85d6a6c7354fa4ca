package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The probe counting PID 1's mount table, under each shell and with each set of tools a probe
 * image may have, against a /proc the test rewrites (PROC points at it): the events it
 * reports are exactly the lines that came and went between its counts.
 */
class ProbeCountScriptTest {

    @TempDir
    Path tmp;

    private FakeProc proc;

    /** A mountinfo line of mount {@code id} at {@code point} with {@code options}. */
    private static String mount(int id, String point, String options) {
        return id + " 1 0:" + (40 + id) + " / " + point + " " + options + " shared:" + id + " - tmpfs tmpfs rw";
    }

    /**
     * Tables that follow each other: pods come and go, a mount id is reused for another mount
     * (one line out, one in), a mount's line changes (remounted read-only); each table differs
     * in size from the one before, which is how the test tells that the probe has counted it.
     */
    private static List<List<String>> tables() {
        List<String> node = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            node.add(mount(20 + i, i == 0 ? "/" : "/node/" + i, "rw,relatime"));
        }
        List<String> podA = List.of(mount(30, "/pods/a/1", "rw"), mount(31, "/pods/a/2", "rw"),
                mount(32, "/pods/a/3", "rw"));
        List<String> podB = List.of(mount(33, "/pods/b/1", "rw"), mount(34, "/pods/b/2", "rw"),
                mount(35, "/pods/b/3", "rw"));
        List<List<String>> tables = new ArrayList<>();
        tables.add(node);
        tables.add(join(node, podA));
        tables.add(join(node, podA, podB));
        tables.add(join(node, podB));
        List<String> reused = join(node, podB);
        reused.set(node.size(), mount(33, "/pods/c/1", "rw"));
        reused.add(mount(36, "/pods/c/2", "rw"));
        tables.add(reused);
        List<String> remounted = new ArrayList<>(reused.subList(0, reused.size() - 1));
        remounted.set(1, mount(21, "/node/1", "ro,relatime"));
        tables.add(remounted);
        return tables;
    }

    @SafeVarargs
    private static List<String> join(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    /** Lines in one table and not the other, both ways: the events between two counts. */
    private static long changes(List<String> a, List<String> b) {
        Set<String> only = new HashSet<>(a);
        only.removeAll(b);
        Set<String> added = new HashSet<>(b);
        added.removeAll(a);
        return only.size() + added.size();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"dash, system", "bash, system", "busybox, system", "dash, busybox", "bash, busybox",
        "busybox, busybox"})
    void eventsAreTheLinesThatCameAndWentBetweenCounts(String shell, String tools) throws Exception {
        List<List<String>> tables = tables();
        Path proc = fakeProc(tables.get(0));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PROC", proc.toString());
        env.put("PROBE_MOUNT_BUDGET_PPM", "0");
        env.put("PROBE_NS_LINKS", "0");
        env.put("PROBE_INTERVAL", "0.1");
        if (tools.equals("busybox")) {
            env.put("PATH", busyboxTools("sort", "uniq", "wc", "sleep").toString());
        }
        try (ScriptProbe probe = ScriptProbe.start(tmp, shell, env, List.of())) {
            String start = probe.next(30);
            assertThat(start).endsWith(tools.equals("busybox") ? " count=uniq" : " count=total");
            long before = -1;
            for (int k = 0; k < tables.size(); k++) {
                ProbeLine line = awaitCount(probe, tables.get(k).size());
                if (k == 0) {
                    assertThat(line.events1()).as("the first count is the baseline").isZero();
                } else {
                    assertThat(line.events1() - before).as("table %d after %d", k, k - 1)
                            .isEqualTo(changes(tables.get(k - 1), tables.get(k)));
                }
                before = line.events1();
                if (k + 1 < tables.size()) {
                    this.proc.mountinfo(1, tables.get(k + 1));
                }
            }
            long total = 0;
            for (int k = 1; k < tables.size(); k++) {
                total += changes(tables.get(k - 1), tables.get(k));
            }
            assertThat(before).isEqualTo(total).isEqualTo(3 + 3 + 3 + 3 + 3);
        }
    }

    /** The next line that counted a table of {@code mounts} lines; lines repeating an older count are passed over. */
    private static ProbeLine awaitCount(ScriptProbe probe, int mounts) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            ProbeLine line = probe.nextLine(30);
            assertThat(line.countedHere()).as("with no budget every line counts").isTrue();
            if (line.mounts1() == mounts) {
                return line;
            }
        }
        throw new AssertionError("the probe never counted a table of " + mounts + " mounts");
    }

    @ParameterizedTest
    @CsvSource({"'sleep,wc', wc", "sleep, -"})
    void withoutTheToolsTheProbeSaysWhatItCannotCount(String tools, String method) throws Exception {
        Path proc = fakeProc(tables().get(1));
        Map<String, String> env = Map.of("PROC", proc.toString(), "PROBE_MOUNT_BUDGET_PPM", "0", "PROBE_NS_LINKS", "0",
                "PATH", busyboxTools(tools.split(",")).toString());
        try (ScriptProbe probe = ScriptProbe.start(tmp, "dash", env, List.of())) {
            assertThat(probe.next(30)).endsWith(" count=" + method);
            ProbeLine line = probe.nextLine(30);

            assertThat(line.events1()).isEqualTo(-1);
            assertThat(line.mounts1()).isEqualTo(method.equals("wc") ? 8 : -1);
            assertThat(line.mountCount() == null).isEqualTo(method.equals("-"));
            assertThat(line.pid1()).as("the rest of the line is read as ever").isNotNull();
        }
    }

    /**
     * A count that costs 100 ms or more of CPU (a slow sort) is followed by none for at least
     * 100 ms / 0.2% = 50 s: the lines in between repeat it, with the line and time it was made.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash", "busybox"})
    void aCostlyCountIsNotRepeatedBeforeTheBudgetAllows(String shell) throws Exception {
        Path bin = busyboxTools("uniq", "wc", "sleep");
        Path sort = bin.resolve("sort");
        Files.writeString(sort, "#!/bin/sh\ni=0\nwhile [ $i -lt 400000 ]; do i=$((i + 1)); done\nexec "
                + busybox() + " sort \"$@\"\n");
        sort.toFile().setExecutable(true, false);
        Map<String, String> env = Map.of("PROC", fakeProc(tables().get(1)).toString(), "PROBE_NS_LINKS", "0",
                "PROBE_INTERVAL", "0.1", "PATH", bin.toString());
        try (ScriptProbe probe = ScriptProbe.start(tmp, shell, env, List.of())) {
            ProbeLine first = probe.nextLine(60);
            List<ProbeLine> later = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                later.add(probe.nextLine(30));
            }

            assertThat(first.countedHere()).isTrue();
            assertThat(first.selfTicks()).as("the count's cost shows in the probe's own CPU").isGreaterThanOrEqualTo(10);
            assertThat(later).allSatisfy(l -> {
                assertThat(l.countedSeq()).isEqualTo(first.seq());
                assertThat(l.countedUptimeNs()).isEqualTo(first.uptimeNs());
                assertThat(l.mounts1()).isEqualTo(8);
            });
        }
    }

    /** A /proc with PID 1's files copied from this machine and {@code mountinfo} as given. */
    private Path fakeProc(List<String> mountinfo) throws IOException {
        proc = FakeProc.create(tmp, mountinfo);
        return proc.root();
    }

    /** A directory holding only these tools, each busybox's applet: a PATH with nothing else. */
    private Path busyboxTools(String... tools) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin-" + String.join("-", tools)));
        for (String tool : tools) {
            Path wrapper = bin.resolve(tool.strip());
            Files.writeString(wrapper, "#!/bin/sh\nexec " + busybox() + " " + tool.strip() + " \"$@\"\n");
            wrapper.toFile().setExecutable(true, false);
        }
        return bin;
    }

    private static String busybox() {
        Path busybox = ScriptProbe.executable("busybox");
        assumeTrue(busybox != null, "busybox is not installed");
        return busybox.toString();
    }
}
