package org.trident.ui;

import org.trident.job.Progress;
import org.trident.job.ProgressTracker;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Background jobs of the workstation: each runs on a worker thread with a {@link ProgressTracker},
 * and its result or error is delivered through {@code ui} (the FX thread in the app, the calling
 * thread in tests). Views poll {@link #list()} on a timer, so engine progress never floods the UI.
 */
public final class Jobs {
    public enum State { QUEUED, RUNNING, DONE, CANCELLED, FAILED }

    /** One job; its state changes only forward, and a cancel never overwrites done or failed. */
    public static final class Job {
        private final String name;
        private final ProgressTracker progress = new ProgressTracker();
        private final LongSupplier clock;
        private volatile State state = State.QUEUED;
        private volatile long startedNanos;
        private volatile long finishedNanos;
        private volatile long phaseStartNanos;
        private volatile String phase = "";
        private volatile Throwable error;

        Job(String name, LongSupplier clock) {
            this.name = name;
            this.clock = clock;
        }

        public String name() { return name; }
        public State state() { return state; }
        public Throwable error() { return error; }
        public ProgressTracker progress() { return progress; }
        public double fraction() { return progress.fraction(); }
        public String status() {
            String s = progress.status();
            return progress.phase() + (s == null || s.isEmpty() ? "" : " · " + s);
        }

        public void cancel() {
            progress.cancel();
            if (state == State.QUEUED) state = State.CANCELLED;
        }

        /** Seconds left in the current phase from its rate so far; NaN until it can be told. */
        public double etaSeconds() {
            if (state != State.RUNNING) return Double.NaN;
            if (!progress.phase().equals(phase)) {
                phase = progress.phase();
                phaseStartNanos = clock.getAsLong();
            }
            double f = progress.fraction();
            double elapsed = (clock.getAsLong() - phaseStartNanos) / 1e9;
            if (f < 0.02 || elapsed < 0.5) return Double.NaN;
            return elapsed * (1 - f) / f;
        }

        public double elapsedSeconds() {
            if (startedNanos == 0) return 0;
            return ((finishedNanos != 0 ? finishedNanos : clock.getAsLong()) - startedNanos) / 1e9;
        }

        public boolean active() { return state == State.QUEUED || state == State.RUNNING; }
    }

    private final ExecutorService workers;
    private final Executor ui;
    private final LongSupplier clock;
    private final List<Job> jobs = new CopyOnWriteArrayList<>();

    public Jobs(int threads, Executor ui) {
        this(Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "trident-job");
            t.setDaemon(true);
            return t;
        }), ui, System::nanoTime);
    }

    Jobs(ExecutorService workers, Executor ui, LongSupplier clock) {
        this.workers = workers;
        this.ui = ui;
        this.clock = clock;
    }

    /** Starts {@code work}; {@code onDone} or {@code onError} run on the UI executor (not after a cancel). */
    public <T> Job submit(String name, Function<Progress, T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        return submit(name, work, onDone, onError, () -> {});
    }

    /** Same, with {@code onCancelled} run on the UI executor when the job ends by a cancel. */
    public <T> Job submit(String name, Function<Progress, T> work, Consumer<T> onDone, Consumer<Throwable> onError, Runnable onCancelled) {
        Job job = new Job(name, clock);
        jobs.add(job);
        workers.execute(() -> {
            if (job.state == State.CANCELLED) return;
            job.startedNanos = clock.getAsLong();
            job.phaseStartNanos = job.startedNanos;
            job.state = State.RUNNING;
            try {
                T result = work.apply(job.progress);
                job.finishedNanos = clock.getAsLong();
                job.state = State.DONE;
                ui.execute(() -> onDone.accept(result));
            } catch (CancellationException e) {
                job.finishedNanos = clock.getAsLong();
                job.state = State.CANCELLED;
                ui.execute(onCancelled);
            } catch (Throwable e) {
                job.finishedNanos = clock.getAsLong();
                if (job.progress.isCancelled()) {
                    job.state = State.CANCELLED;
                    ui.execute(onCancelled);
                } else {
                    job.error = e;
                    job.state = State.FAILED;
                    ui.execute(() -> onError.accept(e));
                }
            }
        });
        return job;
    }

    /** Every job of this session, newest last. */
    public List<Job> list() { return List.copyOf(jobs); }

    public long running() { return jobs.stream().filter(Job::active).count(); }

    /** Forgets finished jobs. */
    public void clearFinished() { jobs.removeIf(j -> !j.active()); }

    public void cancelAll() { jobs.forEach(Job::cancel); }

    public void shutdown() {
        cancelAll();
        workers.shutdownNow();
    }
}
