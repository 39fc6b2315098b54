package org.trident.scaleout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.trident.io.Json;
import org.trident.model.TridentException;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Starts a Spark context for Trident: quiet logs, no web UI, Trident's jar shipped to executors. */
public final class SparkContexts {
    private SparkContexts() {}

    /** The embedded master used when none is given: every core of this machine. */
    public static final String DEFAULT_MASTER = "local[*]";

    /** A context on {@code master} (e.g. {@code local[2]}, {@code spark://host:7077}); the caller closes it. */
    public static JavaSparkContext start(String master, String appName) {
        if (master == null || master.isBlank()) master = DEFAULT_MASTER;
        quietLogs();
        SparkConf conf = new SparkConf().setAppName(appName).set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
        // spark-submit sets the master itself; otherwise ours (or the embedded default)
        if (!conf.contains("spark.master")) conf.setMaster(master);
        if (conf.get("spark.master").startsWith("local") && !conf.contains("spark.driver.host")) {
            // an embedded master talks only to itself: no need to look up this machine's name
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        Path jar = ownJar();
        if (jar != null && !conf.contains("spark.jars") && !conf.get("spark.master").startsWith("local")) {
            conf.setJars(new String[]{jar.toString()}); // executors need Trident's classes
        }
        try {
            return new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new TridentException("could not start Spark on master '" + conf.get("spark.master") + "': "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName()), e);
        }
    }

    /**
     * Spark logs every step at INFO and harmless set-up warnings (native Hadoop, host names);
     * a Trident command prints its own progress, so only Spark's errors reach stderr, one line each.
     */
    static void quietLogs() {
        if (System.getProperty(LOG_CONFIG_PROPERTY) != null) return; // the user chose a configuration
        System.setProperty(LOG_CONFIG_PROPERTY, LOG_CONFIG);
        Configurator.reconfigure(); // in case log4j started before this property was set
    }

    static final String LOG_CONFIG_PROPERTY = "log4j2.configurationFile";
    static final String LOG_CONFIG = "org/trident/scaleout/log4j2-spark.properties";

    /** What ran the job, for provenance: master, application id, executors and cores. */
    public static ObjectNode describe(JavaSparkContext sc) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("engine", "Apache Spark " + sc.version());
        n.put("master", sc.master());
        n.put("applicationId", sc.sc().applicationId());
        n.put("defaultParallelism", sc.defaultParallelism());
        n.put("executors", Math.max(1, sc.sc().getExecutorMemoryStatus().size() - (sc.master().startsWith("local") ? 0 : 1)));
        return n;
    }

    /** The jar Trident runs from, or null when it runs from classes (tests, IDE). */
    static Path ownJar() {
        try {
            var src = SparkContexts.class.getProtectionDomain().getCodeSource();
            if (src == null) return null;
            Path p = Path.of(src.getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
        } catch (URISyntaxException | SecurityException e) {
            return null;
        }
    }
}
