package org.trident.formats;

import org.trident.model.TridentException;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs third-party parsing (jhdf) on a daemon thread with a time limit. A corrupt HDF5 object
 * header can send jhdf round a loop of continuation blocks for ever; we cannot stop that code,
 * but we can stop waiting for it and say the file is corrupt. Errors thrown there (including
 * running out of memory on an absurd declared size) come back as one sentence naming the file.
 */
final class Watchdog {
    private Watchdog() {}

    /** A limit that grows with the file: 30 s plus 1 s per 20 MB. */
    static long limitMillis(Path file) {
        long size;
        try {
            size = java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            size = 0;
        }
        return 30_000L + size / 20_000L;
    }

    static <T> T call(Path file, long limitMillis, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread t = new Thread(task, "trident-hdf5-read");
        t.setDaemon(true);
        t.start();
        try {
            return task.get(limitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw TridentException.file(file, "reading its HDF5 structure did not finish within " + limitMillis / 1000
                    + " s; the file is probably corrupt (jhdf went round a loop)");
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("cancelled");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof TridentException te) throw te;
            if (c instanceof CancellationException ce) throw ce;
            if (c instanceof OutOfMemoryError) throw TridentException.file(file, "jhdf ran out of memory reading it; the file is probably corrupt (it declares absurd sizes)");
            throw Hdf5.cannotRead(file, c);
        }
    }
}
