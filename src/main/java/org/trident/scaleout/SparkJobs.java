package org.trident.scaleout;

import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.trident.job.Progress;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for a Spark job the way a Trident step waits: progress per finished task, cancel on request, one-line errors. */
final class SparkJobs {
    private SparkJobs() {}

    /**
     * Waits for {@code job} of {@code tasks} tasks, advancing {@code progress} as tasks finish
     * (after a {@code start} by the caller) and cancelling the job when the user cancels.
     */
    static <T> T await(JavaSparkContext sc, JavaFutureAction<T> job, int tasks, Progress progress, String unit) {
        long reported = 0;
        while (true) {
            if (progress.isCancelled()) {
                job.cancel(true);
                throw new CancellationException("cancelled");
            }
            try {
                T out = job.get(250, TimeUnit.MILLISECONDS);
                progress.advance(tasks - reported);
                return out;
            } catch (TimeoutException e) {
                long done = finished(sc, job);
                if (done > reported) {
                    progress.advance(done - reported);
                    progress.message(done + "/" + tasks + " " + unit + " done");
                    reported = done;
                }
            } catch (InterruptedException e) {
                job.cancel(true);
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            } catch (ExecutionException e) {
                throw SparkErrors.unwrap(e);
            }
        }
    }

    private static long finished(JavaSparkContext sc, JavaFutureAction<?> job) {
        long done = 0;
        for (int id : job.jobIds()) {
            var info = sc.statusTracker().getJobInfo(id);
            if (info == null) continue;
            for (int stage : info.stageIds()) {
                SparkStageInfo si = sc.statusTracker().getStageInfo(stage);
                if (si != null) done += si.numCompletedTasks();
            }
        }
        return done;
    }
}
