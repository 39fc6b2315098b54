package org.trident.scaleout;

import org.trident.model.TridentException;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds Apache Spark for the commands that need it. Spark (~220 MB) is not inside trident.jar, so
 * the workstation and the plain CLI never load or pay for it. When Spark is already on the class
 * path (spark-submit, tests) it is used as is; otherwise the command is run again inside a class
 * loader over {@code spark-lib/} beside the jar (made by {@code mvn package}) and the jar itself.
 */
public final class SparkClasspath {
    private SparkClasspath() {}

    /** The folder of Spark's jars next to trident.jar. */
    public static final String LIB = "spark-lib";

    /** Whether Spark's classes can be loaded here. */
    public static boolean available() {
        try {
            Class.forName("org.apache.spark.api.java.JavaSparkContext", false, SparkClasspath.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Runs {@code entryClass.run(args…)} (the CLI's {@code static int run(String...)}) again in a
     * class loader that has Spark, and returns its exit code.
     * Refuses with a sentence saying how to get Spark when {@code spark-lib/} is missing.
     */
    public static int rerunWithSpark(String entryClass, String[] args) {
        Path jar = SparkContexts.ownJar();
        Path lib = jar == null ? null : jar.getParent().resolve(LIB);
        if (lib == null || !Files.isDirectory(lib)) {
            throw new TridentException("this command needs Apache Spark, which is not beside trident.jar"
                    + (lib == null ? "" : " (no " + LIB + "/ folder next to it)")
                    + "; build it with `mvn -DskipTests package` (which copies Spark to target/" + LIB + "/) or run through spark-submit");
        }
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> s = Files.list(lib)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) urls.add(p.toUri().toURL());
            urls.add(0, jar.toUri().toURL()); // Trident's own classes (and its Jackson) come first
        } catch (IOException e) {
            throw new TridentException(lib + ": cannot list Spark's jars: " + e.getMessage(), e);
        }
        // SLF4J: use Spark's log4j binding, and say so, so it does not warn about two providers
        System.setProperty("slf4j.provider", "org.apache.logging.slf4j.SLF4JServiceProvider");
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        System.setProperty("slf4j.internal.verbosity", "WARN");
        if (System.getProperty(SparkContexts.LOG_CONFIG_PROPERTY) == null) {
            System.setProperty(SparkContexts.LOG_CONFIG_PROPERTY, SparkContexts.LOG_CONFIG); // before log4j starts in the new loader
        }
        // never closed: Spark's and Hadoop's shutdown hooks load classes from it when the JVM exits
        URLClassLoader loader = new URLClassLoader("trident+spark", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        try {
            Thread.currentThread().setContextClassLoader(loader);
            Class<?> cli = Class.forName(entryClass, true, loader);
            Method run = cli.getMethod("run", String[].class);
            return (Integer) run.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error er) throw er;
            throw new TridentException("the Spark run failed: " + c, c);
        } catch (ReflectiveOperationException e) {
            throw new TridentException("could not load Spark from " + lib + ": " + e.getMessage(), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
